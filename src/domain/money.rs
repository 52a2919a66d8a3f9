//! The one money type: monthly amounts in 万円 (10,000 yen), as the trade quotes them.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A monthly amount in 万円, kept in tenths so `65.5万` survives a round trip exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Man(u32);

impl Man {
    /// Largest monthly amount we accept; anything above is a typo or a yearly figure.
    pub const MAX: f64 = 1000.0;

    pub fn new(man: f64) -> Option<Self> {
        if man.is_finite() && (0.0..=Self::MAX).contains(&man) {
            Some(Man((man * 10.0).round() as u32))
        } else {
            None
        }
    }

    /// From yen per month (`660,000円` is 66万).
    pub fn from_yen(yen: u64) -> Option<Self> {
        Self::new(yen as f64 / 10_000.0)
    }

    pub fn from_tenths(tenths: u32) -> Self {
        Man(tenths)
    }

    pub fn tenths(self) -> u32 {
        self.0
    }

    pub fn as_f64(self) -> f64 {
        f64::from(self.0) / 10.0
    }

    pub fn as_f32(self) -> f32 {
        self.0 as f32 / 10.0
    }

    /// A rate as a rep types it, the one reading of every form and `--set`: `70`, `70万`,
    /// `70万円`, `７０`, `65.5`; empty is none.
    pub fn parse_typed(s: &str) -> Result<Option<Man>, NotMan> {
        use unicode_normalization::UnicodeNormalization as _;
        let t: String = s.nfkc().collect();
        let t = t
            .trim()
            .trim_end_matches('円')
            .trim_end_matches('万')
            .trim();
        if t.is_empty() {
            return Ok(None);
        }
        t.parse::<f64>()
            .ok()
            .and_then(Man::new)
            .map(Some)
            .ok_or(NotMan)
    }
}

/// Text that is not a number of 万円 from 0 to [`Man::MAX`]; the caller names the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("not a number of 万円")]
pub struct NotMan;

impl fmt::Display for Man {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 % 10 == 0 {
            write!(f, "{}万", self.0 / 10)
        } else {
            write!(f, "{}.{}万", self.0 / 10, self.0 % 10)
        }
    }
}

impl Serialize for Man {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 % 10 == 0 {
            s.serialize_u32(self.0 / 10)
        } else {
            s.serialize_f64(self.as_f64())
        }
    }
}

impl<'de> Deserialize<'de> for Man {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = f64::deserialize(d)?;
        Man::new(v).ok_or_else(|| {
            serde::de::Error::custom(format!("rate {v} is outside 0..{} 万円/month", Man::MAX))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_rates_read_one_way() {
        for (t, want) in [
            ("70", Ok(Man::new(70.0))),
            ("７０万", Ok(Man::new(70.0))),
            (" 65.5万円 ", Ok(Man::new(65.5))),
            ("", Ok(None)),
            ("abc", Err(NotMan)),
            ("2000", Err(NotMan)),
            ("-1", Err(NotMan)),
        ] {
            assert_eq!(Man::parse_typed(t), want, "{t}");
        }
    }

    #[test]
    fn yen_becomes_man() {
        assert_eq!(Man::from_yen(660_000), Man::new(66.0));
        assert_eq!(
            Man::from_yen(655_000).map(|m| m.to_string()).as_deref(),
            Some("65.5万")
        );
    }

    #[test]
    fn rejects_negative_and_absurd() {
        assert_eq!(Man::new(-1.0), None);
        assert_eq!(Man::new(5000.0), None);
        assert_eq!(Man::new(f64::NAN), None);
    }

    #[test]
    fn serializes_whole_numbers_as_integers() {
        let json = serde_json::to_string(&[Man::new(65.0), Man::new(62.5)]).unwrap();
        assert_eq!(json, "[65,62.5]");
    }
}
