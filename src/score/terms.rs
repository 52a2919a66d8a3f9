//! The engineer's and the opening's words the hard limits read: age bands, Japanese
//! levels, NG lists and what makes work client-facing. Parsed once, outside the hot loop.

use unicode_normalization::UnicodeNormalization;

use crate::skills::{normalize_key, SkillId, Taxonomy};

/// An age band as a range of years: `40代` → 40–49, `30代後半` → 35–39, `45歳` → 45–45.
pub fn age_range(band: &str) -> Option<(u8, u8)> {
    // `40代` needs no folding; only full-width digits do. 100k profiles load at once.
    let folded;
    let s: &str = if band.chars().any(|c| ('\u{FF10}'..='\u{FF19}').contains(&c)) {
        folded = band.nfkc().collect::<String>();
        &folded
    } else {
        band
    };
    let mut nums = Vec::new();
    let mut cur: Option<u32> = None;
    let mut ends = Vec::new();
    for (i, c) in s.char_indices() {
        if let Some(d) = c.to_digit(10) {
            cur = Some(cur.unwrap_or(0).saturating_mul(10).saturating_add(d));
        } else if let Some(n) = cur.take() {
            nums.push(n);
            ends.push(i);
        }
    }
    if let Some(n) = cur.take() {
        nums.push(n);
        ends.push(s.len());
    }
    let first = *nums.first()?;
    if first > 120 {
        return None;
    }
    let first = first as u8;
    let rest = &s[ends[0]..];
    if rest.starts_with('代') || rest.starts_with("s") {
        let (lo, hi) = if rest.contains("前半") {
            (first, first + 4)
        } else if rest.contains("後半") {
            (first + 5, first + 9)
        } else if rest.contains("半ば") {
            (first + 3, first + 7)
        } else {
            (first, first + 9)
        };
        return Some((lo, hi));
    }
    match nums.get(1) {
        Some(&second) if second >= u32::from(first) && second <= 120 => Some((first, second as u8)),
        _ => Some((first, first)),
    }
}

/// Japanese ability on one scale: 5 native, 4 N1 / fluent, 3 N2 / business,
/// 2 N3 / conversational, 1 N4 / basic, 0 N5 / none.
pub fn japanese_level(text: &str) -> Option<u8> {
    let s = normalize_key(text);
    let has = |w: &str| s.contains(w);
    if has("native") || has("ネイティブ") || has("母国語") || has("母語") {
        Some(5)
    } else if has("n1") || has("流暢") || has("堪能") || has("fluent") || has("ビジネス上級")
    {
        Some(4)
    } else if has("n2") || has("ビジネス") || has("business") {
        Some(3)
    } else if has("n3") || has("日常会話") || has("conversational") {
        Some(2)
    } else if has("n4") || has("片言") || has("basic") || has("初級") {
        Some(1)
    } else if has("n5") || has("不可") || has("none") {
        Some(0)
    } else {
        None
    }
}

/// The label a level is read back as.
pub fn japanese_label(level: u8) -> &'static str {
    match level {
        5 => "native",
        4 => "N1",
        3 => "N2",
        2 => "N3",
        1 => "N4",
        _ => "N5",
    }
}

/// The Japanese an opening asks of a foreign national: stated in its text, or business
/// level where the work faces the client (a role, 要件定義, 顧客折衝).
pub fn japanese_required(folded_text: &str, client_facing: bool) -> Option<u8> {
    let has = |w: &str| folded_text.contains(w);
    if has("ネイティブ") || has("n1") || has("流暢") || has("堪能") {
        Some(4)
    } else if has("n2")
        || has("ビジネスレベル")
        || has("日本語")
        || has("顧客折衝")
        || has("折衝")
        || has("顧客対応")
        || has("ヒアリング")
        || client_facing
    {
        Some(3)
    } else {
        None
    }
}

/// What an NG entry says the engineer will not take.
#[derive(Debug, Clone, PartialEq)]
pub enum NgTerm {
    /// `常駐NG`: on-site work.
    OnSite,
    /// `出社NG`, `リモートのみ`: any office days.
    Office,
    /// `夜勤不可`: night or shift work.
    Night,
    /// An industry or skill the taxonomy knows (`金融NG`): matched against the
    /// opening's requirements and their relations, and its text.
    Skill(SkillId, String),
    /// Anything else (a client's name): matched in the opening's title, client and text.
    Word(String),
}

impl NgTerm {
    /// The words as a rep would repeat them.
    pub fn label(&self) -> &str {
        match self {
            NgTerm::OnSite => "常駐",
            NgTerm::Office => "出社",
            NgTerm::Night => "夜勤",
            NgTerm::Skill(_, w) | NgTerm::Word(w) => w,
        }
    }
}

/// Read an engineer's NG entries (`金融NG`, `夜勤不可`, `常駐NG`, `A社`).
pub fn ng_terms(entries: &[String], tax: &Taxonomy) -> Vec<NgTerm> {
    let mut out = Vec::new();
    for entry in entries {
        let mut w: String = entry.nfkc().collect::<String>().trim().to_string();
        for suffix in [
            "案件NG",
            "NG",
            "ng",
            "Ng",
            "不可",
            "お断り",
            "×",
            "は避けたい",
            "なし",
        ] {
            if let Some(x) = w.strip_suffix(suffix) {
                w = x.trim().to_string();
                break;
            }
        }
        let w = w.trim_end_matches(['は', ':', '：', ' ']).to_string();
        if w.is_empty() {
            continue;
        }
        let key = normalize_key(&w);
        let term = match key.as_str() {
            "常駐" | "客先常駐" | "フル出社" | "onsite" => NgTerm::OnSite,
            "出社" | "リモート以外" | "通勤" => NgTerm::Office,
            "夜勤" | "夜間" | "シフト" | "シフト勤務" | "夜間対応" => NgTerm::Night,
            _ => match tax.lookup(&w) {
                Some(id) => NgTerm::Skill(id, w),
                None => NgTerm::Word(key),
            },
        };
        if !out.contains(&term) {
            out.push(term);
        }
    }
    out
}

pub use crate::domain::split_ng;

/// The end client a posting states under a label (`エンド：ABC商事`, `【顧客】…`), even
/// without a legal form: the name an NG client is matched against.
pub fn stated_end_client(text: &str) -> Option<String> {
    if let Some(name) = crate::posting::sender::end_client_in(text) {
        return Some(name);
    }
    text.lines().find_map(|line| {
        use crate::posting::sender::{after_label, END_CLIENT_LABELS};
        // Without a legal form, `クライアント` is too loose to name the end client.
        let rest = after_label(line, &END_CLIENT_LABELS[..6])?;
        let value = rest.strip_prefix(['：', ':', '】', ']'])?;
        let value = value
            .trim_start_matches(['：', ':', ' ', '\u{3000}'])
            .trim_end_matches(['様', '御', '中'])
            .trim();
        (!value.is_empty()).then(|| value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn age_bands() {
        for (band, want) in [
            ("40代", Some((40, 49))),
            ("30代後半", Some((35, 39))),
            ("20代前半", Some((20, 24))),
            ("45歳", Some((45, 45))),
            ("４５歳", Some((45, 45))),
            ("40〜45歳", Some((40, 45))),
            ("不明", None),
        ] {
            assert_eq!(age_range(band), want, "{band}");
        }
    }

    #[test]
    fn japanese_levels() {
        for (s, want) in [
            ("N1", Some(4)),
            ("N3", Some(2)),
            ("日常会話レベル", Some(2)),
            ("ビジネスレベル", Some(3)),
            ("ネイティブ", Some(5)),
            ("", None),
        ] {
            assert_eq!(japanese_level(s), want, "{s}");
        }
    }

    #[test]
    fn ng_entries_are_read_in_the_trades_words() {
        let tax = Taxonomy::builtin();
        let t = ng_terms(&split_ng("金融NG、夜勤不可、常駐NG、ABC商事"), tax);
        assert_eq!(
            t[0],
            NgTerm::Skill(tax.lookup("金融").unwrap(), "金融".into())
        );
        assert_eq!(t[1], NgTerm::Night);
        assert_eq!(t[2], NgTerm::OnSite);
        assert_eq!(t[3], NgTerm::Word("abc商事".into()));
    }
}
