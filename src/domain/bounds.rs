//! The ranges every imported value must lie in, checked before a record is converted,
//! so an absurd value is one line naming the field rather than a surprise later
//! (an id of i64::MAX makes the next id random; a 50 MB note fills memory).

use chrono::{Datelike, NaiveDate};

use super::records::{EngineerRecord, OpeningRecord, PartnerRecord, ProposalRecord};

/// Largest record id taken from a file; beyond it SQLite's next id would be random.
pub const MAX_ID: i64 = 999_999_999;
/// Longest name of a person or company, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest free-text note, in characters.
pub const MAX_NOTES_CHARS: usize = 10_000;
/// Dates outside these years are typing mistakes (9999-12-31), not plans.
pub const YEARS: std::ops::RangeInclusive<i32> = 1950..=2100;

/// A number for a message: `1e308` stays short instead of 309 digits.
pub fn short_number(x: f64) -> String {
    if x.is_finite() && x.abs() < 1e9 {
        format!("{x}")
    } else {
        format!("{x:.3e}")
    }
}

fn id(field: &str, v: Option<i64>) -> Result<(), String> {
    match v {
        Some(i) if !(1..=MAX_ID).contains(&i) => {
            Err(format!("{field}: {i} is not between 1 and {MAX_ID}"))
        }
        _ => Ok(()),
    }
}

/// Invisible characters that make a name look empty: zero-width spaces and joiners,
/// the word joiner, the BOM, soft hyphens and Hangul fillers.
fn invisible(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{00ad}' | '\u{115f}' | '\u{1160}' | '\u{180e}' | '\u{200b}'..='\u{200f}'
                | '\u{2060}'..='\u{2064}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}'
        )
}

/// A name: something visible, no control characters (NUL included), not a novel.
pub fn name(field: &str, v: &str) -> Result<(), String> {
    if v.chars().all(invisible) {
        return Err(format!(
            "{field}: empty or only spaces and invisible characters"
        ));
    }
    if v.chars().any(|c| c.is_control()) {
        return Err(format!(
            "{field}: contains a control character (such as NUL)"
        ));
    }
    let n = v.chars().count();
    if n > MAX_NAME_CHARS {
        return Err(format!("{field}: {n} characters, at most {MAX_NAME_CHARS}"));
    }
    Ok(())
}

fn optional_name(field: &str, v: &Option<String>) -> Result<(), String> {
    match v.as_deref().filter(|s| !s.trim().is_empty()) {
        Some(s) => name(field, s),
        None => Ok(()),
    }
}

/// Free text: capped, and no NUL.
pub fn notes(field: &str, v: &str) -> Result<(), String> {
    let n = v.chars().count();
    if n > MAX_NOTES_CHARS {
        return Err(format!(
            "{field}: {n} characters, at most {MAX_NOTES_CHARS}"
        ));
    }
    if v.contains('\0') {
        return Err(format!("{field}: contains NUL"));
    }
    Ok(())
}

/// A date's year within [`YEARS`]; the date itself is parsed elsewhere.
pub fn year(field: &str, d: NaiveDate) -> Result<(), String> {
    if YEARS.contains(&d.year()) {
        Ok(())
    } else {
        Err(format!(
            "{field}: {d} is not between {} and {}",
            YEARS.start(),
            YEARS.end()
        ))
    }
}

fn optional_date(field: &str, v: &Option<String>) -> Result<(), String> {
    match v.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => match crate::domain::parse_date(s) {
            Ok(d) => year(field, d),
            // An unreadable date gets its own message from the conversion.
            Err(_) => Ok(()),
        },
        None => Ok(()),
    }
}

/// An age band as the trade writes it: `30代`, `30代前半`, `30s`, `32歳`, `30-35`,
/// `30〜35歳`, `32`; ages 15 to 99 (decades 10 to 90).
pub fn age_band(v: &str) -> Result<(), String> {
    let s: String = v
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'ｓ' => 's',
            '－' | '〜' | '~' | '～' | '–' => '-',
            _ => c,
        })
        .collect();
    let digits = |t: &str| -> (Option<u32>, usize) {
        let end = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
        (t[..end].parse().ok().filter(|_| end <= 3), end)
    };
    let bad = || {
        Err(format!(
            "age_band: '{}' is not an age band (like 30代, 30代前半, 32歳 or 30-35)",
            crate::text::truncate(&crate::text::cell(v), 40)
        ))
    };
    let (Some(n), end) = digits(&s) else {
        return bad();
    };
    let rest = &s[end..];
    let age = |n: u32| (15..=99).contains(&n);
    let ok = match rest {
        "代" | "代前半" | "代後半" | "代半ば" | "代中盤" | "s" | "'s" => {
            n % 10 == 0 && (10..=90).contains(&n)
        }
        "" | "歳" | "才" => age(n),
        _ => match rest.strip_prefix('-') {
            Some(r) => {
                let r = r.strip_suffix('歳').unwrap_or(r);
                let (m, e) = digits(r);
                e == r.len() && m.is_some_and(|m| age(n) && age(m) && m >= n)
            }
            None => false,
        },
    };
    if ok {
        Ok(())
    } else {
        bad()
    }
}

/// Every engineer field with a range, checked before conversion.
pub fn engineer(r: &EngineerRecord) -> Result<(), String> {
    id("id", r.id)?;
    name("name", &r.name)?;
    optional_name("initials", &r.initials)?;
    optional_name("partner", &r.partner)?;
    optional_name("station", &r.station)?;
    optional_name("area", &r.area)?;
    optional_name("japanese_level", &r.japanese_level)?;
    optional_date("available_from", &r.available_from)?;
    optional_date("availability_confirmed", &r.availability_confirmed)?;
    optional_date("last_checked", &r.last_checked)?;
    if let Some(b) = r.age_band.as_deref().filter(|s| !s.trim().is_empty()) {
        age_band(b)?;
    }
    if let Some(y) = r.career_start {
        if !YEARS.contains(&y) {
            return Err(format!(
                "career_start: {y} is not a year between {} and {}",
                YEARS.start(),
                YEARS.end()
            ));
        }
    }
    notes("notes", &r.notes)
}

/// Every opening field with a range, checked before conversion.
pub fn opening(r: &OpeningRecord) -> Result<(), String> {
    id("id", r.id)?;
    if !r.title.is_empty() && r.title.chars().all(invisible) {
        return Err("title: only spaces and invisible characters".into());
    }
    if r.title.contains('\0') {
        return Err("title: contains NUL".into());
    }
    optional_name("client", &r.client)?;
    if r.raw_text.contains('\0') {
        return Err("raw_text: contains NUL".into());
    }
    Ok(())
}

/// Partner names and notes in an export taken back.
pub fn partner(r: &PartnerRecord) -> Result<(), String> {
    id("id", Some(r.id))?;
    name("name", &r.name)?;
    notes("contact", &r.contact)?;
    notes("notes", &r.notes)
}

/// Proposal notes in an export taken back.
pub fn proposal(r: &ProposalRecord) -> Result<(), String> {
    id("id", Some(r.id))?;
    super::records::opt_man("rate", r.rate)?;
    notes("notes", &r.notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands_the_trade_writes_pass_and_nonsense_does_not() {
        for ok in [
            "30代",
            "30代前半",
            "４０代",
            "30s",
            "32歳",
            "30-35",
            "30〜35歳",
            "45",
        ] {
            assert!(age_band(ok).is_ok(), "{ok}");
        }
        for bad in ["-1", "abc", "300代", "35代", "7歳", "999", "30-20", "1e308"] {
            assert!(age_band(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn names_of_nothing_or_with_nul_are_refused() {
        assert!(name("name", " \u{3000}\u{200b}\u{feff} ").is_err());
        assert!(name("name", "山田\0太郎").is_err());
        assert!(name("name", "山田 太郎").is_ok());
    }

    #[test]
    fn huge_numbers_stay_short() {
        assert_eq!(short_number(1e308), "1.000e308");
        assert_eq!(short_number(62.5), "62.5");
    }
}
