//! Start dates as postings write them: `即日`, `12月～`, `2026年1月～`, `1/5～`, `来月`, `令和8年4月`, `March 2026`.
//!
//! A month or day without a year takes the next such month on or after the day
//! the posting was received; the rest of a period (`～長期`) is its duration.

use chrono::{Datelike, NaiveDate};
use std::ops::Range;

use crate::domain::Start;

use super::normalize::{char_at, char_before, number_start};

/// A start found in text: what it says and where it was written (folded byte range).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Found {
    pub start: Start,
    pub span: Range<usize>,
}

#[rustfmt::skip]
const IMMEDIATE: &[&str] = &[
    "即日", "即時", "即~", "即-", "即入場", "即参画", "即稼働", "即可", "即から", "asap",
    "immediately", "immediate start", "今すぐ", "right away", "at once", "随時",
];
/// Words that say a bare `1/5` or `12月` is when work starts, outside a start field.
#[rustfmt::skip]
const START_CONTEXT_AFTER: &[&str] = &[
    "~", "から", "より", "開始", "参画", "入場", "稼働", "スタート", "-", "予定", "or", "頃",
];
const MONTHS_EN: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The first start written in `low` (folded, ASCII lower case). `labelled` says the text is a
/// start or period field, where a bare `1/5` or `12月` needs no `～` after it.
pub(crate) fn find_start(low: &str, received: NaiveDate, labelled: bool) -> Option<Found> {
    let mut best: Option<Found> = None;
    let mut consider = |f: Found| {
        if best.as_ref().is_none_or(|b| f.span.start < b.span.start) {
            best = Some(f);
        }
    };
    for w in IMMEDIATE {
        if let Some(p) = low.find(w) {
            // `即戦力` is not `即日`; the list above only has safe forms. Outside a start
            // field `即日` must read as a start (`即日～`, `即日参画`), not `結果即日`.
            let end = p + w.len();
            if !labelled && (w.starts_with('即') || *w == "随時") && !has_start_context(low, end)
            {
                continue;
            }
            consider(Found {
                start: Start::Immediate,
                span: p..end,
            });
        }
    }
    for (w, add) in [
        ("再来月", 2u32),
        ("来月", 1),
        ("今月", 0),
        ("next month", 1),
        ("this month", 0),
    ] {
        if let Some(p) = low.find(w) {
            if w == "来月" && low[..p].ends_with('再') {
                continue;
            }
            let (y, m) = add_months(received.year(), received.month(), add);
            consider(Found {
                start: Start::Month { year: y, month: m },
                span: p..p + w.len(),
            });
        }
    }
    if let Some(f) = numeric(low, received, labelled) {
        consider(f);
    }
    if let Some(f) = english_month(low, received, labelled) {
        consider(f);
    }
    best
}

fn add_months(y: i32, m: u32, add: u32) -> (i32, u32) {
    let z = (m - 1) + add;
    (y + (z / 12) as i32, z % 12 + 1)
}

/// The year of a month written without one: the next such month on or after `received`.
fn infer_year(month: u32, received: NaiveDate) -> i32 {
    if month < received.month() {
        received.year() + 1
    } else {
        received.year()
    }
}

fn month_start(year: i32, month: u32, day: Option<u32>) -> Option<Start> {
    if !(1..=12).contains(&month) || !(2000..=2100).contains(&year) {
        return None;
    }
    match day {
        Some(d) => NaiveDate::from_ymd_opt(year, month, d).map(Start::Date),
        None => Some(Start::Month { year, month }),
    }
}

/// Up to four plain digits: the pieces of a date.
fn small(s: &str) -> Option<(u32, usize)> {
    let len = s.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || len > 4 {
        return None;
    }
    s[..len].parse().ok().map(|v| (v, len))
}

fn has_start_context(low: &str, end: usize) -> bool {
    let after = low[end..].trim_start_matches(|c: char| {
        c == ' '
            || matches!(
                c,
                '上' | '中' | '下' | '旬' | '初' | '頭' | '末' | '頃' | '以' | '降' | ')' | '('
            )
    });
    START_CONTEXT_AFTER.iter().any(|w| after.starts_with(w))
        || low[..end].contains("開始")
        || low[..end].contains("start")
        || low[..end].contains("参画時期")
}

/// Dates written with digits: `2026年1月5日`, `2026/1/5`, `2026-01`, `令和8年4月`, `12月`, `1/5`.
fn numeric(low: &str, received: NaiveDate, labelled: bool) -> Option<Found> {
    let mut i = 0;
    while let Some(at) = number_start(low, i, true) {
        i = at;
        let Some((n, len)) = small(&low[i..]) else {
            i += 1;
            continue;
        };
        let after = &low[i + len..];
        let reiwa = low[..i].trim_end().ends_with("令和");
        // YYYY年M月[D日] and 令和N年M月
        if let Some(r) = after.strip_prefix('年') {
            let year = if reiwa { 2018 + n as i32 } else { n as i32 };
            if let Some((m, ml)) = small(r) {
                let r2 = &r[ml..];
                if let Some(r3) = r2.strip_prefix('月') {
                    let (day, dl) = day_after(r3, "日");
                    let end = i + len + '年'.len_utf8() + ml + '月'.len_utf8() + dl;
                    if let Some(s) = month_start(year, m, day) {
                        return Some(Found {
                            start: s,
                            span: i..end,
                        });
                    }
                }
            }
            i += len;
            continue;
        }
        // YYYY/M/D, YYYY-MM, YYYY.M
        if (2000..=2100).contains(&n) && len == 4 {
            if let Some(sep) = after
                .chars()
                .next()
                .filter(|c| matches!(c, '/' | '-' | '.'))
            {
                let r = &after[1..];
                if let Some((m, ml)) = small(r) {
                    let r2 = &r[ml..];
                    let (day, dl) = match r2.chars().next() {
                        Some(c) if c == sep => match small(&r2[1..]) {
                            Some((d, l)) => (Some(d), 1 + l),
                            None => (None, 0),
                        },
                        _ => (None, 0),
                    };
                    if let Some(s) = month_start(n as i32, m, day) {
                        return Some(Found {
                            start: s,
                            span: i..i + len + 1 + ml + dl,
                        });
                    }
                }
            }
            i += len;
            continue;
        }
        // M月[D日]
        if let Some(r) = after.strip_prefix('月') {
            if (1..=12).contains(&n) && !low[..i].ends_with(['ヶ', 'ケ', 'か', 'カ', '毎', '週'])
            {
                let (day, dl) = day_after(r, "日");
                let end = i + len + '月'.len_utf8() + dl;
                let duration_like = r.starts_with("間") || r.starts_with("以内");
                if !duration_like && (labelled || has_start_context(low, end)) {
                    if let Some(s) = month_start(infer_year(n, received), n, day) {
                        return Some(Found {
                            start: s,
                            span: i..end,
                        });
                    }
                }
            }
            i += len;
            continue;
        }
        // M/D
        if let Some(r) = after.strip_prefix('/') {
            if let Some((d, dl)) = small(r) {
                let end = i + len + 1 + dl;
                let more = low[end..].starts_with('/') || char_before(low, i) == Some('/');
                if (1..=12).contains(&n)
                    && (1..=31).contains(&d)
                    && !more
                    && (labelled || has_start_context(low, end))
                {
                    if let Some(s) = month_start(infer_year(n, received), n, Some(d)) {
                        return Some(Found {
                            start: s,
                            span: i..end,
                        });
                    }
                }
            }
        }
        i += len;
    }
    None
}

/// `5日` after a month, or nothing.
fn day_after(r: &str, unit: &str) -> (Option<u32>, usize) {
    match small(r) {
        Some((d, l)) if r[l..].starts_with(unit) && (1..=31).contains(&d) => {
            (Some(d), l + unit.len())
        }
        _ => (None, 0),
    }
}

/// `January 2026`, `Jan 5, 2026`, `from March`, `early April`.
fn english_month(low: &str, received: NaiveDate, labelled: bool) -> Option<Found> {
    let mut best: Option<Found> = None;
    for &(name, m) in MONTHS_EN {
        let mut from = 0;
        while let Some(p) = low[from..].find(name).map(|p| p + from) {
            from = p + name.len();
            let before_ok = !char_before(low, p).is_some_and(|c| c.is_ascii_alphabetic());
            let after_ok = !char_at(low, p + name.len()).is_some_and(|c| c.is_ascii_alphabetic());
            if !before_ok || !after_ok || (name == "may" && !labelled) {
                continue;
            }
            let context = labelled
                || ["start", "from", "begin", "join"].iter().any(|w| {
                    low[..p]
                        .rsplit(['.', '\n'])
                        .next()
                        .unwrap_or("")
                        .contains(w)
                });
            if !context {
                continue;
            }
            let mut end = p + name.len();
            let rest = low[end..].trim_start_matches(['.', ' ']);
            let mut day = None;
            let mut year = None;
            let mut cursor = low.len() - rest.len();
            if let Some((d, l)) = small(rest) {
                if (1..=31).contains(&d) && l <= 2 {
                    day = Some(d);
                    cursor += l;
                    end = cursor;
                } else if (2000..=2100).contains(&d) {
                    year = Some(d as i32);
                    cursor += l;
                    end = cursor;
                }
            }
            if year.is_none() {
                let rest =
                    low[cursor..].trim_start_matches([',', ' ', 't', 'h', 's', 'n', 'd', 'r']);
                if let Some((y, l)) = small(rest) {
                    if (2000..=2100).contains(&y) {
                        year = Some(y as i32);
                        end = low.len() - rest.len() + l;
                    }
                }
            }
            let y = year.unwrap_or_else(|| infer_year(m, received));
            if let Some(s) = month_start(y, m, day) {
                let f = Found {
                    start: s,
                    span: p..end,
                };
                if best.as_ref().is_none_or(|b| f.span.start < b.span.start) {
                    best = Some(f);
                }
            }
        }
    }
    best
}

/// The duration part of a period: what follows the start's `～` (`即日～長期` → `長期`),
/// or the whole text when no start is written in it.
pub(crate) fn duration_span(low: &str, start: Option<&Found>) -> Option<Range<usize>> {
    let from = match start {
        Some(f) => {
            let after = &low[f.span.end..];
            let skip = after
                .char_indices()
                .take(12)
                .find(|&(_, c)| matches!(c, '~' | '-' | 'ー' | '?'))
                .map(|(i, c)| i + c.len_utf8())
                .or_else(|| {
                    after
                        .find("から")
                        .filter(|&i| i < 12)
                        .map(|i| i + "から".len())
                })?;
            f.span.end + skip
        }
        None => 0,
    };
    let rest = &low[from..];
    let t = rest.trim_start_matches([' ', ':']);
    let t = t.trim_end();
    if t.is_empty() || is_undecided(t) {
        return None;
    }
    let s = low.len() - rest.len() + (rest.len() - rest.trim_start_matches([' ', ':']).len());
    Some(s..s + t.len())
}

/// `応相談`, `未定`, `TBD`: nothing to read.
pub(crate) fn is_undecided(t: &str) -> bool {
    let t = t.trim_matches(|c: char| !c.is_alphanumeric());
    ["相談", "応相談", "未定", "tbd", "調整", "要相談", "-", ""].contains(&t)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start(s: &str, labelled: bool) -> Option<String> {
        let received = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
        let low = crate::posting::normalize::Norm::new(s).low;
        find_start(&low, received, labelled).map(|f| f.start.to_string())
    }

    #[test]
    fn start_forms() {
        for (text, want) in [
            ("即日", Some("immediate")),
            ("即日～", Some("immediate")),
            ("即日～長期", Some("immediate")),
            ("随時～長期", Some("immediate")),
            ("12月～", Some("2025-12")),
            ("１２月～長期", Some("2025-12")),
            ("10月～長期", Some("2026-10")),
            ("11月～", Some("2025-11")),
            ("2026年1月～", Some("2026-01")),
            ("2025年9月1日～", Some("2025-09-01")),
            ("1/5～", Some("2026-01-05")),
            ("11/1～2018/6末", Some("2025-11-01")),
            ("来月", Some("2025-12")),
            ("再来月から", Some("2026-01")),
            ("9月or10月～長期", Some("2026-09")),
            ("2026/01/05～", Some("2026-01-05")),
            ("2026-02", Some("2026-02")),
            ("令和8年4月～", Some("2026-04")),
            ("12月上旬～", Some("2025-12")),
            ("参画時期は応相談", None),
            ("ASAP", Some("immediate")),
            ("January 2026", Some("2026-01")),
            ("Jan 5, 2026", Some("2026-01-05")),
            ("March", Some("2026-03")),
            ("即戦力募集", None),
            ("3ヶ月", None),
        ] {
            assert_eq!(start(text, true).as_deref(), want, "{text}");
        }
    }

    #[test]
    fn prose_needs_a_start_word() {
        assert_eq!(start("12月から参画", false).as_deref(), Some("2025-12"));
        assert_eq!(start("5月に予定されているリリース", false), None);
        assert_eq!(
            start("starting from February", false).as_deref(),
            Some("2026-02")
        );
        assert_eq!(start("Windows 10/11", false), None);
    }

    #[test]
    fn durations() {
        let received = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
        for (text, want) in [
            ("即日～長期", Some("長期")),
            ("12月～長期（3ヶ月更新）", Some("長期(3ヶ月更新)")),
            ("長期", Some("長期")),
            ("11/1～2018/6末", Some("2018/6末")),
            ("即日", None),
        ] {
            let low = crate::posting::normalize::Norm::new(text).low;
            let f = find_start(&low, received, true);
            let d = duration_span(&low, f.as_ref()).map(|r| low[r].to_string());
            assert_eq!(d.as_deref(), want, "{text}");
        }
    }
}
