//! Human languages other than the skills a profile lists: English, Chinese, Japanese.
//!
//! One scale for every language, as a rep says it: none / reading / business / native.
//! An engineer carries a level per language; an opening may ask for one (`ビジネスレベルの英語力`).

use serde::{Deserialize, Serialize};

/// How well someone uses a language, from nothing to native.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LanguageLevel {
    /// Cannot work in it.
    None,
    /// Reads documents and mail (読み書き, TOEIC 600–795).
    Reading,
    /// Meetings and negotiation (ビジネスレベル, TOEIC 800+, N1/N2).
    Business,
    /// Native or fluent (ネイティブ, 母国語).
    Native,
}

impl LanguageLevel {
    pub const ALL: [LanguageLevel; 4] = [Self::None, Self::Reading, Self::Business, Self::Native];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Reading => "reading",
            Self::Business => "business",
            Self::Native => "native",
        }
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Self::None => "不可",
            Self::Reading => "読み書き",
            Self::Business => "ビジネス",
            Self::Native => "ネイティブ",
        }
    }

    /// `business`, `ビジネスレベル`, `TOEIC 800`, `ネイティブ`, `読み書き`, `日常会話`, `N1` …
    pub fn parse(s: &str) -> Option<Self> {
        let t: String = s.trim().to_lowercase().replace([' ', '　'], "");
        if t.is_empty() {
            return None;
        }
        if let Some(l) = Self::ALL.into_iter().find(|l| l.as_str() == t) {
            return Some(l);
        }
        if let Some(score) = toeic(&t) {
            return Some(if score >= 800 {
                Self::Business
            } else if score >= 600 {
                Self::Reading
            } else {
                Self::None
            });
        }
        let has = |w: &str| t.contains(w);
        if has("ネイティブ") || has("母国語") || has("母語") || has("native") || has("流暢")
        {
            Some(Self::Native)
        } else if has("ビジネス") || has("business") || has("n1") || has("n2") || has("堪能")
        {
            Some(Self::Business)
        } else if has("読み書き")
            || has("読解")
            || has("日常会話")
            || has("reading")
            || has("n3")
            || has("ドキュメント")
        {
            Some(Self::Reading)
        } else if has("不可") || has("なし") || has("無") || t == "-" || has("none") {
            Some(Self::None)
        } else {
            None
        }
    }
}

/// `toeic800`, `toeic:800点` → 800.
fn toeic(t: &str) -> Option<u32> {
    let rest = &t[t.find("toeic")? + "toeic".len()..];
    let digits: String = rest
        .chars()
        .skip_while(|c| !c.is_ascii_digit())
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok().filter(|n| *n <= 990)
}

/// A language and a level: what an engineer has, or what an opening asks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Language {
    /// The language as the trade names it: `英語`, `中国語`, `日本語`.
    pub name: String,
    pub level: LanguageLevel,
}

/// Languages a rep writes, and the other spellings that mean them.
const NAMES: &[(&str, &[&str])] = &[
    ("英語", &["english", "英語", "英会話"]),
    ("中国語", &["chinese", "中国語", "北京語", "mandarin"]),
    ("韓国語", &["korean", "韓国語"]),
    ("日本語", &["japanese", "日本語"]),
];

/// The canonical name of a language (`English` → `英語`), if one we know.
pub fn language_name(s: &str) -> Option<&'static str> {
    let t = s.trim().to_lowercase();
    NAMES
        .iter()
        .find(|(_, alts)| alts.iter().any(|a| t == *a))
        .map(|(n, _)| *n)
}

/// Every language name we know with its spellings, for readers that scan text.
pub fn language_spellings() -> impl Iterator<Item = (&'static str, &'static str)> {
    NAMES
        .iter()
        .flat_map(|(n, alts)| alts.iter().map(move |a| (*n, *a)))
}

/// `英語:business;中国語:native` (also `英語：ビジネス`, `English business`) → languages.
pub fn parse_languages(s: &str) -> Result<Vec<Language>, String> {
    let mut out: Vec<Language> = Vec::new();
    for part in s.split([';', '；', '、', ',']) {
        let part = part.trim();
        if part.is_empty() {
            continue;
        }
        let (name, level) = if part.to_lowercase().contains("toeic") {
            ("英語", part)
        } else {
            match part.find([':', '：', '=']) {
                Some(i) => {
                    let sep = part[i..].chars().next().map_or(1, char::len_utf8);
                    (&part[..i], &part[i + sep..])
                }
                None => match part.find([' ', '　']) {
                    Some(i) => (&part[..i], &part[i..]),
                    None => ("英語", part),
                },
            }
        };
        let name = language_name(name)
            .map(str::to_string)
            .unwrap_or_else(|| name.trim().to_string());
        let level = LanguageLevel::parse(level).ok_or_else(|| {
            format!("'{part}': level should be none, reading, business or native")
        })?;
        out.retain(|l| l.name != name);
        out.push(Language { name, level });
    }
    Ok(out)
}

/// The stored and exported form: `英語:business;中国語:native`.
pub fn format_languages(langs: &[Language]) -> String {
    langs
        .iter()
        .map(|l| format!("{}:{}", l.name, l.level.as_str()))
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_in_the_trades_words() {
        for (s, want) in [
            ("business", Some(LanguageLevel::Business)),
            ("ビジネスレベル", Some(LanguageLevel::Business)),
            ("TOEIC 800", Some(LanguageLevel::Business)),
            ("TOEIC700点", Some(LanguageLevel::Reading)),
            ("TOEIC 450", Some(LanguageLevel::None)),
            ("ネイティブ", Some(LanguageLevel::Native)),
            ("読み書き程度", Some(LanguageLevel::Reading)),
            ("不可", Some(LanguageLevel::None)),
            ("そこそこ", None),
        ] {
            assert_eq!(LanguageLevel::parse(s), want, "{s}");
        }
    }

    #[test]
    fn lists_round_trip() {
        let l = parse_languages("英語：ビジネス；中国語:native").unwrap();
        assert_eq!(format_languages(&l), "英語:business;中国語:native");
        assert_eq!(parse_languages("TOEIC 850").unwrap()[0].name, "英語");
        assert_eq!(parse_languages("English: reading").unwrap()[0].name, "英語");
        assert!(parse_languages("英語:ぼちぼち").is_err());
    }
}
