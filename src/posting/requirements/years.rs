//! Minimum years written in a requirement item: `3年以上`, `実務3年`, `(4~5年想定)`, `3y+`.

use crate::posting::normalize::number_start;

/// A years figure found in a folded, lower-cased item: where it stands and its value.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Years {
    pub at: usize,
    pub years: f32,
}

/// Words after `N年` that make it a span of experience, not a date or a duration of the work.
const AFTER_NEN: &[&str] = &[
    "以上",
    "~",
    "程度",
    "間",
    "超",
    "ほど",
    "くらい",
    "ぐらい",
    "前後",
    "想定",
    "目安",
    "+",
];
/// Words just before `N年` that make it experience on their own (`実務3年`, `経験 3年`).
const BEFORE_NEN: &[&str] = &["実務", "経験", "歴", "exp"];

/// Every years figure in `low` (folded and lower-cased), in order.
pub(crate) fn find(low: &str) -> Vec<Years> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(at) = number_start(low, i, true) {
        i = at;
        let (first, len) = number(&low[i..]);
        let mut j = i + len;
        // `4~5年`, `2-3年`: the lower figure is the minimum.
        let rest = &low[j..];
        if let Some(r) = rest
            .strip_prefix('~')
            .or_else(|| rest.strip_prefix('-'))
            .or_else(|| rest.strip_prefix('、'))
        {
            let r = r.trim_start();
            if r.starts_with(|c: char| c.is_ascii_digit()) {
                let (_, l2) = number(r);
                j = low.len() - r.len() + l2;
            }
        }
        let after = low[j..].trim_start();
        if let Some(a) = after.strip_prefix('年') {
            let a = a.trim_start();
            let date = a.starts_with(['月', '度', '生', '目']);
            let before = low[..i].trim_end();
            let said = AFTER_NEN.iter().any(|w| a.starts_with(w))
                || BEFORE_NEN.iter().any(|w| before.ends_with(w))
                || before.ends_with(':')
                || a.is_empty()
                || a.starts_with([')', '、', ',', '。', ' ', '/'])
                // `3年～5年以上`: a range written with 年 on both figures.
                || (a.starts_with(['~', '～', '〜'])
                    && a
                        .trim_start_matches(['~', '～', '〜'])
                        .starts_with(|c: char| c.is_ascii_digit()))
                || a.starts_with("の経験")
                || a.starts_with("の実務");
            if !date && said && (0.5..=30.0).contains(&first) {
                out.push(Years {
                    at: i,
                    years: first as f32,
                });
            }
            i = j + '年'.len_utf8();
            continue;
        }
        // `3y+`, `3+ years`, `3 years of`, `5yrs`.
        let english = after.trim_start_matches('+').trim_start();
        let y = ["years", "year", "yrs", "yr", "y+", "y "]
            .iter()
            .find(|w| english.starts_with(*w))
            .is_some()
            || english == "y";
        let word_end = english
            .trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == '+')
            .chars()
            .next()
            .is_none_or(|c| !c.is_ascii_alphanumeric());
        if y && word_end && (0.5..=30.0).contains(&first) && !english.starts_with("years old") {
            out.push(Years {
                at: i,
                years: first as f32,
            });
        }
        i = j.max(i + 1);
    }
    // `半年以上`
    if let Some(p) = low.find("半年以上") {
        out.push(Years { at: p, years: 0.5 });
        out.sort_by_key(|y| y.at);
    }
    out
}

/// A number at the start of `s`: value and byte length (`3`, `1.5`).
fn number(s: &str) -> (f64, usize) {
    let len = s
        .char_indices()
        .take_while(|&(k, c)| {
            c.is_ascii_digit()
                || (c == '.' && k > 0 && s[k + 1..].starts_with(|d: char| d.is_ascii_digit()))
        })
        .map(|(k, c)| k + c.len_utf8())
        .last()
        .unwrap_or(0);
    (s[..len].parse().unwrap_or(0.0), len)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn years(s: &str) -> Vec<f32> {
        find(s).into_iter().map(|y| y.years).collect()
    }

    #[test]
    fn years_in_the_trade_notations() {
        for (s, want) in [
            ("java(3年以上)", vec![3.0]),
            ("開発経験3年以上", vec![3.0]),
            ("実務3年", vec![3.0]),
            ("react経験(4~5年想定)", vec![4.0]),
            ("go 3y+", vec![3.0]),
            ("3 years of experience with go", vec![3.0]),
            ("3+ years with rust", vec![3.0]),
            ("経験3年", vec![3.0]),
            ("java開発経験 3年~", vec![3.0]),
            ("java 3年、aws 1年以上", vec![3.0, 1.0]),
            ("インフラ運用の経験が3年~5年以上", vec![3.0, 5.0]),
            ("1.5年以上の経験", vec![1.5]),
            ("半年以上の経験", vec![0.5]),
            ("2026年7月~", vec![]),
            ("2年目", vec![]),
            ("40代まで", vec![]),
            ("3年間のプロジェクト", vec![3.0]),
            ("at least 5 years", vec![5.0]),
            ("25 years old", vec![]),
        ] {
            assert_eq!(years(s), want, "{s}");
        }
    }
}
