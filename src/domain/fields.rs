//! The table of engineer fields that are defined once: name, labels, kind (one parser and
//! one formatter, with the import bounds), flags, column and accessors.
//!
//! A field in [`ENGINEER_TABLE`] needs nothing else written for it: `edit engineer --set`,
//! the dashboard form, JSON and CSV records (and so the xlsx roster, read through CSV),
//! the xlsx export, redaction and the store's select and update all read this table.
//! Adding one is a row here, a member of [`EngineerExtra`] and a migration adding its column.
//! Older fields are still written out by hand in those places (see `ops::engineers::FIELDS`).

use chrono::{Datelike, NaiveDate};

use super::Engineer;

/// Fields of an engineer that only this table defines.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct EngineerExtra {
    /// When someone last read the skill sheet (スキルシート確認日); clears 「スキルシート未確認」.
    pub skill_sheet_checked: Option<NaiveDate>,
    /// The reading of the name (フリガナ, `タカハシ ミサキ`): the pitch's initials come from it.
    pub name_kana: Option<String>,
    /// From this day the engineer is out of the active pool (left, on leave, not to be
    /// proposed): not ranked and not free unless stale ones are asked for.
    pub inactive_from: Option<NaiveDate>,
}

/// A value of one of the kinds below; `None` is the empty field.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Date(Option<NaiveDate>),
    Text(Option<String>),
}

/// What a field holds: one parser (with the bounds imports apply) and one formatter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `YYYY-MM-DD` (or `YYYY/MM/DD`), within the years imports and Excel take.
    Date,
    /// One line of text, as a name is bounded.
    Text,
}

/// Why a value was refused, as data: the front end words it in the rep's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    NotDate(String),
    YearOutOfRange(NaiveDate),
    BadText(String),
}

impl Refusal {
    /// One line in Japanese or English.
    pub fn message(&self, ja: bool) -> String {
        let years = &super::bounds::YEARS;
        match (self, ja) {
            (Self::NotDate(s), true) => format!("「{s}」は日付ではありません (例: 2027-01-15)"),
            (Self::NotDate(s), false) => format!("'{s}' is not a date (e.g. 2027-01-15)"),
            (Self::YearOutOfRange(d), true) => format!(
                "{d} は {}〜{} 年の日付ではありません",
                years.start(),
                years.end()
            ),
            (Self::YearOutOfRange(d), false) => {
                format!("{d} is not between {} and {}", years.start(), years.end())
            }
            (Self::BadText(_), true) => format!(
                "使えない値です (制御文字を含まず {} 文字以内)",
                super::bounds::MAX_NAME_CHARS
            ),
            (Self::BadText(m), false) => m.clone(),
        }
    }
}

impl Kind {
    /// Text to a value; empty is the empty value.
    pub fn parse(self, key: &str, text: &str) -> Result<Value, Refusal> {
        let t = text.trim();
        match self {
            Self::Date if t.is_empty() => Ok(Value::Date(None)),
            Self::Date => {
                let d = super::parse_date(&t.replace('/', "-"))
                    .map_err(|_| Refusal::NotDate(crate::text::truncate(t, 40)))?;
                if !super::bounds::YEARS.contains(&d.year()) {
                    return Err(Refusal::YearOutOfRange(d));
                }
                Ok(Value::Date(Some(d)))
            }
            Self::Text if t.is_empty() => Ok(Value::Text(None)),
            Self::Text => {
                super::bounds::name(key, t).map_err(Refusal::BadText)?;
                Ok(Value::Text(Some(t.to_string())))
            }
        }
    }
}

impl Value {
    /// The value as `Kind::parse` reads it back; empty for none.
    pub fn format(&self) -> String {
        match self {
            Self::Date(d) => d.map(|d| d.to_string()).unwrap_or_default(),
            Self::Text(s) => s.clone().unwrap_or_default(),
        }
    }

    pub fn is_empty(&self) -> bool {
        matches!(self, Self::Date(None) | Self::Text(None))
    }
}

/// How an export without names treats the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Redact {
    /// A date: kept as a month, as other dates are.
    When,
    /// Dropped (left empty).
    Drop,
    /// Kept as is.
    Keep,
}

/// One engineer field.
pub struct Field {
    /// The key in `--set`, JSON and CSV records.
    pub key: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
    pub kind: Kind,
    /// The column of the `engineers` table.
    pub column: &'static str,
    /// Roster headers that mean this field (besides the key), compared folded.
    pub headers: &'static [&'static str],
    /// Written by `engineers --xlsx`.
    pub in_xlsx: bool,
    pub redact: Redact,
    pub get: fn(&Engineer) -> Value,
    /// Put a value of the field's kind; another kind is ignored.
    pub put: fn(&mut Engineer, Value),
}

/// The table. Column names are identifiers the store puts in its SQL, so only `[a-z_]`.
pub const ENGINEER_TABLE: &[Field] = &[
    Field {
        key: "skill_sheet_checked",
        en: "skill sheet checked on",
        ja: "スキルシート確認日",
        kind: Kind::Date,
        column: "skill_sheet_checked",
        headers: &["スキルシート確認日", "スキルシート確認"],
        in_xlsx: true,
        redact: Redact::When,
        get: |e| Value::Date(e.extra.skill_sheet_checked),
        put: |e, v| {
            if let Value::Date(d) = v {
                e.extra.skill_sheet_checked = d;
            }
        },
    },
    Field {
        key: "name_kana",
        en: "name reading",
        ja: "フリガナ",
        kind: Kind::Text,
        column: "name_kana",
        headers: &[
            "フリガナ",
            "ふりがな",
            "カナ",
            "カナ氏名",
            "氏名カナ",
            "読み",
            "よみがな",
            "ヨミ",
        ],
        in_xlsx: true,
        // A reading is the name.
        redact: Redact::Drop,
        get: |e| Value::Text(e.extra.name_kana.clone()),
        put: |e, v| {
            if let Value::Text(t) = v {
                e.extra.name_kana = t;
            }
        },
    },
    Field {
        key: "inactive_from",
        en: "inactive from",
        ja: "提案停止日",
        kind: Kind::Date,
        column: "inactive_from",
        headers: &["提案停止日", "稼働停止日"],
        in_xlsx: true,
        redact: Redact::When,
        get: |e| Value::Date(e.extra.inactive_from),
        put: |e, v| {
            if let Value::Date(d) = v {
                e.extra.inactive_from = d;
            }
        },
    },
];

/// The field with this key or either label.
pub fn find(key: &str) -> Option<&'static Field> {
    let k = key.trim();
    ENGINEER_TABLE
        .iter()
        .find(|f| f.key == k || f.en == k || f.ja == k)
}

impl Field {
    pub fn label(&self, ja: bool) -> &'static str {
        if ja {
            self.ja
        } else {
            self.en
        }
    }

    /// Parse `text` and put it on `e`.
    pub fn set(&self, e: &mut Engineer, text: &str) -> Result<(), Refusal> {
        let v = self.kind.parse(self.key, text)?;
        (self.put)(e, v);
        Ok(())
    }

    /// The value as text, empty for none.
    pub fn text(&self, e: &Engineer) -> String {
        (self.get)(e).format()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_plain_identifiers_and_keys_unique() {
        for (i, f) in ENGINEER_TABLE.iter().enumerate() {
            assert!(
                !f.column.is_empty()
                    && f.column
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{}",
                f.column
            );
            assert!(ENGINEER_TABLE[..i].iter().all(|g| g.key != f.key));
        }
    }

    #[test]
    fn kinds_read_back_what_they_write_and_refuse_out_of_bounds() {
        let v = Kind::Date.parse("d", "2026/12/01").unwrap();
        assert_eq!(v.format(), "2026-12-01");
        assert_eq!(Kind::Date.parse("d", &v.format()).unwrap(), v);
        assert!(matches!(
            Kind::Date.parse("d", "9999-12-31"),
            Err(Refusal::YearOutOfRange(_))
        ));
        assert!(matches!(
            Kind::Date.parse("d", "soon"),
            Err(Refusal::NotDate(_))
        ));
        assert!(Kind::Date.parse("d", " ").unwrap().is_empty());
        assert!(Kind::Text.parse("t", "a\u{0}b").is_err());
    }
}
