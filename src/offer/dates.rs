//! When an engineer can start: `即日`, `12月~`, `2027年1月5日~`, `12/1~`, `来月`, `12月末まで現場`.
//!
//! A month without a year is the next such month on or after the received date,
//! the rule openings follow.

use chrono::{Datelike, NaiveDate};

use super::fold::number_at;
use crate::domain::Start;
use crate::posting::normalize::number_start;

/// The first month `m` on or after the received month: the rule openings use too.
pub fn month_on_or_after(received: NaiveDate, month: u32) -> (i32, u32) {
    let year = if month >= received.month() {
        received.year()
    } else {
        received.year() + 1
    };
    (year, month)
}

fn add_months(year: i32, month: u32, n: u32) -> (i32, u32) {
    let total = year * 12 + (month as i32 - 1) + n as i32;
    (total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

const START_WORDS: [&str; 12] = [
    "稼働", "稼動", "参画", "入場", "開始", "空き", "終了", "退場", "から", "より", "~", "可",
];

/// When the engineer can start; `Some(None)` when stated as undecided.
pub fn start(v: &str, received: NaiveDate, labelled: bool) -> Option<Option<Start>> {
    if !labelled {
        return v
            .split(['/', '|', '、', '。'])
            .find_map(|seg| start_in_free_text(seg, received));
    }
    let first = v.lines().next().unwrap_or("").trim();
    if let Some(s) = start_value(first, received) {
        return Some(Some(s));
    }
    let undecided = ["相談", "調整", "未定", "確認中"]
        .iter()
        .any(|w| first.contains(w));
    undecided.then_some(None)
}

fn start_in_free_text(seg: &str, received: NaiveDate) -> Option<Option<Start>> {
    if seg.contains("即日")
        || seg.contains("即稼働")
        || seg.contains("待機中")
        || seg.contains("即参画")
    {
        return Some(Some(Start::Immediate));
    }
    // Career periods (`2020年4月~現在`) are history, not availability.
    if seg.contains("現在") && !seg.contains("稼働中") || seg.contains("経験") || seg.contains('至')
    {
        return None;
    }
    if !START_WORDS.iter().any(|w| seg.contains(w)) {
        return None;
    }
    start_value(seg, received).map(Some)
}

fn start_value(t: &str, received: NaiveDate) -> Option<Start> {
    let low = t.to_ascii_lowercase();
    if ["即", "すぐ", "待機中", "asap", "immediately"]
        .iter()
        .any(|w| low.contains(w))
    {
        return Some(Start::Immediate);
    }
    if t.contains("再来月") {
        let (y, m) = add_months(received.year(), received.month(), 2);
        return Some(Start::Month { year: y, month: m });
    }
    if t.contains("来月") {
        let (y, m) = add_months(received.year(), received.month(), 1);
        return Some(Start::Month { year: y, month: m });
    }
    if t.contains("今月") {
        return Some(Start::Month {
            year: received.year(),
            month: received.month(),
        });
    }
    let mut i = 0;
    while let Some(at) = number_start(t, i, false) {
        i = at;
        let Some((n1, l1)) = number_at(&t[i..]) else {
            i += 1;
            continue;
        };
        let rest = &t[i + l1..];
        if n1.fract() != 0.0 {
            i += l1;
            continue;
        }
        let n1 = n1 as u32;
        // `2026年1月`, `2026/1/5`, `2026-01`.
        if (2000..=2100).contains(&n1) {
            let sep = rest.chars().next();
            if matches!(sep, Some('年' | '/' | '-' | '.')) {
                let r2 = &rest[sep.map_or(1, char::len_utf8)..];
                if let Some((m, l2)) = number_at(r2) {
                    let m = m as u32;
                    if (1..=12).contains(&m) {
                        let r3 = r2[l2..].trim_start_matches('月');
                        let day = day_after(r3);
                        return Some(finish(n1 as i32, m, day, &r2[l2..]));
                    }
                }
            }
            i += l1;
            continue;
        }
        if (1..=12).contains(&n1) {
            if let Some(r2) = rest.strip_prefix('月') {
                let day = r2
                    .chars()
                    .next()
                    .filter(char::is_ascii_digit)
                    .and(number_at(r2))
                    .filter(|(_, l)| r2[*l..].starts_with('日'))
                    .map(|(d, _)| d as u32);
                let (y, m) = month_on_or_after(received, n1);
                return Some(finish(y, m, day, r2));
            }
            if let Some(r2) = rest.strip_prefix('/') {
                if let Some((d, l2)) = number_at(r2) {
                    let after = r2[l2..].chars().next();
                    if !matches!(after, Some('/' | '.')) && (1.0..=31.0).contains(&d) {
                        let (y, m) = month_on_or_after(received, n1);
                        return Some(finish(y, m, Some(d as u32), &r2[l2..]));
                    }
                }
            }
        }
        i += l1;
    }
    None
}

fn day_after(r: &str) -> Option<u32> {
    let r = r.trim_start_matches(['/', '-', '.']);
    let (d, l) = number_at(r)?;
    let ok = (1.0..=31.0).contains(&d) && !r[l..].starts_with(['年', '万', '歳']);
    ok.then_some(d as u32)
}

/// A month (or a day) read; `12月末まで稼働` means free the month after.
fn finish(year: i32, month: u32, day: Option<u32>, rest: &str) -> Start {
    let rest = rest.trim_start();
    // 上旬・中旬・下旬: the 1st, the 15th, the 21st of the month.
    let day = day.or_else(|| {
        [("上旬", 1), ("初旬", 1), ("中旬", 15), ("下旬", 21)]
            .iter()
            .find(|(w, _)| rest.starts_with(w))
            .map(|(_, d)| *d)
    });
    let ends_then = rest.starts_with('末')
        && ["まで", "で", "終了", "退場", "満了"].iter().any(|w| {
            rest.get('末'.len_utf8()..)
                .is_some_and(|r| r.trim_start().starts_with(w))
        });
    let leaving = ["終了", "退場", "満了", "まで稼働"].iter().any(|w| {
        rest.find(w)
            .is_some_and(|p| p < 24 && !rest[..p].contains('~'))
    });
    if ends_then || leaving && day.is_none() {
        let (y, m) = add_months(year, month, 1);
        return Start::Month { year: y, month: m };
    }
    match day.and_then(|d| NaiveDate::from_ymd_opt(year, month, d)) {
        Some(d) => Start::Date(d),
        None => Start::Month { year, month },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn starts_follow_the_received_date() {
        let r = d(2026, 11, 20);
        let month = |year, month| Some(Some(Start::Month { year, month }));
        assert_eq!(start("即日可", r, true), Some(Some(Start::Immediate)));
        assert_eq!(start("12月~", r, true), month(2026, 12));
        assert_eq!(start("1月~", r, true), month(2027, 1));
        assert_eq!(start("11月", r, true), month(2026, 11));
        assert_eq!(
            start("2027年2月1日~", r, true),
            Some(Some(Start::Date(d(2027, 2, 1))))
        );
        assert_eq!(
            start("12/1~", r, true),
            Some(Some(Start::Date(d(2026, 12, 1))))
        );
        assert_eq!(start("12月末まで現場", r, true), month(2027, 1));
        assert_eq!(start("来月", r, true), month(2026, 12));
        assert_eq!(start("応相談", r, true), Some(None));
        assert_eq!(
            start("Java 5年 / 即日可", r, false),
            Some(Some(Start::Immediate))
        );
        assert_eq!(start("2020年4月~現在 ECサイト", r, false), None);
    }
}
