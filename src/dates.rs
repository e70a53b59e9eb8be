//! Calendar dates as the documents write them: `YYYY-MM-DD` (ISO 8601),
//! and today's date for the rules and reports that need one.

use anyhow::{bail, Result};
use time::format_description::BorrowedFormatItem;

/// `YYYY-MM-DD`.
pub const FORMAT: &[BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A `YYYY-MM-DD` date; `None` for anything else (the schema reports
/// malformed dates).
pub fn parse(s: &str) -> Option<time::Date> {
    time::Date::parse(s, FORMAT).ok()
}

/// The date at the start of `s`, which may go on with a time
/// (`2026-07-01T09:00:00Z`).
pub fn parse_prefix(s: &str) -> Option<time::Date> {
    parse(s.get(..10)?)
}

/// `date` as `YYYY-MM-DD`.
pub fn format(date: time::Date) -> String {
    date.format(FORMAT).unwrap_or_else(|_| {
        format!(
            "{:04}-{:02}-{:02}",
            date.year(),
            date.month() as u8,
            date.day()
        )
    })
}

/// Days from `from` to `to` (positive when `to` is later).
pub fn days_between(from: &str, to: &str) -> Option<i64> {
    Some((parse_prefix(to)? - parse_prefix(from)?).whole_days())
}

/// The `YYYY-MM-DD` at the start of `s` (which may go on with a time),
/// when it is a date.
pub fn day(s: &str) -> Option<&str> {
    parse_prefix(s).map(|_| &s[..10])
}

/// Whole months completed from `from` to `to` (negative when `to` is
/// earlier).
pub fn whole_months(from: &str, to: &str) -> Option<i64> {
    let (a, b) = (parse_prefix(from)?, parse_prefix(to)?);
    let months = |d: time::Date| i64::from(d.year()) * 12 + i64::from(d.month() as u8);
    Some(months(b) - months(a) - i64::from(b.day() < a.day()))
}

/// Whole years completed from `from` to `to` (negative when `to` is earlier).
pub fn whole_years(from: &str, to: &str) -> Option<i64> {
    let (a, b) = (parse_prefix(from)?, parse_prefix(to)?);
    let mut years = i64::from(b.year()) - i64::from(a.year());
    if (b.month() as u8, b.day()) < (a.month() as u8, a.day()) {
        years -= 1;
    }
    Some(years)
}

/// The environment variable that sets today's date when `--today` is not
/// given.
pub const TODAY_VAR: &str = "LADDERLINT_TODAY";

/// Today: `--today` when given, else `LADDERLINT_TODAY` when set, each of
/// which must be a `YYYY-MM-DD` date; else the clock (UTC). An invalid
/// value is an error that names where it came from.
pub fn today(flag: Option<&str>) -> Result<String> {
    let given = match flag {
        Some(s) => Some(("--today", s.to_owned())),
        None => std::env::var_os(TODAY_VAR).map(|v| (TODAY_VAR, v.to_string_lossy().into_owned())),
    };
    match given {
        Some((from, s)) => {
            if parse(&s).is_none() {
                bail!(
                    "{from} `{}` is not a date: expected YYYY-MM-DD, e.g. 2026-07-01",
                    crate::escape::visible(&s)
                );
            }
            Ok(s)
        }
        None => Ok(format(time::OffsetDateTime::now_utc().date())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_whole_months() {
        assert_eq!(whole_months("2025-01-15", "2026-01-15"), Some(12));
        assert_eq!(whole_months("2025-01-16", "2026-01-15"), Some(11));
        assert_eq!(whole_months("2026-01-01", "2026-01-01"), Some(0));
        assert_eq!(whole_months("soon", "2026-01-01"), None);
    }

    #[test]
    fn dates() {
        assert_eq!(days_between("2026-02-27", "2026-03-01"), Some(2));
        assert_eq!(days_between("2026-03-01T10:00:00Z", "2026-03-01"), Some(0));
        assert_eq!(days_between("soon", "2026-03-01"), None);
        assert_eq!(whole_years("2025-07-15", "2026-07-15"), Some(1));
        assert_eq!(whole_years("2025-07-16", "2026-07-15"), Some(0));
        assert_eq!(whole_years("2024-02-29", "2025-02-28"), Some(0));
        assert!(parse("2026-13-01").is_none());
        assert!(today(Some("2026-02-30")).is_err());
        assert_eq!(today(Some("2026-02-28")).unwrap(), "2026-02-28");
    }
}
