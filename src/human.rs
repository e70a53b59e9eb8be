//! Numbers written for people, the same way in every output: amounts of
//! pay with thousands separators (`150,000`), counted nouns with the right
//! plural (`1 file`, `2 files`, `1 competency`, `3 competencies`), ratios
//! that never round a real difference away, and byte sizes.

/// An amount as people read it: thousands separated by commas, whole
/// numbers without a fraction (`150,000`), others with up to two decimals
/// (`1,234.5`).
pub fn amount(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let cents = (x.abs() * 100.0).round();
    let whole = (cents / 100.0).trunc();
    let fraction = (cents - whole * 100.0) as u64;
    let digits = format!("{whole:.0}");
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 4);
    if x < 0.0 && cents > 0.0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if fraction > 0 {
        let f = format!("{fraction:02}");
        out.push('.');
        out.push_str(f.trim_end_matches('0'));
    }
    out
}

/// `count(1, "file")` -> `1 file`, `count(2, "file")` -> `2 files`.
pub fn count(n: usize, noun: &str) -> String {
    format!("{} {}", amount(n as f64), plural(n, noun))
}

/// The noun for `n` things: `file`/`files`, `competency`/`competencies`,
/// `day`/`days`, `person`/`people`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        return noun.to_owned();
    }
    match noun {
        "person" => "people".to_owned(),
        "info" => "infos".to_owned(),
        "is" => "are".to_owned(),
        "was" => "were".to_owned(),
        "has" => "have".to_owned(),
        _ => {
            let consonant_y = noun.ends_with('y')
                && !noun.ends_with("ay")
                && !noun.ends_with("ey")
                && !noun.ends_with("oy")
                && !noun.ends_with("uy");
            if consonant_y {
                format!("{}ies", &noun[..noun.len() - 1])
            } else if noun.ends_with('s')
                || noun.ends_with('x')
                || noun.ends_with("ch")
                || noun.ends_with("sh")
            {
                format!("{noun}es")
            } else {
                format!("{noun}s")
            }
        }
    }
}

/// How one rate compares with another, in words that keep a real
/// difference visible: `0.84 times`, `about 1/373 of` (never `0.00
/// times`), `0 times`. Followed by "the rate of …".
pub fn times(ratio: f64) -> String {
    if ratio > 0.0 && ratio < 0.005 {
        format!("about 1/{} of", amount((1.0 / ratio).round()))
    } else if ratio == 0.0 {
        "0 times".to_owned()
    } else {
        format!("{ratio:.2} times")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_have_thousands_separators() {
        assert_eq!(amount(150000.0), "150,000");
        assert_eq!(amount(1234567.0), "1,234,567");
        assert_eq!(amount(999.0), "999");
        assert_eq!(amount(0.0), "0");
        assert_eq!(amount(1234.5), "1,234.5");
        assert_eq!(amount(1234.567), "1,234.57");
        assert_eq!(amount(-1500.0), "-1,500");
        assert_eq!(amount(-0.001), "0");
        assert_eq!(amount(0.999), "1");
    }

    #[test]
    fn plurals_are_words() {
        assert_eq!(count(1, "error"), "1 error");
        assert_eq!(count(0, "error"), "0 errors");
        assert_eq!(count(2, "competency"), "2 competencies");
        assert_eq!(count(1, "competency"), "1 competency");
        assert_eq!(count(3, "day"), "3 days");
        assert_eq!(count(2, "person"), "2 people");
        assert_eq!(count(2, "match"), "2 matches");
        assert_eq!(count(2, "info"), "2 infos");
        assert_eq!(count(2010, "nomination"), "2,010 nominations");
    }

    #[test]
    fn tiny_ratios_stay_visible() {
        assert_eq!(times(0.84), "0.84 times");
        assert_eq!(times(1.0 / 373.0), "about 1/373 of");
        assert_eq!(times(0.006), "0.01 times");
        assert_eq!(times(0.0), "0 times");
    }
}
