//! `--groups FILE`: sensitive attributes (gender, ethnicity, age band…)
//! kept outside the repository, keyed by person id. CSV with a header row
//! whose first column (or the column named `id`) is the person id, or YAML:
//! either a mapping `person id -> {attribute: value}` or a list of mappings
//! with an `id` key.

use anyhow::{anyhow, bail, Context as _, Result};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct GroupsFile {
    attributes: Vec<String>,
    values: BTreeMap<String, BTreeMap<String, String>>,
}

impl GroupsFile {
    pub fn read(path: &Path) -> Result<GroupsFile> {
        let bytes = std::fs::read(path)
            .with_context(|| format!("cannot read groups file `{}`", path.display()))?;
        let name = path.display().to_string();
        let ext = path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        let text = std::str::from_utf8(&bytes)
            .map_err(|_| anyhow!("groups file `{name}` is not UTF-8 text"))?;
        let g = match ext.as_str() {
            "csv" => GroupsFile::from_csv(text),
            "yaml" | "yml" => GroupsFile::from_yaml(&name, &bytes),
            _ => bail!("groups file `{name}`: expected a .csv, .yaml or .yml file"),
        };
        g.with_context(|| format!("groups file `{name}`"))
    }

    /// Attribute names, in file order.
    pub fn attributes(&self) -> &[String] {
        &self.attributes
    }

    pub fn get(&self, person: &str, attr: &str) -> Option<&str> {
        self.values
            .get(person)?
            .get(attr)
            .map(String::as_str)
            .filter(|v| !v.trim().is_empty())
    }

    pub fn people(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    fn insert(&mut self, id: String, attr: &str, value: String) {
        if !self.attributes.iter().any(|a| a == attr) {
            self.attributes.push(attr.to_owned());
        }
        self.values
            .entry(id)
            .or_default()
            .insert(attr.to_owned(), value);
    }

    pub fn from_csv(text: &str) -> Result<GroupsFile> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut rows = parse_csv(text)?.into_iter();
        let header = rows
            .next()
            .ok_or_else(|| anyhow!("empty CSV: no header row"))?;
        let id_col = header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case("id"))
            .unwrap_or(0);
        let mut g = GroupsFile::default();
        for (i, row) in rows.enumerate() {
            if row.iter().all(|c| c.trim().is_empty()) {
                continue;
            }
            if row.len() != header.len() {
                bail!(
                    "row {} has {} fields, the header has {}",
                    i + 2,
                    row.len(),
                    header.len()
                );
            }
            let id = row[id_col].trim().to_owned();
            for (c, h) in header.iter().enumerate() {
                if c != id_col {
                    g.insert(id.clone(), h.trim(), row[c].trim().to_owned());
                }
            }
        }
        Ok(g)
    }

    pub fn from_yaml(name: &str, bytes: &[u8]) -> Result<GroupsFile> {
        let file = crate::load::load(name, bytes, &crate::load::Limits::default());
        if let Some(f) = file.findings.first() {
            bail!("line {}: {}", f.span.line, f.message);
        }
        let mut g = GroupsFile::default();
        for doc in file.documents() {
            match doc.root.to_json() {
                serde_json::Value::Object(map) => {
                    for (id, attrs) in map {
                        g.add_attrs(id, &attrs)?;
                    }
                }
                serde_json::Value::Array(list) => {
                    for item in list {
                        let id = item
                            .get("id")
                            .and_then(scalar)
                            .ok_or_else(|| anyhow!("a list entry has no `id`"))?;
                        g.add_attrs(id, &item)?;
                    }
                }
                serde_json::Value::Null => {}
                _ => bail!("expected a mapping of person id to attributes, or a list"),
            }
        }
        Ok(g)
    }

    fn add_attrs(&mut self, id: String, attrs: &serde_json::Value) -> Result<()> {
        let serde_json::Value::Object(attrs) = attrs else {
            bail!("`{id}`: expected a mapping of attribute to value");
        };
        for (k, v) in attrs {
            if k == "id" {
                continue;
            }
            let v = scalar(v).ok_or_else(|| anyhow!("`{id}.{k}`: expected a plain value"))?;
            self.insert(id.clone(), k, v);
        }
        Ok(())
    }
}

fn scalar(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        serde_json::Value::Null => Some(String::new()),
        _ => None,
    }
}

/// RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF line ends.
fn parse_csv(text: &str) -> Result<Vec<Vec<String>>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    let mut line = 1;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    field.push('"');
                }
                '"' => quoted = false,
                '\n' => {
                    line += 1;
                    field.push(c);
                }
                _ => field.push(c),
            }
            continue;
        }
        match c {
            '"' if field.is_empty() => quoted = true,
            ',' => row.push(std::mem::take(&mut field)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                line += 1;
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    if quoted {
        bail!("line {line}: a quoted field is not closed");
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes() {
        let g = GroupsFile::from_csv(
            "id,gender,note\r\njdenton,man,\"a, b\"\r\nlchen,woman,\"say \"\"hi\"\"\"\r\n",
        )
        .unwrap();
        assert_eq!(g.attributes(), ["gender", "note"]);
        assert_eq!(g.get("jdenton", "note"), Some("a, b"));
        assert_eq!(g.get("lchen", "note"), Some("say \"hi\""));
        assert_eq!(g.get("lchen", "gender"), Some("woman"));
        assert!(GroupsFile::from_csv("id,x\na,b,c\n").is_err());
        assert!(GroupsFile::from_csv("id,x\n\"a,b\n").is_err());
    }

    #[test]
    fn yaml_both_shapes() {
        let a = GroupsFile::from_yaml(
            "g.yaml",
            b"jdenton: { gender: man }\nlchen: { gender: woman }\n",
        )
        .unwrap();
        let b = GroupsFile::from_yaml(
            "g.yaml",
            b"- { id: jdenton, gender: man }\n- { id: lchen, gender: woman }\n",
        )
        .unwrap();
        for g in [a, b] {
            assert_eq!(g.attributes(), ["gender"]);
            assert_eq!(g.get("lchen", "gender"), Some("woman"));
        }
    }
}
