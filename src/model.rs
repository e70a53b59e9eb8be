//! Typed documents, read from the schema-checked JSON form of a YAML
//! document. Only what rules need is kept; positions come from the node tree
//! through JSON pointers.

use compact_str::CompactString;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

mod ladder;
pub use ladder::{
    Band, Cells, Competency, Ladder, Level, LevelText, ParityPair, Scope, Track, Tracks,
};

/// A few entries keyed by text, kept as a vector sorted by key: the answers
/// or the votes of one nomination, at a fraction of a `BTreeMap`'s memory
/// (a hundred thousand nominations are held at once). Read like a
/// `BTreeMap`, in key order.
#[derive(Clone, Debug, PartialEq)]
pub struct SmallMap<V>(Vec<(CompactString, V)>);

impl<V> Default for SmallMap<V> {
    fn default() -> Self {
        SmallMap(Vec::new())
    }
}

impl<V> SmallMap<V> {
    pub fn get(&self, key: &str) -> Option<&V> {
        self.0
            .binary_search_by(|(k, _)| k.as_str().cmp(key))
            .ok()
            .map(|i| &self.0[i].1)
    }
    pub fn contains_key(&self, key: &str) -> bool {
        self.get(key).is_some()
    }
    pub fn keys(&self) -> impl Iterator<Item = &CompactString> {
        self.0.iter().map(|(k, _)| k)
    }
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.0.iter().map(|(_, v)| v)
    }
    pub fn iter(&self) -> impl Iterator<Item = (&CompactString, &V)> {
        self.0.iter().map(|(k, v)| (k, v))
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for SmallMap<V> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<CompactString, V>::deserialize(d)?;
        Ok(SmallMap(map.into_iter().collect()))
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Person {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub manager: Option<String>,
    #[serde(default)]
    pub ladder: Option<String>,
    #[serde(default)]
    pub level: Option<String>,
    #[serde(default)]
    pub joined: Option<String>,
    /// The day they left, when they have: not eligible for cycles opening
    /// on or after it.
    #[serde(default)]
    pub left: Option<String>,
    /// Since when they hold their current level, when no approved
    /// nomination records it.
    #[serde(default)]
    pub level_since: Option<String>,
    /// Further plain attributes (location, …), as text.
    #[serde(flatten)]
    pub attributes: BTreeMap<String, serde_json::Value>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Cycle {
    pub id: String,
    /// Its name for people; a title that is not text (which the schema
    /// reports) reads as none, and the cycle is still indexed.
    #[serde(default, deserialize_with = "text_or_none")]
    pub title: Option<String>,
    #[serde(default)]
    pub opens: Option<String>,
    #[serde(default)]
    pub closes: Option<String>,
    #[serde(default)]
    pub decide_by: Option<String>,
    #[serde(default)]
    pub board: Vec<String>,
    #[serde(default)]
    pub quorum: Option<u32>,
    #[serde(default)]
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Question {
    pub id: String,
    #[serde(default)]
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Nomination {
    pub id: CompactString,
    pub cycle: CompactString,
    pub candidate: CompactString,
    pub ladder: CompactString,
    pub from_level: CompactString,
    pub to_level: CompactString,
    #[serde(default)]
    pub nominated_by: Option<CompactString>,
    #[serde(default)]
    pub submitted: Option<CompactString>,
    #[serde(default)]
    pub mentor: Option<CompactString>,
    #[serde(default)]
    pub answers: SmallMap<Answer>,
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    #[serde(default)]
    pub endorsements: Vec<Endorsement>,
    #[serde(default)]
    pub review: Option<Review>,
    #[serde(default)]
    pub decision: Option<Decision>,
}

impl Nomination {
    /// Its decision's outcome, or `pending` without a decision.
    pub fn outcome(&self) -> &str {
        self.decision
            .as_ref()
            .map_or("pending", |d| d.outcome.as_str())
    }

    /// Whether the board has decided: approved, declined or deferred
    /// (not pending, not withdrawn).
    pub fn is_decided(&self) -> bool {
        matches!(self.outcome(), "approved" | "declined" | "deferred")
    }

    pub fn is_pending(&self) -> bool {
        self.outcome() == "pending"
    }

    /// Submitted after `cycle` closed.
    pub fn submitted_late(&self, cycle: &Cycle) -> Option<Lateness> {
        Lateness::of(day(&self.submitted), day(&cycle.closes))
    }

    /// Decided after `cycle`'s `decide_by`.
    pub fn decided_late(&self, cycle: &Cycle) -> Option<Lateness> {
        let date = self.decision.as_ref().and_then(|d| day(&d.date));
        Lateness::of(date.filter(|_| self.is_decided()), day(&cycle.decide_by))
    }

    /// Still pending on `today` after `cycle`'s `decide_by`.
    pub fn overdue(&self, cycle: &Cycle, today: &str) -> Option<Lateness> {
        let today = crate::dates::parse(today).filter(|_| self.is_pending());
        Lateness::of(today, day(&cycle.decide_by))
    }
}

fn day(s: &Option<impl AsRef<str>>) -> Option<time::Date> {
    s.as_ref().map(AsRef::as_ref).and_then(crate::dates::parse)
}

/// Something that happened after the day it was due: the day it
/// happened, the day it was due, and the whole days between (at least 1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lateness {
    pub on: time::Date,
    pub due: time::Date,
    pub days: i64,
}

impl Lateness {
    fn of(on: Option<time::Date>, due: Option<time::Date>) -> Option<Lateness> {
        let (on, due) = (on?, due?);
        (on > due).then(|| Lateness {
            on,
            due,
            days: (on - due).whole_days(),
        })
    }
}

#[derive(Clone, Debug, Deserialize)]
pub struct Evidence {
    pub competency: CompactString,
    // `summary` is checked by the schema and read by custom rules from the
    // document's JSON; no built-in rule reads it, so the model does not
    // hold it.
}

#[derive(Clone, Debug, Deserialize)]
pub struct Endorsement {
    pub by: CompactString,
    #[serde(default)]
    pub relationship: Option<CompactString>,
    #[serde(default)]
    pub summary: CompactString,
}

#[derive(Clone, Debug, Default, Deserialize)]
pub struct Review {
    #[serde(default)]
    pub reviewers: Vec<CompactString>,
    #[serde(default)]
    pub votes: SmallMap<CompactString>,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Decision {
    pub outcome: CompactString,
    #[serde(default)]
    pub date: Option<CompactString>,
    #[serde(default)]
    pub rationale: Option<CompactString>,
    #[serde(default)]
    pub feedback: Option<CompactString>,
}

/// An answer to a cycle's question, as the rules need it: whether it says
/// anything. Its text is checked by the schema, and read by custom rules
/// from the document's JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Answer {
    /// Null, or text that is only blanks.
    pub blank: bool,
}

impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let blank = match serde_json::Value::deserialize(d)? {
            serde_json::Value::Null => true,
            serde_json::Value::String(s) => s.trim().is_empty(),
            _ => false,
        };
        Ok(Answer { blank })
    }
}

/// A value that is text, or `None` for anything else.
fn text_or_none<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    use serde::Deserialize;
    Ok(match serde_json::Value::deserialize(d)? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    })
}
