//! Which group a person or a nomination falls in, for an attribute: from
//! a groups file, the person's record, or what the nomination says.

use super::{GroupsFile, NOT_RECORDED};
use crate::model::{Cycle, Nomination, Person};
use crate::repo::Repo;
use std::borrow::Cow;

/// Everything needed to put people and nominations into groups.
pub struct Grouping<'a> {
    pub(super) repo: &'a Repo,
    cycle: &'a Cycle,
    extra: Option<&'a GroupsFile>,
}

impl<'a> Grouping<'a> {
    pub fn new(repo: &'a Repo, cycle: &'a Cycle, extra: Option<&'a GroupsFile>) -> Self {
        Grouping { repo, cycle, extra }
    }

    /// The group of `person` (or of the nomination's candidate) for `attr`.
    pub fn value(
        &self,
        attr: &str,
        person: Option<&'a Person>,
        n: Option<&'a Nomination>,
    ) -> Cow<'a, str> {
        let id = person
            .map(|p| p.id.as_str())
            .or(n.map(|n| n.candidate.as_str()));
        if let (Some(extra), Some(id)) = (self.extra, id) {
            if let Some(v) = extra.get(id, attr) {
                return Cow::Borrowed(v);
            }
        }
        let v: Option<Cow<'a, str>> = match attr {
            "org" => person.and_then(|p| p.org.as_deref()).map(Cow::Borrowed),
            "track" => self.track(person, n).map(Cow::Borrowed),
            "tenure_band" => person
                .and_then(|p| p.joined.as_deref())
                .and_then(|j| tenure_band(j, self.cycle.closes.as_deref()?))
                .map(Cow::Borrowed),
            "channel" => n.map(|n| Cow::Borrowed(self.channel(n))),
            other => person.and_then(|p| match p.attributes.get(other) {
                Some(serde_json::Value::String(s)) => Some(Cow::Borrowed(s.as_str())),
                Some(serde_json::Value::Number(x)) => Some(Cow::Owned(x.to_string())),
                Some(serde_json::Value::Bool(b)) => Some(Cow::Owned(b.to_string())),
                _ => None,
            }),
        };
        v.filter(|s| !s.trim().is_empty())
            .unwrap_or(Cow::Borrowed(NOT_RECORDED))
    }

    fn track(&self, person: Option<&Person>, n: Option<&Nomination>) -> Option<&'a str> {
        if let Some(n) = n {
            if let Some((_, _, lv)) = self.repo.level(&n.ladder, &n.from_level) {
                return Some(lv.track.label());
            }
        }
        let p = person?;
        let (_, _, lv) = self.repo.level(p.ladder.as_deref()?, p.level.as_deref()?)?;
        Some(lv.track.label())
    }

    /// `self`, `manager` (the candidate's direct manager) or `other`.
    pub fn channel(&self, n: &Nomination) -> &'static str {
        let Some(by) = n.nominated_by.as_deref() else {
            return "other";
        };
        if by == n.candidate {
            return "self";
        }
        let manager = self
            .repo
            .person(&n.candidate)
            .and_then(|p| p.item.manager.as_deref());
        if manager == Some(by) {
            "manager"
        } else {
            "other"
        }
    }
}

/// The tenure band of someone who joined on `joined`, at `at`: `<1y`,
/// `1–3y`, `3–5y` or `5y+` (whole years completed).
pub fn tenure_band(joined: &str, at: &str) -> Option<&'static str> {
    Some(match crate::dates::whole_years(joined, at)? {
        i64::MIN..=0 => "<1y",
        1..=2 => "1–3y",
        3..=4 => "3–5y",
        _ => "5y+",
    })
}
