//! Monthly rates in 万円 and settlement hours, from the many ways the trade writes them.
//!
//! `60〜70万`, `～65万円/月`, `Max75万円`, `37万円MAX`, `〜660,000円/月`, `72万前後`,
//! `MAX60?65万円` (a lost `～`), `完全スキル見合い（MAX65万円）`. Hourly, daily, annual
//! and foreign-currency figures give no monthly rate: the caller keeps them as written.

use crate::domain::Man;

use super::normalize::{char_before, next_number, number_at};

/// A rate as read: the monthly band and the settlement hours written with it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct RateRead {
    pub min: Option<Man>,
    pub max: Option<Man>,
    pub settle: Option<(u16, u16)>,
    /// Some amount of money was found (monthly or not): the text is a rate.
    pub has_money: bool,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Unit {
    Man,
    Yen,
    Sen,
    None,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    Both,
    Min,
    Max,
}

/// Words that make a figure hourly, daily, yearly or foreign: not a monthly 万円 band.
#[rustfmt::skip]
const NOT_MONTHLY: &[&str] = &[
    "時給", "時間単価", "時間給", "円/時", "/時", "円/h", "yen/h", "/hour", "per hour", "hourly",
    "/hr", "an hour", "時間あたり", "日給", "日額", "日当", "人日", "/日", "per day", "daily",
    "/day", "a day", "年収", "年俸", "年額", "/年", "per year", "annual", "yearly", "per annum",
    "$", "usd", "eur", "€", "£", "gbp", "ドル", "ユーロ", "aud", "sgd", "cad", "chf",
];
#[rustfmt::skip]
const FOREIGN: &[&str] = &[
    "$", "usd", "eur", "€", "£", "gbp", "ドル", "ユーロ", "aud", "sgd", "cad", "chf",
];
#[rustfmt::skip]
const MONTHLY: &[&str] = &[
    "月額", "月単価", "/月", "per month", "monthly", "/month", "/mo", "月給", "a month",
];
const MAX_BEFORE: &[&str] = &[
    "max", "上限", "最大", "up to", "maximum", "〜", "~", "-", "まで",
];
const MIN_BEFORE: &[&str] = &["min", "下限", "最低", "from", "minimum"];
const MAX_AFTER: &[&str] = &["max", "まで", "迄", "以下", "上限", "以内"];
const MIN_AFTER: &[&str] = &[
    "以上", "から", "~", "〜", "or more", "+", "and up", "より", "-",
];
#[rustfmt::skip]
const ABOUT_AFTER: &[&str] = &[
    "前後", "程度", "位", "くらい", "ぐらい", "目安", "想定", "程", "ほど",
];

/// Read a rate value (folded text). Amounts without a unit count only when no amount has one.
pub(crate) fn read(v: &str) -> RateRead {
    let low = v.to_ascii_lowercase();
    let mut out = RateRead {
        settle: settle(&low),
        ..RateRead::default()
    };
    let amounts = amounts(&low);
    out.has_money = amounts.iter().any(|a| a.unit != Unit::None);
    let foreign = FOREIGN.iter().any(|w| low.contains(w));
    let not_monthly = NOT_MONTHLY.iter().any(|w| low.contains(w));
    let monthly = MONTHLY.iter().any(|w| low.contains(w));
    if foreign {
        out.has_money = true;
        return out;
    }
    if not_monthly {
        out.has_money = true;
        // `月額80万（時給5,000円）`: the 万 figure beside a month word is still monthly.
        if !monthly {
            return out;
        }
    }
    let has_unit = amounts.iter().any(|a| a.unit != Unit::None);
    let mut lo: Option<f64> = None;
    let mut hi: Option<f64> = None;
    let mut take = |v: f64, b: Bound| {
        if matches!(b, Bound::Both | Bound::Min) {
            lo = Some(lo.map_or(v, |x: f64| x.min(v)));
        }
        if matches!(b, Bound::Both | Bound::Max) {
            hi = Some(hi.map_or(v, |x: f64| x.max(v)));
        }
    };
    for a in &amounts {
        if has_unit && a.unit == Unit::None {
            continue;
        }
        if not_monthly && a.unit != Unit::Man {
            continue;
        }
        let Some(man) = to_man(a.value, a.unit) else {
            continue;
        };
        match a.pair {
            Some((v2, u2)) => {
                let Some(man2) = to_man(v2, u2) else { continue };
                // `Max:55~60万`: the ceiling is somewhere in the range, there is no floor.
                if a.bound != Bound::Max {
                    take(man.min(man2), Bound::Min);
                }
                take(man.max(man2), Bound::Max);
            }
            // A single figure (`60万`, `72万前後`) is what the client pays at most.
            None => take(
                man,
                if a.bound == Bound::Both {
                    Bound::Max
                } else {
                    a.bound
                },
            ),
        }
    }
    out.min = lo.and_then(Man::new);
    out.max = hi.and_then(Man::new);
    out
}

/// One amount, or the first of a range with its partner.
#[derive(Debug, Clone, Copy)]
struct Amount {
    value: f64,
    unit: Unit,
    bound: Bound,
    pair: Option<(f64, Unit)>,
}

fn to_man(v: f64, unit: Unit) -> Option<f64> {
    let man = match unit {
        Unit::Man => v,
        Unit::Yen => v / 10_000.0,
        Unit::Sen => v / 10.0,
        Unit::None if v >= 10_000.0 => v / 10_000.0,
        Unit::None => v,
    };
    (10.0..=500.0).contains(&man).then_some(man)
}

/// The unit right after a number: `万円`, `万`, `円`, `千円`, `yen`, `jpy`, `k`; and its length.
fn unit_after(s: &str) -> (Unit, usize) {
    let t = s.trim_start_matches(' ');
    let skip = s.len() - t.len();
    for (w, u) in [
        ("万円", Unit::Man),
        ("万", Unit::Man),
        ("千円", Unit::Sen),
        ("円", Unit::Yen),
        ("yen", Unit::Yen),
        ("jpy", Unit::Yen),
    ] {
        if t.starts_with(w) {
            return (u, skip + w.len());
        }
    }
    (Unit::None, 0)
}

/// A number followed by something that makes it not money: a date, a count, hours, a share.
fn blocked_after(s: &str) -> bool {
    let t = s.trim_start_matches(' ');
    const WORDS: &[&str] = &[
        "年", "月", "日", "歳", "才", "名", "人", "回", "h", "時", "%", "ヶ", "ケ", "か月", "カ月",
        "社", "件", "次", "代", "期", "週", "分", "/", ":", ".", "day", "year", "month", "week",
        "hour", "round", "people", "person", "position",
    ];
    WORDS.iter().any(|w| t.starts_with(w))
}

fn is_range(c: char) -> bool {
    matches!(c, '~' | '-' | 'ー' | '?' | '〜')
}

fn amounts(low: &str) -> Vec<Amount> {
    let mut out: Vec<Amount> = Vec::new();
    let mut i = 0;
    while let Some((at, value, len)) = next_number(low, i, true) {
        i = at;
        let start = i;
        let mut j = i + len;
        // `¥700,000`, `JPY 600,000`: the currency may come first.
        let before_t = low[..start].trim_end();
        let yen_sign = char_before(low, start).is_some_and(|c| c == '¥' || c == '\\')
            || before_t.ends_with("jpy")
            || before_t.ends_with('¥');
        let (mut unit, ulen) = unit_after(&low[j..]);
        if yen_sign && unit == Unit::None {
            unit = Unit::Yen;
        }
        if unit == Unit::None && blocked_after(&low[j..]) {
            // `140-180h` is hours, `2025年` a date: skip the whole run.
            i = j;
            continue;
        }
        if unit == Unit::None && low[j..].starts_with('k') {
            unit = Unit::Sen;
            j += 1;
        }
        j += ulen;
        // A range: `60~70万`, `35-38万`, `MAX60?65万円`, `60万から70万`.
        let after = &low[j..];
        let t = after.trim_start_matches(' ');
        let (range_len, is_rng) = match t.chars().next() {
            Some(c) if is_range(c) => (c.len_utf8(), true),
            _ if t.starts_with("から") => ("から".len(), true),
            _ if t.starts_with("to ") => (3, true),
            _ => (0, false),
        };
        if is_rng {
            let rest = &t[range_len..];
            let rest_t = rest.trim_start_matches(' ');
            let rest_t = rest_t.strip_prefix("¥").unwrap_or(rest_t);
            // `80〜max140万`: the upper end named as such.
            let rest_t = ["max", "上限", "最大"]
                .iter()
                .find_map(|w| rest_t.strip_prefix(w))
                .map_or(rest_t, |r| r.trim_start_matches([' ', ':']));
            if let Some((v2, l2)) = number_at(rest_t) {
                let (u2, ul2) = unit_after(&rest_t[l2..]);
                let u2 = if u2 == Unit::None && rest.contains('¥') {
                    Unit::Yen
                } else {
                    u2
                };
                if u2 == Unit::None && unit == Unit::None && blocked_after(&rest_t[l2..]) {
                    // `(140-180h)`: a band of hours, neither figure is money.
                    i = low.len() - rest_t.len() + l2;
                    continue;
                }
                if !(u2 == Unit::None && blocked_after(&rest_t[l2..])) {
                    // `60~70万`: the first figure takes the unit of the second.
                    let u1 = if unit == Unit::None { u2 } else { unit };
                    let before = low[..start].trim_end_matches([' ', ':', '(', '（']);
                    let capped = ["max", "上限", "最大", "up to", "maximum"]
                        .iter()
                        .any(|w| before.ends_with(w));
                    out.push(Amount {
                        value,
                        unit: u1,
                        bound: if capped { Bound::Max } else { Bound::Both },
                        pair: Some((v2, if u2 == Unit::None { u1 } else { u2 })),
                    });
                    let consumed = low.len() - rest_t.len() + l2 + ul2;
                    i = consumed;
                    continue;
                }
            }
        }
        let bound = bound_of(low, start, j);
        out.push(Amount {
            value,
            unit,
            bound,
            pair: None,
        });
        i = j.max(start + 1);
    }
    out
}

/// Whether a single amount is a ceiling (`~65万`, `Max75万`, `37万MAX`), a floor (`65万~`), or both.
fn bound_of(low: &str, start: usize, end: usize) -> Bound {
    let before = low[..start].trim_end_matches([' ', '¥', '(', '（']);
    let after = low[end..].trim_start_matches([' ', ')', '）']);
    if ABOUT_AFTER.iter().any(|w| after.starts_with(w)) {
        // `～80万程度まで` is still a ceiling.
        let rest = after
            .trim_start_matches(|c: char| !matches!(c, 'ま' | '迄' | 'm' | '以'))
            .to_string();
        if MAX_AFTER.iter().any(|w| rest.starts_with(w)) || ends_with_any(before, MAX_BEFORE) {
            return Bound::Max;
        }
        return Bound::Both;
    }
    if MAX_AFTER.iter().any(|w| after.starts_with(w)) {
        return Bound::Max;
    }
    if ends_with_any(before, MAX_BEFORE) {
        // `-420,000円` is a ceiling, but the dash of `35-` would have made a range already.
        return Bound::Max;
    }
    if ends_with_any(before, MIN_BEFORE) {
        return Bound::Min;
    }
    if MIN_AFTER.iter().any(|w| {
        after.starts_with(w)
            && !after[w.len()..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
    }) {
        return Bound::Min;
    }
    Bound::Both
}

fn ends_with_any(s: &str, words: &[&str]) -> bool {
    let s = s.trim_end_matches([' ', ':']);
    words.iter().any(|w| {
        s.ends_with(w)
            // A dash ends `メンバー-` or `API-` as often as it means "up to": only a lone one counts.
            && !(*w == "-"
                && s[..s.len() - 1]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric()))
    })
}

/// Settlement hours: `140-180h`, `(140時間 ~ 180時間)`, `下限140h/上限180h`, `精算:140-180`.
pub(crate) fn settle(low: &str) -> Option<(u16, u16)> {
    let in_context = low.contains("精算") || low.contains("清算") || low.contains("settle");
    let mut found: Vec<u16> = Vec::new();
    let mut i = 0;
    while let Some((at, v, len)) = next_number(low, i, false) {
        i = at;
        let j = i + len;
        let after = low[j..].trim_start_matches(' ');
        let hours = hours_unit(after);
        let hv = (60.0..=300.0).contains(&v) && v.fract() == 0.0;
        if hv && hours {
            found.push(v as u16);
        } else if hv {
            // `140-180h` or `精算:140-180`: the unit may come only after the second figure.
            if let Some(c) = after.chars().next().filter(|&c| is_range(c)) {
                let rest = after[c.len_utf8()..].trim_start_matches(' ');
                if let Some((v2, l2)) = number_at(rest) {
                    let unit2 = hours_unit(rest[l2..].trim_start_matches(' '));
                    let money2 = unit_after(&rest[l2..]).0 != Unit::None;
                    if (60.0..=300.0).contains(&v2) && !money2 && (unit2 || in_context) {
                        found.push(v as u16);
                        found.push(v2 as u16);
                        i = low.len() - rest.len() + l2;
                        continue;
                    }
                }
            }
        }
        i = j;
    }
    match found.as_slice() {
        [] => None,
        [one] => {
            let fixed = low.contains("固定");
            fixed.then_some((*one, *one))
        }
        many => {
            let lo = many.iter().copied().min()?;
            let hi = many.iter().copied().max()?;
            (lo < hi).then_some((lo, hi))
        }
    }
}

/// A settlement field's value: a band, or one figure (`精算：160h`) as a fixed base.
pub(crate) fn settle_labelled(low: &str) -> Option<(u16, u16)> {
    if let Some(s) = settle(&format!("精算 {low}")) {
        return Some(s);
    }
    let mut found = None;
    let mut i = 0;
    while let Some((at, v, len)) = next_number(low, i, false) {
        i = at;
        if (60.0..=300.0).contains(&v)
            && v.fract() == 0.0
            && hours_unit(low[i + len..].trim_start())
        {
            if found.is_some() {
                return None;
            }
            found = Some(v as u16);
        }
        i += len;
    }
    found.map(|h| (h, h))
}

fn hours_unit(s: &str) -> bool {
    (s.starts_with('h')
        && !s[1..].starts_with(|c: char| c.is_ascii_alphabetic() && c != 'r' && c != 'o'))
        || s.starts_with("時間")
        || s.starts_with("hours")
        || s.starts_with("hrs")
}

/// True when text names an amount of money (`65万`, `660,000円`, `900,000 JPY`, `$55`) or
/// says the rate depends on skills: what makes an unlabelled line a rate line.
pub(crate) fn mentions_money(low: &str) -> bool {
    low.contains("見合") || read(low).has_money
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(s: &str) -> (Option<f64>, Option<f64>) {
        let folded = crate::posting::normalize::Norm::new(s).text;
        let got = read(&folded);
        (got.min.map(Man::as_f64), got.max.map(Man::as_f64))
    }

    #[test]
    fn rate_forms() {
        for (text, min, max) in [
            ("60〜70万円", Some(60.0), Some(70.0)),
            ("60～65万", Some(60.0), Some(65.0)),
            ("35-38万", Some(35.0), Some(38.0)),
            ("63万円 ～ 78万円 / 月", Some(63.0), Some(78.0)),
            ("～65万円/月", None, Some(65.0)),
            ("～65万", None, Some(65.0)),
            ("〜70万", None, Some(70.0)),
            ("65万", None, Some(65.0)),
            ("月額65万", None, Some(65.0)),
            ("65万（精算140-180h）", None, Some(65.0)),
            ("Max75万円", None, Some(75.0)),
            ("37万円MAX", None, Some(37.0)),
            ("65万円　～", Some(65.0), None),
            ("72万前後", None, Some(72.0)),
            ("85万円程度", None, Some(85.0)),
            ("〜660,000円/月", None, Some(66.0)),
            ("-420,000円/月", None, Some(42.0)),
            ("600,000円～700,000円", Some(60.0), Some(70.0)),
            ("時給5,000円〜8,000円", None, None),
            ("時間単価：4,500円/時", None, None),
            ("スキル見合い", None, None),
            ("完全スキル見合い（MAX65万円）", None, Some(65.0)),
            ("スキル見合い（～80万程度まで）", None, Some(80.0)),
            ("MAX60?65万円", None, Some(65.0)),
            ("Max:55~60万円", None, Some(60.0)),
            ("80〜max140万前後", Some(80.0), Some(140.0)),
            ("60万～MAX75万", Some(60.0), Some(75.0)),
            ("680,000円～920,000円", Some(68.0), Some(92.0)),
            ("上限：70～75万", None, Some(75.0)),
            ("６０万～７０万円（税別）", Some(60.0), Some(70.0)),
            ("60~70", Some(60.0), Some(70.0)),
            ("USD 60-80/hour", None, None),
            ("€500/day", None, None),
            ("¥700,000/month", None, Some(70.0)),
            ("up to 800,000 JPY per month", None, Some(80.0)),
            ("年収600万円", None, None),
            ("65.5万円", None, Some(65.5)),
            ("60万から70万", Some(60.0), Some(70.0)),
            ("65万（140-180）", None, Some(65.0)),
            ("スキル見合い（140-180H）", None, None),
            ("60万（140-180h）", None, Some(60.0)),
            ("〜80万（経験により応相談）", None, Some(80.0)),
        ] {
            assert_eq!(r(text), (min, max), "{text}");
        }
    }

    #[test]
    fn settlement_forms() {
        for (text, want) in [
            ("65万（精算140-180h）", Some((140, 180))),
            ("（140時間 ~ 180時間）", Some((140, 180))),
            ("精算幅：140h～180h", Some((140, 180))),
            ("精算:140-180", Some((140, 180))),
            ("下限140h/上限180h", Some((140, 180))),
            ("精算固定", None),
            ("160h固定", Some((160, 160))),
            ("60~70万", None),
            ("9:00-18:00", None),
        ] {
            let folded = crate::posting::normalize::Norm::new(text).low;
            assert_eq!(settle(&folded), want, "{text}");
        }
    }
}
