//! Human-language requirements in a posting: `ビジネスレベルの英語力`, `英語：ビジネスレベル`,
//! `TOEIC 800`, `中国語ネイティブ`, `日本語N1`.
//!
//! Read from the whole text: the level sits a few characters before or after the
//! language's name, within the same clause.

use crate::domain::{language_spellings, Language, LanguageLevel};

/// Characters on either side of a language's name that still belong to its clause.
const REACH: usize = 14;

/// Every language the text asks for, with the highest level it names; a language named
/// without a level (`英語の資料を読む`) asks for reading.
pub fn read_languages(text: &str) -> Vec<Language> {
    let lower = text.to_lowercase();
    let mut out: Vec<Language> = Vec::new();
    let mut add = |name: &str, level: LanguageLevel| match out.iter_mut().find(|l| l.name == name) {
        Some(l) => l.level = l.level.max(level),
        None => out.push(Language {
            name: name.to_string(),
            level,
        }),
    };
    // TOEIC is English whatever surrounds it.
    let mut at = 0;
    while let Some(i) = lower[at..].find("toeic") {
        let start = at + i;
        let tail: String = lower[start..].chars().take(12).collect();
        if let Some(level) = LanguageLevel::parse(&tail) {
            add("英語", level);
        }
        at = start + "toeic".len();
    }
    for (name, spelling) in language_spellings() {
        let mut at = 0;
        while let Some(i) = lower[at..].find(spelling) {
            let start = at + i;
            let end = start + spelling.len();
            at = end;
            let before = clause_before(&lower[..start]);
            let after = clause_after(&lower[end..]);
            // `日本語N1`, `英語：ビジネスレベル`, then `ビジネスレベルの英語力`.
            let level = LanguageLevel::parse(after)
                .filter(|l| *l != LanguageLevel::None || not_waived(after))
                .or_else(|| LanguageLevel::parse(before).filter(|l| *l != LanguageLevel::None));
            match level {
                Some(l) if l > LanguageLevel::None => add(name, l),
                Some(_) => {}
                // A language in a skill line with no level still asks to read it.
                None if asks(after) => add(name, LanguageLevel::Reading),
                None => {}
            }
        }
    }
    out
}

fn clause_before(s: &str) -> &str {
    let cut = s
        .char_indices()
        .rev()
        .take(REACH)
        .find(|(_, c)| is_break(*c))
        .map_or_else(
            || {
                s.char_indices()
                    .rev()
                    .take(REACH)
                    .last()
                    .map_or(0, |(i, _)| i)
            },
            |(i, c)| i + c.len_utf8(),
        );
    &s[cut..]
}

fn clause_after(s: &str) -> &str {
    let end = s
        .char_indices()
        .take(REACH)
        .find(|(_, c)| is_break(*c))
        .map_or_else(
            || s.char_indices().nth(REACH).map_or(s.len(), |(i, _)| i),
            |(i, _)| i,
        );
    &s[..end]
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '。' | '、' | ',' | '/' | '／' | '・' | '■' | '●' | '◆' | '【' | '】'
    )
}

/// `英語不要`, `英語は不問`: the language is not asked.
fn not_waived(after: &str) -> bool {
    ["不要", "不問", "なし"].iter().all(|w| !after.contains(w))
}

/// `英語力`, `英語での`, `英語を使用`: the language is part of the work.
fn asks(after: &str) -> bool {
    [
        "力",
        "での",
        "を使",
        "対応",
        "資料",
        "読解",
        "でのやり取り",
        "スキル",
    ]
    .iter()
    .any(|w| after.starts_with(w) || after.starts_with(&format!("の{w}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use LanguageLevel::*;

    #[test]
    fn reads_the_notations_reps_receive() {
        for (text, want) in [
            ("・ビジネスレベルの英語力", vec![("英語", Business)]),
            (
                "■必須\n英語：ビジネスレベル\nJava3年以上",
                vec![("英語", Business)],
            ),
            ("TOEIC 800点以上", vec![("英語", Business)]),
            ("中国語ネイティブの方", vec![("中国語", Native)]),
            ("日本語N1", vec![("日本語", Business)]),
            ("英語の資料読解（読み書き程度）", vec![("英語", Reading)]),
            ("英語不要", vec![]),
            ("Java/Spring Boot 3年以上", vec![]),
        ] {
            let got: Vec<(String, LanguageLevel)> = read_languages(text)
                .into_iter()
                .map(|l| (l.name, l.level))
                .collect();
            let want: Vec<(String, LanguageLevel)> =
                want.into_iter().map(|(n, l)| (n.to_string(), l)).collect();
            assert_eq!(got, want, "{text}");
        }
    }
}
