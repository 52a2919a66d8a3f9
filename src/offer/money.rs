//! Rates as partners write them: `65万`, `60万〜`, `60〜65万円`, `〜90万`, `450,000円`, `応相談`.

use super::fold::{char_at, number_at};
use crate::domain::Man;

/// A monthly rate band in 万円; `Some((None, None))` when stated as negotiable.
pub fn rate(v: &str, labelled: bool) -> Option<(Option<Man>, Option<Man>)> {
    let first: &str = v.lines().next().unwrap_or("");
    let low = first.to_ascii_lowercase();
    if low.contains("時給")
        || low.contains("時間単価")
        || low.contains("年収")
        || low.contains("/h")
    {
        return None;
    }
    let mut numbers: Vec<(f64, usize, usize, Unit)> = Vec::new();
    let mut i = 0;
    while i < low.len() {
        let Some(c) = char_at(&low, i) else { break };
        if c.is_ascii_digit() {
            if let Some((n, len)) = number_at(&low[i..]) {
                let rest = &low[i + len..];
                let rest_t = rest.trim_start();
                let unit = if rest_t.starts_with('万') {
                    Unit::Man
                } else if rest_t.starts_with('円') {
                    Unit::Yen
                } else if rest_t.starts_with('h')
                    || rest_t.starts_with("時間")
                    || rest_t.starts_with('%')
                {
                    Unit::Hours
                } else {
                    Unit::None
                };
                numbers.push((n, i, i + len, unit));
                i += len;
                continue;
            }
        }
        i += c.len_utf8();
    }
    // Free text needs the unit: `12月1日から、60万円から` has three numbers, one rate.
    let money: Vec<(f64, usize, usize, Unit)> = numbers
        .iter()
        .copied()
        .filter(|n| {
            n.3 != Unit::Hours && (labelled || n.3 != Unit::None || next_has_unit(&numbers, n))
        })
        .collect();
    let to_man = |n: f64, unit: Unit| -> Option<Man> {
        match unit {
            Unit::Man => Man::new(n).filter(|m| (10.0..=300.0).contains(&m.as_f64())),
            Unit::Yen if n >= 100_000.0 => Man::from_yen(n as u64),
            Unit::None if labelled && (10.0..=300.0).contains(&n) => Man::new(n),
            Unit::None if labelled && n >= 100_000.0 => Man::from_yen(n as u64),
            _ => None,
        }
    };
    let Some(&(a, a_start, a_end, a_unit)) = money.first() else {
        let negotiable = ["相談", "見合", "ask", "調整"]
            .iter()
            .any(|w| low.contains(w));
        return (labelled && negotiable).then_some((None, None));
    };
    // A second number joined by `~`, `-` or `から` makes a range.
    let between = money.get(1).map(|b| low[a_end..b.1].trim());
    let joined = between.is_some_and(|t| {
        let t = t
            .trim_start_matches(['万', '円'])
            .trim()
            .trim_start_matches('円')
            .trim();
        matches!(t, "~" | "-" | "から" | "~max" | "~上限")
    });
    if joined {
        let &(b, _, _, b_unit) = &money[1];
        let unit_a = if a_unit == Unit::None { b_unit } else { a_unit };
        let (lo, hi) = (to_man(a, unit_a), to_man(b, b_unit));
        if lo.is_some() || hi.is_some() {
            return Some((lo, hi));
        }
        return None;
    }
    let m = to_man(a, a_unit)?;
    let before = low[..a_start].trim_end();
    let after_num = low[a_end..].trim_start();
    let after = after_num
        .trim_start_matches('万')
        .trim_start_matches('円')
        .trim_start_matches("/月")
        .trim_start_matches("(税別)")
        .trim_start_matches("(税込)")
        .trim_start();
    if before.ends_with('~') || before.ends_with("max") || before.ends_with("上限") {
        return Some((None, Some(m)));
    }
    if after.starts_with('~')
        || after.starts_with("以上")
        || after.starts_with("から")
        || after.starts_with("より")
    {
        return Some((Some(m), None));
    }
    if after.starts_with("max") || after.starts_with("以下") || after.starts_with("まで") {
        return Some((None, Some(m)));
    }
    Some((Some(m), Some(m)))
}

/// `60~65万`: a bare number is money when the number it ranges to has a unit.
fn next_has_unit(numbers: &[(f64, usize, usize, Unit)], n: &(f64, usize, usize, Unit)) -> bool {
    numbers
        .iter()
        .find(|m| m.1 > n.1)
        .is_some_and(|m| matches!(m.3, Unit::Man | Unit::Yen) && m.1 - n.2 <= 3)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Man,
    Yen,
    Hours,
    None,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates() {
        let m = |v: f64| Man::new(v);
        assert_eq!(rate("60万~", true), Some((m(60.0), None)));
        assert_eq!(rate("65万", true), Some((m(65.0), m(65.0))));
        assert_eq!(rate("60~65万円", true), Some((m(60.0), m(65.0))));
        assert_eq!(rate("~70万", true), Some((None, m(70.0))));
        assert_eq!(rate("650,000円", true), Some((m(65.0), m(65.0))));
        assert_eq!(rate("スキル見合い", true), Some((None, None)));
        assert_eq!(rate("55万(140-180h)", true), Some((m(55.0), m(55.0))));
        assert_eq!(rate("65", true), Some((m(65.0), m(65.0))));
        assert_eq!(rate("Java 5年", false), None);
    }
}
