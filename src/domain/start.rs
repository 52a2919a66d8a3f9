//! Start dates as postings state them, and the one strict date parser for user input.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// When an opening starts: at once, some time in a month, or on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Start {
    Immediate,
    Month { year: i32, month: u32 },
    Date(NaiveDate),
}

impl Start {
    /// The first day the engineer must be free; `Immediate` means as of the given day.
    pub fn first_day(self, as_of: NaiveDate) -> NaiveDate {
        match self {
            Start::Immediate => as_of,
            Start::Month { year, month } => {
                NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(as_of)
            }
            Start::Date(d) => d,
        }
    }

    /// `immediate`, `YYYY-MM` or `YYYY-MM-DD`, the forms of the JSON output.
    pub fn parse(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("immediate") || s == "即日" {
            return Ok(Start::Immediate);
        }
        if s.len() == 7 {
            if let Ok(d) = NaiveDate::parse_from_str(&format!("{s}-01"), "%Y-%m-%d") {
                return Ok(Start::Month {
                    year: d.year(),
                    month: d.month(),
                });
            }
        }
        parse_date(s)
            .map(Start::Date)
            .map_err(|_| format!("invalid start '{s}': expected immediate, YYYY-MM or YYYY-MM-DD"))
    }
}

impl fmt::Display for Start {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Start::Immediate => f.write_str("immediate"),
            Start::Month { year, month } => write!(f, "{year:04}-{month:02}"),
            Start::Date(d) => write!(f, "{}", d.format("%Y-%m-%d")),
        }
    }
}

impl Serialize for Start {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Start {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Start::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Parse a calendar date written `YYYY-MM-DD` (also `YYYY/MM/DD`), rejecting impossible days.
pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%Y/%m/%d"))
        .map_err(|_| format!("invalid date '{t}': expected YYYY-MM-DD"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_impossible_dates() {
        assert!(parse_date("2026-02-30").is_err());
        assert!(parse_date("2026-02-28").is_ok());
    }

    #[test]
    fn start_round_trips() {
        for s in ["immediate", "2026-12", "2026-12-05"] {
            assert_eq!(Start::parse(s).unwrap().to_string(), s);
        }
        assert!(Start::parse("2026-13").is_err());
    }
}
