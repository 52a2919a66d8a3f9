//! A roster as reps write it: `即日`, `2月〜`, `長期`, `常駐可`, a company name under 所属.
//!
//! [`read_trade_words`] turns those words into the keys an [`EngineerRecord`] validates, so
//! the CSV and the workbook import (and their dry runs) read a roster the same way. Words it
//! does not know are left as written, for validation to refuse with its usual message.

use chrono::{Datelike as _, NaiveDate};
use unicode_normalization::UnicodeNormalization as _;

use super::company::is_company;
use super::records::EngineerRecord;

/// `assignment_end` of an assignment with no end date (`長期`, `未定`).
pub const OPEN_END: &str = "open";

/// Read the trade's words in a roster record, as of `today`.
pub fn read_trade_words(rec: &mut EngineerRecord, today: NaiveDate) {
    for d in [&mut rec.available_from, &mut rec.availability_confirmed] {
        if let Some(t) = d.as_deref().and_then(|t| day(t, today)) {
            *d = Some(t.to_string());
        }
    }
    if let Some(t) = rec.assignment_end.as_deref() {
        if is_open_ended(t) {
            rec.assignment_end = Some(OPEN_END.into());
        } else if let Some(d) = day(t, today) {
            rec.assignment_end = Some(d.to_string());
        }
    }
    // 参画開始日 is in the past: `4月` is the last April, not the next.
    if let Some(t) = rec.assignment_start.as_deref() {
        let year_written = t.nfkc().filter(char::is_ascii_digit).count() >= 4;
        if let Some(mut d) = day(t, today) {
            if d > today && !year_written {
                d = d.with_year(d.year() - 1).unwrap_or(d);
            }
            rec.assignment_start = Some(d.to_string());
        }
    }
    if let Some(r) = rec.remote_pref.as_deref().and_then(remote) {
        rec.remote_pref = Some(r.into());
    }
    // 雇用形態 as written in the trade: 正社員 / 契約社員 / 個人事業主. `BP` there says the
    // engineer is a partner's, which 所属 says too.
    let employment = rec
        .employment
        .as_deref()
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    let employment = employment.as_str();
    if let Some(a) = affiliation_word(employment) {
        if a == "partner" {
            rec.employment = None;
            if rec.affiliation.trim().is_empty() {
                rec.affiliation = a.into();
            }
        }
    }
    let affiliation = rec.affiliation.trim().to_string();
    let partner_named = rec.partner.as_deref().is_some_and(|p| !p.trim().is_empty());
    match affiliation_word(&affiliation) {
        Some(a) => rec.affiliation = a.into(),
        // 所属 blank: the partner column, else 雇用形態, says whose the engineer is.
        None if affiliation.is_empty() => {
            rec.affiliation = if partner_named {
                "partner".into()
            } else {
                match crate::domain::Employment::parse(employment) {
                    Some(crate::domain::Employment::FullTime) => "own".into(),
                    Some(crate::domain::Employment::Contract) => "contract".into(),
                    Some(crate::domain::Employment::Freelancer) => "freelancer".into(),
                    None => String::new(),
                }
            }
        }
        // A company under 所属: the engineer is that partner's.
        None if is_company(&affiliation) => {
            if !partner_named {
                rec.partner = Some(affiliation);
            }
            rec.affiliation = "partner".into();
        }
        None => {}
    }
    // Ours (自社) with 雇用形態 says which of ours: 正社員 own, 契約社員 contract, 個人事業主
    // a freelancer; the employment field itself is for a partner's engineers.
    if matches!(rec.affiliation.as_str(), "own" | "contract") {
        if let Some(e) = rec
            .employment
            .as_deref()
            .and_then(crate::domain::Employment::parse)
        {
            rec.affiliation = match e {
                crate::domain::Employment::FullTime => "own",
                crate::domain::Employment::Contract => "contract",
                crate::domain::Employment::Freelancer => "freelancer",
            }
            .into();
            rec.employment = None;
        }
    }
}

/// 所属 words: 自社・正社員 → own, 契約社員 → contract, 個人事業主 → freelancer, BP → partner.
pub fn affiliation_word(t: &str) -> Option<&'static str> {
    let k: String = t
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    Some(match k.as_str() {
        "own" | "正社員" | "社員" | "プロパー" | "自社" | "自社社員" | "自社正社員" | "弊社"
        | "弊社社員" | "弊社正社員" => "own",
        "contract" | "契約社員" | "契約" | "自社契約社員" | "弊社契約社員" => {
            "contract"
        }
        "freelancer" | "個人事業主" | "フリーランス" | "フリー" | "個人" => {
            "freelancer"
        }
        "partner" | "bp" | "パートナー" | "協力会社" | "他社" | "bp社員" | "他社社員" => {
            "partner"
        }
        _ => return None,
    })
}

/// `長期`, `未定`, `open`: an assignment with no end date.
pub fn is_open_ended(t: &str) -> bool {
    let t: String = t.nfkc().filter(|c| !c.is_whitespace()).collect();
    matches!(
        t.to_lowercase().as_str(),
        "長期"
            | "長期予定"
            | "長期案件"
            | "未定"
            | "終了未定"
            | "なし"
            | "open"
            | "ongoing"
            | "-"
    )
}

/// A roster's day: a date, `即日`/`即日可`/`随時` (today), `2月〜`/`2月から` (the next 1
/// February; this month's first if it is February now), `2027年2月`, with `上旬`/`中旬`/`下旬`
/// read as the 1st, 15th and 21st.
pub fn day(t: &str, today: NaiveDate) -> Option<NaiveDate> {
    let t: String = t.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t
        .trim_end_matches(['〜', '~', '-'])
        .trim_end_matches("から")
        .trim_end_matches("以降")
        .trim_end_matches('可')
        .trim_end_matches("より");
    if ["即日", "即", "随時", "今すぐ", "asap", "immediately", "now"]
        .iter()
        .any(|w| t.eq_ignore_ascii_case(w))
    {
        return Some(today);
    }
    if let Some(d) = ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
    {
        return Some(d);
    }
    let (t, dom) = [
        ("上旬", 1),
        ("初旬", 1),
        ("中旬", 15),
        ("下旬", 21),
        ("末", 28),
    ]
    .iter()
    .find_map(|(w, d)| t.strip_suffix(w).map(|r| (r, *d)))
    .unwrap_or((t, 1));
    let t = t.trim_end_matches('月');
    let (year, month) = match t.split_once(['年', '/', '-', '.']) {
        Some((y, m)) => (Some(y.parse::<i32>().ok()?), m.parse::<u32>().ok()?),
        None => (None, t.parse::<u32>().ok()?),
    };
    if !(1..=12).contains(&month) {
        return None;
    }
    let year = match year {
        Some(y) if (2000..2100).contains(&y) => y,
        Some(_) => return None,
        None if month < today.month() => today.year() + 1,
        None => today.year(),
    };
    NaiveDate::from_ymd_opt(year, month, dom)
}

/// A remote wish as reps write it: `常駐可` → none, `リモート可`/`一部リモート` → partial.
fn remote(t: &str) -> Option<&'static str> {
    let t: String = t.nfkc().filter(|c| !c.is_whitespace()).collect();
    let t = t.to_lowercase();
    if [
        "フルリモート",
        "フルリモート希望",
        "完全リモート",
        "フル",
        "在宅",
        "リモートのみ",
    ]
    .contains(&t.as_str())
    {
        Some("full")
    } else if t.contains("一部")
        || t.contains("週")
        || t.contains("併用")
        || t.contains("ハイブリッド")
        || ["リモート可", "リモート希望", "リモート", "一部", "可"].contains(&t.as_str())
    {
        Some("partial")
    } else if [
        "常駐可",
        "常駐",
        "出社",
        "出社可",
        "常駐ok",
        "出社ok",
        "不可",
        "なし",
    ]
    .contains(&t.as_str())
    {
        Some("none")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(affiliation: &str) -> EngineerRecord {
        EngineerRecord {
            name: "山田 太郎".into(),
            affiliation: affiliation.into(),
            ..EngineerRecord::default()
        }
    }

    #[test]
    fn days_in_the_trades_words() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (t, want) in [
            ("即日", d(2026, 12, 7)),
            ("即日可", d(2026, 12, 7)),
            ("随時", d(2026, 12, 7)),
            ("2月〜", d(2027, 2, 1)),
            ("2月から", d(2027, 2, 1)),
            ("２月～", d(2027, 2, 1)),
            ("12月", d(2026, 12, 1)),
            ("1月中旬", d(2027, 1, 15)),
            ("2027年3月", d(2027, 3, 1)),
            ("2027/01/05", d(2027, 1, 5)),
            ("長期", None),
            ("13月", None),
        ] {
            assert_eq!(day(t, today), want, "{t}");
        }
    }

    #[test]
    fn an_assignment_start_is_a_past_day() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        for (t, want) in [
            ("4月", "2026-04-01"),
            ("12月〜", "2026-12-01"),
            ("2025/4/1", "2025-04-01"),
            ("2027年1月", "2027-01-01"),
        ] {
            let mut r = rec("自社");
            r.assignment_start = Some(t.into());
            read_trade_words(&mut r, today);
            assert_eq!(r.assignment_start.as_deref(), Some(want), "{t}");
        }
    }

    #[test]
    fn a_company_under_affiliation_is_a_partner() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
        let mut r = rec("(株)テックブリッジ");
        r.employment = Some("正社員".into());
        r.remote_pref = Some("常駐可".into());
        r.available_from = Some("即日".into());
        r.assignment_end = Some("長期".into());
        read_trade_words(&mut r, today);
        assert_eq!(r.affiliation, "partner");
        assert_eq!(r.partner.as_deref(), Some("(株)テックブリッジ"));
        assert_eq!(r.employment.as_deref(), Some("正社員"));
        assert_eq!(r.remote_pref.as_deref(), Some("none"));
        assert_eq!(r.available_from.as_deref(), Some("2026-12-07"));
        assert_eq!(r.assignment_end.as_deref(), Some(OPEN_END));

        let mut own = rec("自社");
        own.employment = Some("正社員".into());
        own.remote_pref = Some("リモート可".into());
        read_trade_words(&mut own, today);
        assert_eq!(own.affiliation, "own");
        assert_eq!(own.employment, None);
        assert_eq!(own.remote_pref.as_deref(), Some("partial"));

        let mut ours = rec("自社");
        ours.employment = Some("契約社員".into());
        read_trade_words(&mut ours, today);
        assert_eq!(ours.affiliation, "contract");
        assert_eq!(ours.employment, None);

        let mut blank = rec("");
        blank.employment = Some("個人事業主".into());
        read_trade_words(&mut blank, today);
        assert_eq!(blank.affiliation, "freelancer");

        // A word nobody uses stays as written, for validation to refuse.
        let mut odd = rec("たぶん");
        read_trade_words(&mut odd, today);
        assert_eq!(odd.affiliation, "たぶん");
    }
}
