//! The JSON Schemas of the four document kinds, compiled into the binary and
//! compiled once into validators shared by every thread.

use crate::load::Kind;
use anyhow::{bail, Result};
use std::sync::OnceLock;

pub fn text(kind: Kind) -> &'static str {
    match kind {
        Kind::Ladder => include_str!("../schemas/ladder.schema.json"),
        Kind::People => include_str!("../schemas/people.schema.json"),
        Kind::Cycle => include_str!("../schemas/cycle.schema.json"),
        Kind::Nomination => include_str!("../schemas/nomination.schema.json"),
    }
}

/// The JSON Schema of the waivers file.
pub const WAIVERS: &str = include_str!("../schemas/waivers.schema.json");

pub struct Compiled {
    pub schema: serde_json::Value,
    pub validator: jsonschema::Validator,
}

fn compile(kind: Kind) -> Compiled {
    compile_text(text(kind))
}

fn compile_text(text: &str) -> Compiled {
    let schema: serde_json::Value =
        serde_json::from_str(text).expect("embedded schema is valid JSON");
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&schema)
        .expect("embedded schema compiles");
    Compiled { schema, validator }
}

pub fn compiled(kind: Kind) -> &'static Compiled {
    static CELLS: [OnceLock<Compiled>; 4] = [
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
        OnceLock::new(),
    ];
    let i = Kind::ALL.iter().position(|k| *k == kind).unwrap_or(0);
    CELLS[i].get_or_init(|| compile(kind))
}

/// The waivers file's schema, compiled once.
pub fn waivers() -> &'static Compiled {
    static CELL: OnceLock<Compiled> = OnceLock::new();
    CELL.get_or_init(|| compile_text(WAIVERS))
}

/// `ladderlint schema KIND`: prints the JSON Schema of a kind.
pub fn print(kind: &str) -> Result<i32> {
    if kind.eq_ignore_ascii_case("waivers") {
        print!("{}", crate::schema::WAIVERS);
        return Ok(0);
    }
    let Some(k) = Kind::ALL
        .into_iter()
        .find(|k| k.name().eq_ignore_ascii_case(kind))
    else {
        bail!("unknown kind `{kind}`: expected Ladder, People, Cycle, Nomination or Waivers");
    };
    print!("{}", crate::schema::text(k));
    Ok(0)
}
