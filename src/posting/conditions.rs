//! Conditions of an opening: remote policy, chain depth (商流), freelancers, nationality,
//! interviews, headcount, age and place.
//!
//! Each reader takes folded, lower-cased text (one line or one field value) and
//! returns `None` when the text is silent, so the caller can try the next place.

use crate::domain::Remote;

use super::normalize::{kanji_number_at, number_at};

/// Text with spaces removed, so `BP： 不可` and `外国籍 　NG` read like `bp:不可`, `外国籍ng`.
pub(crate) fn squeeze(low: &str) -> String {
    low.chars().filter(|c| !c.is_whitespace()).collect()
}

#[rustfmt::skip]
const FULL_REMOTE: &[&str] = &[
    "フルリモート", "完全リモート", "フル在宅", "完全在宅", "リモート100%", "100%リモート",
    "在宅100%", "100%在宅", "フルテレワーク", "完全テレワーク", "fullremote", "fullyremote",
    "100%remote", "remoteonly", "remote-only", "fully-remote", "全日リモート", "終日リモート",
    "フルリモ", "リモート(フル)", "リモート:フル", "リモートフル", "在宅(フル)", "完全在宅勤務",
    "全面リモート", "remote-first",
];
#[rustfmt::skip]
const PARTIAL_REMOTE: &[&str] = &[
    "一部リモート", "一部在宅", "一部テレワーク", "リモート併用", "在宅併用", "テレワーク併用",
    "tw併用", "リモートワーク併用", "併用", "ハイブリッド", "ハイブリット", "hybrid", "ほぼリモート",
    "リモートメイン", "リモート中心", "リモート主体", "一部出社", "適宜出社", "必要に応じて出社",
    "出社あり", "出社有", "出社日あり", "partiallyremote", "partlyremote", "someremote", "remoteok",
    "remotepossible", "remoteallowed", "リモート可", "リモートあり", "リモート有", "在宅可",
    "在宅あり", "在宅有", "テレワーク可", "テレワークあり", "テレワーク有", "テレワークも有",
    "リモートワーク可", "リモート相談可", "リモート応相談", "リモート要相談", "remote-friendly",
    "daysinoffice", "daysintheoffice", "daysremote", "officeattendance", "リモ可", "一部リモ",
    "頻度応相談", "頻度は応相談", "頻度相談", "頻度は相談", "頻度要相談", "頻度:応相談",
    "頻度:相談", "頻度:要相談", "リモート一部", "在宅一部", "リモートも可", "在宅勤務可",
    "リモートワークあり", "リモート相談",
];
/// Remote as the rule: fully remote unless some office time is also said.
#[rustfmt::skip]
const MOSTLY_REMOTE: &[&str] = &[
    "基本リモート", "原則リモート", "基本在宅", "原則在宅", "基本テレワーク", "原則テレワーク",
    "基本はリモート", "基本的にリモート", "基本的にはリモート", "原則としてリモート",
    "mostlyremote", "remotebydefault",
];
#[rustfmt::skip]
const ONSITE: &[&str] = &[
    "常駐", "フル出社", "完全出社", "全日出社", "毎日出社", "出社のみ", "出社必須", "オンサイト",
    "onsite", "on-site", "officeonly", "in-office", "inoffice", "fullyon-site", "出社",
    "オフィス出勤", "オフィスへ出勤",
];
#[rustfmt::skip]
const NO_REMOTE: &[&str] = &[
    "リモート不可", "リモートなし", "リモート無し", "リモート無", "リモート×", "リモートng",
    "在宅不可", "在宅なし", "テレワーク不可", "テレワークなし", "リモートワーク不可",
    "リモート:不可", "リモート:なし", "リモート:無", "リモート:×", "noremote", "remote:no",
    "リモートは不可", "リモートはなし", "リモートできません", "remotenotpossible",
];
/// Office once at the start or for a kit pick-up does not make a remote job partial.
#[rustfmt::skip]
const ONE_OFF_OFFICE: &[&str] = &[
    "初日", "初回", "のみ出社", "受け取り", "受取", "キックオフ", "入場日", "pc受", "firstday",
    "初期設定", "キッティング", "1日出社",
];
#[rustfmt::skip]
const FIRST_MONTHS_OFFICE: &[&str] = &[
    "当初", "初期", "最初", "立ち上げ", "慣れるまで", "初月", "参画後",
];
/// Office days offered as a plus, not asked for: `週1日以上出社可能ですと確度が高くなります`.
#[rustfmt::skip]
const OFFICE_AS_PLUS: &[&str] = &[
    "確度", "出社可能", "出社できる", "出社出来る", "歓迎", "優遇", "尚可", "望まし",
];
const REMOTE_WORDS: &[&str] = &["リモ", "在宅", "テレワーク", "remote"];
const OFFICE_WORDS: &[&str] = &[
    "出社",
    "出勤",
    "常駐",
    "オフィス",
    "office",
    "onsite",
    "on-site",
];

/// Remote policy named in a piece of text.
pub(crate) fn remote(low: &str) -> Option<Remote> {
    let s = squeeze(low);
    // A remote arrangement only hinted at (`慣れてきたらリモート併用の可能性あり`) promises nothing.
    if s.contains("可能性") {
        let firm = without_hedged_remote(&s);
        if firm.len() != s.len() {
            if let Some(v) = remote_in(&firm) {
                return Some(v);
            }
        }
    }
    remote_in(&s)
}

fn remote_in(s: &str) -> Option<Remote> {
    if NO_REMOTE.iter().any(|w| s.contains(w)) {
        return Some(Remote::None);
    }
    let periodic = periodic_office(s);
    let one_off = ONE_OFF_OFFICE.iter().any(|w| s.contains(w));
    // `初期設定のため1日出社` is a one-off visit, not the first months in the office.
    let first_months =
        s.contains("出社") && !one_off && FIRST_MONTHS_OFFICE.iter().any(|w| s.contains(w));
    let plus = OFFICE_AS_PLUS.iter().any(|w| s.contains(w));
    if FULL_REMOTE.iter().any(|w| s.contains(w)) {
        if ((periodic && !plus) || s.contains("併用") || s.contains("ハイブリッド") || first_months)
            && !one_off
        {
            return Some(Remote::Partial);
        }
        return Some(Remote::Full);
    }
    // `出社あり` for a first-day kit pick-up is no office routine.
    let partial_word = PARTIAL_REMOTE
        .iter()
        .any(|w| s.contains(w) && !(one_off && w.contains("出社")));
    if periodic || first_months || partial_word {
        return Some(Remote::Partial);
    }
    let office = OFFICE_WORDS.iter().any(|w| s.contains(w));
    if MOSTLY_REMOTE.iter().any(|w| s.contains(w)) {
        // `基本リモート / 最寄り：池袋`: a station to come in to names some office time.
        if (office || s.contains("最寄")) && !one_off {
            return Some(Remote::Partial);
        }
        return Some(Remote::Full);
    }
    // `在宅 ※出社が基本`: both said, so some of each.
    if office && REMOTE_WORDS.iter().any(|w| s.contains(w)) {
        return Some(Remote::Partial);
    }
    if ONSITE.iter().any(|w| s.contains(w)) {
        return Some(Remote::None);
    }
    None
}

/// The text with each remote word that leads to a `可能性` (possibility) cut out.
fn without_hedged_remote(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find("可能性") {
        let head = &rest[..p];
        // The nearest remote word before the hedge, within a short phrase.
        let window = head.char_indices().rev().nth(12).map_or(0, |(i, _)| i);
        let cut = REMOTE_WORDS
            .iter()
            .filter_map(|w| head[window..].rfind(w).map(|i| window + i))
            .min();
        match cut {
            Some(c) => out.push_str(&head[..c]),
            None => out.push_str(&rest[..p + "可能性".len()]),
        }
        rest = &rest[p + "可能性".len()..];
    }
    out.push_str(rest);
    out
}

/// `週2出社`, `月1回出社`, `出社は週3`, `リモート週2`, `2 days in office`, `1 day a week onsite`.
fn periodic_office(s: &str) -> bool {
    let place = [
        "出社",
        "出勤",
        "オフィス",
        "リモート",
        "在宅",
        "テレワーク",
        "office",
        "remote",
        "tw",
        "onsite",
        "on-site",
    ];
    if !place.iter().any(|p| s.contains(p)) {
        return false;
    }
    if weekday_office(s) {
        return true;
    }
    for unit in ["週", "月"] {
        let mut from = 0;
        while let Some(p) = s[from..].find(unit).map(|p| p + from) {
            from = p + unit.len();
            let rest = s[from..].trim_start_matches(['に', '(']);
            if rest.starts_with(|c: char| c.is_ascii_digit()) || kanji_number_at(rest).is_some() {
                return true;
            }
        }
    }
    // `3 days onsite`, `2 days in office`: the other days are remote.
    for unit in ["days", "day"] {
        let mut from = 0;
        while let Some(p) = s[from..].find(unit).map(|p| p + from) {
            from = p + unit.len();
            let digit_before = s[..p]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_ascii_digit());
            let rest = &s[from..];
            if digit_before
                && [
                    "onsite",
                    "on-site",
                    "inoffice",
                    "intheoffice",
                    "office",
                    "remote",
                ]
                .iter()
                .any(|w| rest.starts_with(w))
            {
                return true;
            }
        }
    }
    ["aweek", "perweek", "/week", "amonth", "permonth", "timesa"]
        .iter()
        .any(|w| s.contains(w))
        && ["office", "remote", "onsite", "on-site"]
            .iter()
            .any(|w| s.contains(w))
}

/// `月・水リモート`, `火木出社`, `水曜日のみ出社`: named weekdays in or out of the office.
fn weekday_office(s: &str) -> bool {
    ["リモート", "在宅", "出社", "テレワーク"].iter().any(|w| {
        s.match_indices(w).any(|(p, _)| {
            let head = s[..p]
                .trim_end_matches("のみ")
                .trim_end_matches('は')
                .trim_end_matches("曜日")
                .trim_end_matches('曜');
            head.chars()
                .next_back()
                .is_some_and(|c| matches!(c, '月' | '火' | '水' | '木' | '金'))
                // `毎月出社` and `月1出社` are not weekdays.
                && !head.ends_with("毎月")
                && !head.ends_with("数ヶ月")
                && !head.ends_with("か月")
                && !head.ends_with("ヶ月")
                && !head.ends_with("カ月")
                && !head.ends_with("ケ月")
        })
    })
}

/// Text without its bracketed asides: `remote(japan)` → `remote`.
fn strip_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// A remote field's value: the policy words above, or a bare `可` / `不可` / `フル`.
pub(crate) fn remote_value(low: &str) -> Option<Remote> {
    if let Some(r) = remote(low) {
        return Some(r);
    }
    let s = strip_parens(&squeeze(low));
    if s.starts_with("100%") {
        return Some(Remote::Full);
    }
    let t = s.trim_matches(|c: char| !c.is_alphanumeric() && !matches!(c, '○' | '◯' | '〇' | '×'));
    const NONE: &[&str] = &["不可", "なし", "無し", "無", "×", "ng", "no", "none", "不"];
    #[rustfmt::skip]
    const PARTIAL: &[&str] = &[
        "可", "あり", "有", "○", "◯", "〇", "ok", "yes", "possible", "一部", "相談可", "partial",
        "応相談", "要相談", "相談",
    ];
    if NONE.iter().any(|w| t.starts_with(w)) {
        return Some(Remote::None);
    }
    // `○（フル）`, `フル`: but `フルスタック` is a kind of engineer.
    let full_aside = squeeze(low).contains("(フル)") || squeeze(low).contains("（フル）");
    if full_aside
        || (t.starts_with("フル") && !t.starts_with("フルスタック"))
        || t.starts_with("full")
        || t.starts_with("100%")
        || t.starts_with("完全")
    {
        return Some(Remote::Full);
    }
    if [
        "リモート",
        "在宅",
        "テレワーク",
        "remote",
        "リモートワーク",
        "在宅勤務",
        "リモート勤務",
        "テレワーク勤務",
    ]
    .contains(&t)
    {
        return Some(Remote::Full);
    }
    if PARTIAL.iter().any(|w| t.starts_with(w)) {
        return Some(Remote::Partial);
    }
    None
}

#[rustfmt::skip]
const CHAIN_ANY: &[&str] = &[
    "商流不問", "商流は問いません", "商流問わず", "商流制限なし", "商流制限無し", "商流の制限なし",
    "商流制限はありません", "商流制限はございません", "商流は不問",
];
#[rustfmt::skip]
const DEPTH0: &[&str] = &[
    "1社先不可", "一社先不可", "1社先ng", "一社先ng", "貴社社員", "御社社員", "貴社所属",
    "御社所属", "貴社まで", "御社まで", "貴社迄", "御社迄", "貴社プロパー", "御社プロパー",
    "貴社正社員", "御社正社員", "貴社直", "御社直", "貴社雇用", "御社雇用", "貴社契約社員",
    "自社社員まで", "自社社員のみ", "bp不可", "bp:不可", "bp様不可", "bpng", "bp:ng", "bp×",
    "bp:×", "bp:なし", "再委託不可", "再委託ng", "再委託禁止", "貴社専属", "直個人まで",
    "プロパーのみ", "プロパー限定",
];
const DEPTH2: &[&str] = &["2社先", "二社先", "2社下", "二社下", "再々々委託不可"];
#[rustfmt::skip]
const DEPTH1: &[&str] = &[
    "2社先不可", "二社先不可", "1社先", "一社先", "1社下", "一社下", "再々委託不可", "bp様まで",
    "bpまで", "bp社員まで",
];
const FEE: &[&str] = &["支援費", "営業支援", "手数料", "マージン", "fee"];

/// Chain limits in one line: `(max_depth, depth allowed for a support fee, 商流不問 said)`.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
pub(crate) struct Chain {
    pub max: Option<u8>,
    pub fee: Option<u8>,
    /// Only a fee was mentioned, without its own depth: allowed one more than `max`.
    pub fee_plus_one: bool,
    pub any: bool,
}

pub(crate) fn chain(low: &str) -> Chain {
    // `【BP】不可` reads as `bp不可`; `貴社の社員まで` as `貴社社員まで`.
    let s: String = squeeze(low)
        .chars()
        .filter(|c| !matches!(c, '【' | '】' | '[' | ']' | '<' | '>'))
        .collect();
    let s = s.replace("貴社の", "貴社").replace("御社の", "御社");
    let mut out = Chain {
        any: CHAIN_ANY.iter().any(|w| s.contains(w)),
        ..Chain::default()
    };
    // `※営業支援費可能な場合、貴社1社先の社員まで`: a fee said earlier in the line governs
    // the depths after it.
    let mut fee_context = false;
    for clause in s.split(['、', '。', '(', ')', '/', ',', ';', '※', '「', '」']) {
        if clause.is_empty() {
            continue;
        }
        // A number of companies said outright wins over `貴社社員様の場合1社先まで`'s wording.
        let depth = if ["1社先不可", "一社先不可", "1社先ng", "一社先ng"]
            .iter()
            .any(|w| clause.contains(w))
        {
            Some(0)
        } else if ["2社先不可", "二社先不可"]
            .iter()
            .any(|w| clause.contains(w))
        {
            Some(1)
        } else if DEPTH2.iter().any(|w| clause.contains(w)) {
            Some(2)
        } else if DEPTH1.iter().any(|w| clause.contains(w)) {
            Some(1)
        } else if DEPTH0.iter().any(|w| clause.contains(w)) {
            Some(0)
        } else {
            None
        };
        let fee_word_at = FEE.iter().filter_map(|w| clause.find(w)).min();
        let fee_said = fee_word_at.is_some_and(|at| !fee_refused(&clause[at..]));
        if fee_word_at.is_some() && !fee_said {
            fee_context = false;
        }
        match (depth, fee_said || fee_context) {
            (Some(d), true) if d > 0 => out.fee = Some(out.fee.map_or(d, |f: u8| f.max(d))),
            (None, true) if fee_said => out.fee_plus_one = true,
            (Some(d), _) => out.max = Some(out.max.map_or(d, |m: u8| m.min(d))),
            _ => {}
        }
        fee_context |= fee_said;
    }
    out
}

/// `支援費なし`, `支援費対応不可`, `支援費はお支払いできません`: the fee is refused.
fn fee_refused(from_fee: &str) -> bool {
    let near: String = from_fee.chars().take(14).collect();
    [
        "なし",
        "無し",
        "不可",
        "ng",
        "ございません",
        "ありません",
        "できません",
        "出来ません",
        "お断り",
        "対象外",
    ]
    .iter()
    .any(|n| near.contains(n))
        || near.starts_with(&format!("{}無", fee_word(&near)))
}

fn fee_word(clause: &str) -> &'static str {
    FEE.iter()
        .find(|w| clause.contains(*w))
        .copied()
        .unwrap_or("")
}

#[rustfmt::skip]
const INTERVIEW_KEYS: &[&str] = &[
    "面談", "面接", "業務説明", "顔合わせ", "打ち合わせ", "打合せ", "商談", "interview",
];

/// `面談1回`, `面接回数：1回（上位）`, `面談回数：1～2回` (the most), `2 rounds of interviews`.
pub(crate) fn interviews(low: &str) -> Option<u8> {
    let s = squeeze(low);
    let key = INTERVIEW_KEYS.iter().filter_map(|k| s.find(k)).min()?;
    if [
        "面談なし",
        "面談無し",
        "面接なし",
        "面談不要",
        "nointerview",
    ]
    .iter()
    .any(|w| s.contains(w))
    {
        return Some(0);
    }
    // The count usually follows (`面談：2回予定`), sometimes precedes (`2回面談`, `two rounds of interviews`).
    let after: String = s[key..].chars().take(40).collect();
    if let Some((n, end)) = counted(&after, &["回", "round", "interview", "times", "次"], 9) {
        return u8::try_from(n + joined_interview(&after[end..])).ok();
    }
    let from = s[..key].char_indices().rev().nth(15).map_or(0, |(i, _)| i);
    let key_len = INTERVIEW_KEYS
        .iter()
        .find(|k| s[key..].starts_with(*k))
        .map_or(0, |k| k.len());
    let before = &s[from..key + key_len];
    let key_at = key - from;
    let units = [
        "回",
        "round",
        "次",
        "面談",
        "面接",
        "interview",
        "業務説明",
        "顔合わせ",
    ];
    let mut last = None;
    let mut at = 0;
    while let Some((n, end)) = counted(&before[at..], &units, 9) {
        last = Some((n, at + end));
        at += end;
    }
    // Only a count right before the keyword belongs to it (`週2回出社、面談…` does not).
    last.filter(|&(_, end)| end + 6 >= key_at)
        .and_then(|(n, _)| u8::try_from(n).ok())
}

/// `弊社面談1回＋お客様面談`: a second interview joined on with a plus (a mere
/// `＋顔合わせ`, a meet-and-greet, is no interview of its own).
fn joined_interview(rest: &str) -> u32 {
    let Some(p) = rest.find('+').filter(|&p| rest[..p].chars().count() <= 8) else {
        return 0;
    };
    let piece = &rest[p + 1..];
    let piece = &piece[..piece.find(['、', '。', '※', '+']).unwrap_or(piece.len())];
    if !(piece.contains("面談") || piece.contains("面接")) {
        return 0;
    }
    counted(piece, &["回"], 9).map_or(1, |(n, _)| n)
}

/// The first count written as `N回` (or `N～M回` taking the most, `1?2回`, `二回`) in a window,
/// and where its unit ends.
fn counted(w: &str, units: &[&str], max: u32) -> Option<(u32, usize)> {
    let mut i = 0;
    while i < w.len() {
        if !w.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let rest = &w[i..];
        let (n, len) = if let Some((v, l)) = number_at(rest).filter(|(v, _)| v.fract() == 0.0) {
            (v as u32, l)
        } else if let Some((v, l)) = kanji_number_at(rest) {
            (v, l)
        } else if let Some((v, l)) = english_number(rest) {
            (v, l)
        } else {
            i += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let mut after = &rest[len..];
        let mut n = n;
        // `1～2回`, `1?2回`, `1-2 rounds`
        if let Some(c) = after
            .chars()
            .next()
            .filter(|c| matches!(c, '~' | '-' | '?' | 'ー'))
        {
            let r = &after[c.len_utf8()..];
            if let Some((v2, l2)) = number_at(r).filter(|(v, _)| v.fract() == 0.0) {
                n = n.max(v2 as u32);
                after = &r[l2..];
            } else if let Some((v2, l2)) = kanji_number_at(r) {
                n = n.max(v2);
                after = &r[l2..];
            }
        }
        let trimmed = after.trim_start_matches([' ', '-']);
        if let Some(u) = units.iter().find(|u| trimmed.starts_with(*u)) {
            if n <= max {
                let mut end = w.len() - trimmed.len() + u.len();
                // `1回～2回`: the range written with the unit twice.
                let tail = &w[end..];
                if let Some(c) = tail.chars().next().filter(|c| matches!(c, '~' | '-' | '?')) {
                    let r = &tail[c.len_utf8()..];
                    if let Some((v2, l2)) = number_at(r).filter(|(v, _)| v.fract() == 0.0) {
                        if r[l2..].starts_with(*u) && (v2 as u32) <= max {
                            n = n.max(v2 as u32);
                            end += c.len_utf8() + l2 + u.len();
                        }
                    }
                }
                return Some((n, end));
            }
        }
        i += len.max(1);
    }
    None
}

fn english_number(s: &str) -> Option<(u32, usize)> {
    for (w, v) in [
        ("one", 1),
        ("two", 2),
        ("three", 3),
        ("four", 4),
        ("single", 1),
    ] {
        if s.starts_with(w) {
            return Some((v, w.len()));
        }
    }
    None
}

/// A count of interviews under an interview label that the keyword readers missed:
/// `打ち合わせ：WEB1回(当社同席)`.
pub(crate) fn interview_count(value: &str) -> Option<u8> {
    counted(&squeeze(value), &["回"], 9).and_then(|(n, _)| u8::try_from(n).ok())
}

/// Engineers wanted: `2名`, `1～2名`, `2名募集`, `増員2名`, `2 positions`.
pub(crate) fn headcount(low: &str, labelled: bool) -> Option<u8> {
    let s = squeeze(low);
    if ["若干名", "複数名", "未定"].iter().any(|w| s.contains(w)) && labelled {
        return None;
    }
    let units = [
        "名",
        "人",
        "枠",
        "ポジション",
        "positions",
        "position",
        "engineers",
        "people",
        "people",
    ];
    if labelled {
        // `PL 1名、メンバー2名` is three engineers; `1～2名` is two.
        let mut total = 0u32;
        let mut at = 0;
        while let Some((n, end)) = counted(&s[at..], &units, 99) {
            total += n;
            at += end;
        }
        if total > 0 {
            return u8::try_from(total.min(99)).ok();
        }
        let digits = s.trim_start_matches(|c: char| !c.is_ascii_digit());
        return number_at(digits)
            .filter(|(v, _)| (1.0..=99.0).contains(v) && v.fract() == 0.0)
            .map(|(v, _)| v as u8);
    }
    for marker in [
        "名募集",
        "名探して",
        "名探し",
        "名必要",
        "名増員",
        "名追加",
        "名程度募集",
        "名急募",
        "人募集",
    ] {
        if let Some(p) = s.find(marker) {
            let digits: String = s[..p]
                .chars()
                .rev()
                .take_while(|c| c.is_ascii_digit())
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            if let Ok(n) = digits.parse::<u8>() {
                if n > 0 {
                    return Some(n);
                }
            }
        }
    }
    for marker in ["募集人数", "増員", "募集", "hiring", "lookingfor"] {
        if let Some(p) = s.find(marker) {
            let rest = &s[p + marker.len()..];
            let rest = rest.trim_start_matches([':', '(']);
            if let Some((v, l)) = number_at(rest) {
                let unit_ok = ["名", "人", "engineer", "developer", "people"]
                    .iter()
                    .any(|u| rest[l..].starts_with(u));
                if unit_ok && (1.0..=99.0).contains(&v) {
                    return Some(v as u8);
                }
            }
        }
    }
    None
}

/// Words that say "remote" rather than a place, in a location field.
pub(crate) fn is_remote_word(t: &str) -> bool {
    let s = squeeze(&t.to_lowercase());
    s.is_empty()
        || ["リモート", "在宅", "テレワーク", "remote", "anywhere"]
            .iter()
            .any(|w| s.contains(w))
        || ["なし", "-", "相談", "未定", "全国", "完全"]
            .iter()
            .any(|w| s.starts_with(w))
}

/// Cut a location value to the place itself: `品川（リモート併用）` → `品川`, `表参道駅徒歩5分` → `表参道`.
pub(crate) fn place_end(t: &str) -> usize {
    let mut end = t
        .char_indices()
        .find(|&(_, c)| {
            matches!(
                c,
                '(' | '（'
                    | '/'
                    | '／'
                    | '、'
                    | ','
                    | '※'
                    | '<'
                    | '＜'
                    | '【'
                    | '|'
                    | '　'
                    | ' '
                    | '・'
                    | '→'
                    | '⇒'
                    | '。'
            )
        })
        .map_or(t.len(), |(i, _)| i);
    let head = &t[..end];
    if let Some(p) = head.find('駅').filter(|&p| p > 0) {
        end = p;
    }
    let mut head = &t[..end];
    loop {
        let before = head.len();
        for suffix in [
            "近辺",
            "周辺",
            "付近",
            "エリア",
            "界隈",
            "方面",
            "常駐",
            "徒歩",
        ] {
            if let Some(h) = head.strip_suffix(suffix) {
                head = h;
            }
        }
        if head.len() == before {
            break;
        }
    }
    head.len()
}

#[cfg(test)]
mod tests;
