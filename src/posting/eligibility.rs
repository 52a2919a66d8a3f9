//! Who may apply: freelancers (個人事業主), foreign nationals (外国籍) and an age limit.
//!
//! Written as a keyword and a yes or no after it (`個人事業主様不可`, `外国籍：NG`,
//! `外国籍可（日本語流暢な方に限る）`), or as a rule of its own (`日本国籍のみ`, `40歳まで`).

use super::conditions::squeeze;
use super::normalize::next_number;

#[rustfmt::skip]
const NEGATIVE: &[&str] = &[
    "不可", "ng", "×", "✕", "✖", "お断り", "ご遠慮", "遠慮", "対象外", "不", "だめ", "ダメ",
    "無理", "できません", "出来ません", "no", "not",
];
#[rustfmt::skip]
const POSITIVE: &[&str] = &[
    "可", "ok", "○", "◯", "〇", "歓迎", "大歓迎", "まで", "可能", "yes", "welcome", "allowed",
];
#[rustfmt::skip]
const FILLERS: &[&str] = &[
    "【", "】", "[", "]", "<", ">", "=", "_", "-", "→", "可否", "の可否", "有無", "様", "さま",
    "の方", "方", "さん", "の場合", "は", "も",
    "について", ":", "(", ")", "「", "」", "/", "・", "の参画", "での参画", "参画", "are", "is",
    "will", "be",
];

/// After a keyword (`個人事業主`, `外国籍`): what comes next says yes or no.
///
/// Fillers (`様`, `の方は`, `：`) and other keywords of the same group
/// (`外国籍/個人事業主：不可`) are skipped; a few characters further, within the
/// clause, still count (`外国籍の方は日本語ネイティブなら可`).
fn polarity_after(s: &str, group: &[&str], strict: bool) -> Option<bool> {
    let mut t = s;
    loop {
        let before = t.len();
        for f in FILLERS.iter().chain(group.iter()) {
            if let Some(r) = t.strip_prefix(f) {
                t = r;
            }
        }
        if t.len() == before {
            break;
        }
    }
    let first = |t: &str| -> Option<bool> {
        if ["応相談", "要相談", "相談"]
            .iter()
            .any(|w| t.starts_with(w))
        {
            return None;
        }
        if ["不問", "問わず", "問いません"]
            .iter()
            .any(|w| t.starts_with(w))
        {
            return Some(true);
        }
        if NEGATIVE.iter().any(|w| t.starts_with(w)) {
            return Some(false);
        }
        if POSITIVE.iter().any(|w| t.starts_with(w)) {
            return Some(true);
        }
        None
    };
    if let Some(p) = first(t) {
        return Some(p);
    }
    if strict {
        return None;
    }
    let clause_end = t.find(['、', '。', ',', ';', '\n', '※']).unwrap_or(t.len());
    let clause = &t[..clause_end];
    let mut condition = false;
    for (i, _) in clause.char_indices().take(24) {
        let rest = &clause[i..];
        if rest.starts_with("不可") || rest.starts_with("ng") || rest.starts_with("お断り") {
            return Some(false);
        }
        if rest.starts_with('可') || rest.starts_with("ok") {
            return Some(true);
        }
        // `外国籍の方はN1必須`: a condition for them says they are accepted.
        condition |= ["限る", "限り", "必須", "であれば", "なら", "条件"]
            .iter()
            .any(|w| rest.starts_with(w));
    }
    condition.then_some(true)
}

#[rustfmt::skip]
const FREELANCE_KEYS: &[&str] = &[
    "個人事業主", "個人事業者", "フリーランス", "フリーランサー", "freelancers", "freelancer",
    "freelance", "個人",
];

/// `個人事業主不可`, `個人事業主様不可`, `フリーランス可`, `個人事業主：○`, `No freelancers`,
/// and a contract type that is freelance work (`契約形態：業務委託（フリーランス）`).
pub(crate) fn freelancer(low: &str) -> Option<bool> {
    if low.contains("no freelance")
        || low.contains("freelancers not")
        || low.contains("no independent contractor")
    {
        return Some(false);
    }
    if low.contains("independent contractor")
        || low.contains("freelance contract")
        || form_1099(low)
    {
        return Some(true);
    }
    let s = squeeze(low);
    let label_negative = negative_label(&s);
    for (i, _) in s.char_indices() {
        let rest = &s[i..];
        let Some(k) = FREELANCE_KEYS.iter().find(|k| rest.starts_with(*k)) else {
            continue;
        };
        // `個人情報` and `個人スキル` are not freelancers.
        let strict = *k == "個人";
        if strict && FREELANCE_KEYS[..7].iter().any(|k2| rest.starts_with(k2)) {
            continue;
        }
        if label_negative {
            return Some(false);
        }
        if let Some(p) = polarity_after(&rest[k.len()..], FREELANCE_KEYS, strict) {
            return Some(p);
        }
    }
    // The contract itself is with a freelancer: `業務委託（フリーランス）`, `契約形態:フリーランス`.
    let contract = ["契約", "業務委託", "雇用", "contract"]
        .iter()
        .any(|w| s.contains(w));
    (contract && FREELANCE_KEYS[..7].iter().any(|k| s.contains(k))).then_some(true)
}

/// `This position is 1099`, `1099 contract`: the US form for work by an independent
/// contractor, written as a word of its own (not `$1,099`, not `10990`).
fn form_1099(low: &str) -> bool {
    low.match_indices("1099").any(|(i, _)| {
        let before = low[..i].chars().next_back();
        let after = low[i + 4..].chars().next();
        !before.is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, '$' | ',' | '.'))
            && !after.is_some_and(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, ',' | '.')
                        && low[i + 5..].starts_with(|d: char| d.is_ascii_digit())
            })
    })
}

/// `雇用形態：業務委託`, `契約形態` over `業務委託契約となります`: the worker is contracted for
/// the work itself, which a freelancer can sign (a 準委任 between firms says nothing of it).
pub(crate) fn contracted_work(line: &str, next: &str) -> bool {
    let line = squeeze(line);
    let Some(at) = ["雇用形態", "契約形態"]
        .iter()
        .find_map(|k| line.find(k).map(|p| p + k.len()))
    else {
        return false;
    };
    let value = line[at..].trim_start_matches([':', '：', '】', ']', '■', ' ']);
    let value = if value.is_empty() {
        squeeze(next)
    } else {
        value.to_string()
    };
    value.starts_with("業務委託")
}

/// Chain limits that name employees (`貴社社員まで`, `貴社プロパーのみ`): a freelancer is
/// nobody's employee, so such a line with no word on freelancers shuts them out.
pub(crate) fn employees_only(low: &str) -> bool {
    let s = squeeze(low).replace("の社員", "社員");
    [
        "貴社社員",
        "御社社員",
        "貴社正社員",
        "御社正社員",
        "貴社プロパー",
        "御社プロパー",
        "自社社員",
        "プロパーのみ",
        "プロパー限定",
        "社員のみ",
        "正社員のみ",
    ]
    .iter()
    .any(|w| s.contains(w))
        && !FREELANCE_KEYS[..7].iter().any(|k| s.contains(k))
}

#[rustfmt::skip]
const FOREIGN_KEYS: &[&str] = &[
    "外国籍", "外国人", "海外国籍", "foreignnationals", "foreigners", "non-japanese",
];
#[rustfmt::skip]
const JAPANESE_ONLY: &[&str] = &[
    "日本国籍のみ", "日本籍のみ", "日本国籍の方", "日本国籍限定", "日本国籍必須", "日本人のみ",
    "日本人限定", "日本国籍者", "日本国籍に限", "日本国籍をお持ち", "japanesenationalsonly",
    "japanesenationalityrequired", "japanesecitizensonly", "japanesecitizenship",
];
#[rustfmt::skip]
const ANY_NATIONALITY: &[&str] = &[
    "国籍不問", "国籍問わず", "国籍は問いません", "anynationality", "nationality:any",
];

/// `外国籍不可`, `外国籍：NG`, `日本国籍のみ`, `外国籍可（日本語流暢な方に限る）`.
pub(crate) fn foreign(low: &str) -> Option<bool> {
    let s = squeeze(low);
    if JAPANESE_ONLY.iter().any(|w| s.contains(w)) {
        return Some(false);
    }
    if ANY_NATIONALITY.iter().any(|w| s.contains(w)) {
        return Some(true);
    }
    let label_negative = negative_label(&s);
    for (i, _) in s.char_indices() {
        let rest = &s[i..];
        let Some(k) = FOREIGN_KEYS.iter().find(|k| rest.starts_with(*k)) else {
            continue;
        };
        if label_negative {
            return Some(false);
        }
        if let Some(p) = polarity_after(&rest[k.len()..], FOREIGN_KEYS, false) {
            return Some(p);
        }
    }
    None
}

/// `NG：外国籍、個人事業主` and `不可：…` put the "no" before the keywords.
fn negative_label(s: &str) -> bool {
    ["ng:", "不可:", "対象外:", "ng項目:", "お断り:"]
        .iter()
        .any(|w| s.starts_with(w))
}

/// An age limit: `40歳まで`, `45歳以下`, `50歳未満` (49), `30代まで` (39), `40代前半` (44).
pub(crate) fn age(low: &str, labelled: bool) -> Option<u8> {
    // `50歳代前半まで`, `30歳代の方`: a decade of age written with 歳 is the decade.
    let s = squeeze(low).replace("歳代", "代").replace("才代", "代");
    if s.contains("年齢不問") || (labelled && s.starts_with("不問")) {
        return None;
    }
    let mut best: Option<u8> = None;
    let mut i = 0;
    while let Some((at, v, len)) = next_number(&s, i, false) {
        i = at;
        let n = v as u32;
        let after = &s[i + len..];
        let before = &s[..i];
        let limit = if let Some(r) = after
            .strip_prefix("歳")
            .or_else(|| after.strip_prefix("才"))
        {
            let r = r.trim_start_matches(|c: char| {
                matches!(
                    c,
                    'く' | 'ら' | 'い' | '位' | '程' | '度' | '前' | '後' | 'ぐ'
                )
            });
            let capped = ["まで", "迄", "以下", "ぐらいまで", "程度"]
                .iter()
                .any(|w| r.starts_with(w))
                || before.ends_with('~')
                || before.ends_with("上限")
                || before.ends_with("max")
                || labelled;
            if r.starts_with("未満") {
                Some(n.saturating_sub(1))
            } else if r.starts_with("以上") || r.starts_with('~') && !labelled {
                None
            } else {
                capped.then_some(n)
            }
        } else if let Some(r) = after.strip_prefix('代') {
            let add = if r.starts_with("前半") {
                4
            } else if r.starts_with("半ば") || r.starts_with("中盤") {
                5
            } else {
                9
            };
            let r2 = r.trim_start_matches(['前', '半', 'ば', '中', '盤', '後']);
            let capped = [
                "まで",
                "迄",
                "以下",
                "くらいまで",
                "位まで",
                "程度まで",
                "の方",
            ]
            .iter()
            .any(|w| r2.starts_with(w))
                || labelled
                || before.ends_with('~');
            (capped && n % 10 == 0).then_some(n + add)
        } else if labelled && before.ends_with("under") {
            Some(n.saturating_sub(1))
        } else {
            None
        };
        if let Some(l) = limit.filter(|l| (18..=80).contains(l)) {
            // `20代～40代`: the upper end is the limit.
            best = Some(best.map_or(l as u8, |b| b.max(l as u8)));
        }
        i += len;
    }
    best
}

/// Only full-time employees (正社員): `貴社正社員まで（契約社員・個人事業主の方は不可）`,
/// `正社員のみ`, `契約社員不可`. Our own 契約社員 and a partner's contract staff are out too.
pub fn full_time_only(low: &str) -> bool {
    let s = squeeze(&low.to_lowercase());
    if [
        "正社員まで",
        "正社員様まで",
        "正社員のみ",
        "正社員限定",
        "正社員に限",
        "正社員の方のみ",
        "正規雇用のみ",
    ]
    .iter()
    .any(|w| s.contains(w))
    {
        return true;
    }
    const KEYS: &[&str] = &["契約社員", "契約の方", "個人事業主", "フリーランス"];
    s.match_indices("契約社員")
        .any(|(i, k)| polarity_after(&s[i + k.len()..], KEYS, false) == Some(false))
}

#[cfg(test)]
mod full_time_tests {
    #[test]
    fn full_time_only_is_read_in_the_trades_words() {
        for (text, want) in [
            ("貴社正社員まで（契約社員・個人事業主の方は不可）", true),
            ("商流：正社員のみ", true),
            ("契約社員不可", true),
            ("契約社員・個人事業主：NG", true),
            ("貴社社員まで（契約社員可）", false),
            ("個人事業主不可", false),
            ("契約社員可", false),
        ] {
            assert_eq!(super::full_time_only(text), want, "{text}");
        }
    }
}

#[cfg(test)]
mod reading_tests {
    use super::*;

    #[test]
    fn an_age_decade_written_with_sai_is_the_decade() {
        assert_eq!(age("できれば50歳代前半までを希望", false), Some(54));
        assert_eq!(age("・30歳代の方", false), Some(39));
        assert_eq!(age("20歳以上", false), None);
    }

    #[test]
    fn form_1099_and_a_contract_for_the_work_open_the_opening_to_freelancers() {
        assert_eq!(
            freelancer("this position is 1099 at a rate of $25/hr."),
            Some(true)
        );
        assert_eq!(freelancer("budget $1099 per sprint"), None);
        assert_eq!(freelancer("up to $1,099.00"), None);
        assert!(contracted_work("・雇用形態　：業務委託", ""));
        assert!(contracted_work("契約形態", "業務委託契約となります。"));
        assert!(!contracted_work("・契約形態：準委任", ""));
        assert!(!contracted_work("契約形態：貴社と弊社の間での派遣契約", ""));
    }
}
