//! A Ladder document as `import` writes it: fields in the order a person
//! reads them, and nothing that the sheet did not say.

use serde::Serialize;

#[derive(Debug, Serialize)]
pub struct LadderDoc {
    pub kind: &'static str,
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub cumulative: bool,
    pub competencies: Vec<CompetencyDoc>,
    pub tracks: Vec<TrackDoc>,
    pub levels: Vec<LevelDoc>,
}

#[derive(Debug, Serialize)]
pub struct CompetencyDoc {
    pub id: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applies_to: Option<ScopeDoc>,
}

#[derive(Debug, Serialize)]
pub struct ScopeDoc {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub tracks: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min_rank: Option<i64>,
}

#[derive(Debug, Serialize)]
pub struct TrackDoc {
    pub id: String,
    pub title: String,
    pub manages_people: bool,
}

#[derive(Debug, Serialize)]
pub struct LevelDoc {
    pub id: String,
    pub track: TrackRef,
    pub rank: i64,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manages_people: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub band: Option<Band>,
    /// In the ladder's competency order.
    pub expectations: serde_json::Map<String, serde_json::Value>,
}

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Band {
    #[serde(serialize_with = "amount")]
    pub min: f64,
    #[serde(serialize_with = "amount")]
    pub max: f64,
}

/// Whole amounts as integers (`150000`, not `150000.0`).
fn amount<S: serde::Serializer>(x: &f64, s: S) -> Result<S::Ok, S::Error> {
    if x.fract() == 0.0 && x.abs() < 9e15 {
        s.serialize_i64(*x as i64)
    } else {
        s.serialize_f64(*x)
    }
}

/// `track: ic`, or `track: [ic, management]` for a shared level.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum TrackRef {
    One(String),
    Many(serde_saphyr::FlowSeq<Vec<String>>),
}

impl TrackRef {
    pub fn of(mut ids: Vec<String>) -> TrackRef {
        if ids.len() == 1 {
            TrackRef::One(ids.remove(0))
        } else {
            TrackRef::Many(serde_saphyr::FlowSeq(ids))
        }
    }
    pub fn ids(&self) -> &[String] {
        match self {
            TrackRef::One(id) => std::slice::from_ref(id),
            TrackRef::Many(ids) => &ids.0,
        }
    }
}

/// The document as YAML, with the schema line editors use for completion.
pub fn to_yaml(doc: &LadderDoc) -> anyhow::Result<String> {
    let options = serde_saphyr::ser_options! {
        compact_list_indent: false,
        folded_wrap_chars: 100,
    };
    let body = serde_saphyr::to_string_with_options(doc, options)?;
    Ok(format!(
        "# yaml-language-server: $schema=https://ladderlint.dev/schemas/ladder.schema.json\n{body}"
    ))
}
