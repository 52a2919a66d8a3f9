//! Skills an offer names, with the years written beside each.
//!
//! Names come only from the taxonomy's scanner; years from what follows a name
//! on its line: `Java 5年`, `Java(5y)`, `Java：5年以上`, `Javaでの開発経験3年`,
//! `Java | 5年` table rows, or a bare `Java | 5` under a `経験年数` header.

use super::fold::{char_at, number_at};
use crate::skills::{SkillId, Taxonomy};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SkillRead {
    pub skill: SkillId,
    pub years: Option<f32>,
}

/// Skills in order of first mention; the most years any mention gives.
pub fn read<'a>(lines: impl Iterator<Item = &'a str>, tax: &Taxonomy) -> Vec<SkillRead> {
    let lines: Vec<&str> = lines.collect();
    let years_header = lines
        .iter()
        .any(|l| l.contains("年数") || l.contains("(年)") || l.contains("経験年"));
    let mut out: Vec<SkillRead> = Vec::new();
    for line in lines {
        let prepared = space_before_years(line);
        let spans = tax.scan_spans(&prepared);
        let mut found: Vec<(SkillId, Option<f32>, usize, usize)> = Vec::with_capacity(spans.len());
        for (k, m) in spans.iter().enumerate() {
            let matched = &prepared[m.start..m.end];
            if OFFER_WORDS.contains(&matched) || is_initial(&prepared, m.start, m.end) {
                continue;
            }
            let (skill, end) = without_years(matched, &prepared[m.end..], tax)
                .map_or((m.skill, m.end), |(skill, len)| (skill, m.start + len));
            let limit = spans.get(k + 1).map_or(prepared.len(), |n| n.start);
            let years = years_after(&prepared[end..limit.max(end)], years_header);
            found.push((skill, years, m.start, end));
        }
        // `AWS（EC2、S3）3年`: the years after the brackets cover the name and what is inside.
        for k in 0..found.len() {
            if found[k].1.is_some() {
                continue;
            }
            let after = &prepared[found[k].3..];
            if !after.trim_start().starts_with('(') {
                continue;
            }
            let Some(close) = after.find(')').map(|q| found[k].3 + q) else {
                continue;
            };
            let limit = found
                .iter()
                .find(|f| f.2 > close)
                .map_or(prepared.len(), |f| f.2);
            let from = found[k].2;
            if let Some(y) = years_after(&prepared[close + 1..limit.max(close + 1)], years_header) {
                for f in found
                    .iter_mut()
                    .filter(|f| f.1.is_none() && f.2 >= from && f.2 < close)
                {
                    f.1 = Some(y);
                }
            }
        }
        // `Java/Spring Boot 5年`: a slash group shares the years written after it.
        for k in (0..found.len().saturating_sub(1)).rev() {
            if found[k].1.is_none() {
                let gap = prepared[found[k].3..found[k + 1].2].trim();
                // An empty gap is a separator the scanner folds away (`テスト設計・テスト実施`).
                let grouped = gap
                    .chars()
                    .all(|c| matches!(c, '/' | '・' | '&' | '+' | '(' | ' '));
                if grouped {
                    found[k].1 = found[k + 1].1;
                }
            }
        }
        for (skill, years, _, _) in found {
            match out.iter_mut().find(|s| s.skill == skill) {
                Some(s) => {
                    if years.is_some_and(|y| s.years.is_none_or(|have| y > have)) {
                        s.years = years;
                    }
                }
                None => out.push(SkillRead { skill, years }),
            }
        }
    }
    out
}

/// Words the taxonomy knows as skills that offers use for the offer itself (`【人材】`).
const OFFER_WORDS: [&str; 1] = ["人材"];

/// Initials (`R.O`, `C・Y`, `T.S`), not the language R or C nor the alias TS.
fn is_initial(text: &str, start: usize, end: usize) -> bool {
    let dot = |c: char| matches!(c, '.' | '・' | '･');
    // The scanner's span runs to the next letter it keeps, so `R.` may include the dot.
    let matched = text[start..end].trim_end_matches(|c: char| dot(c) || c == ' ');
    // `T.S` read as the alias `TS`: single letters joined by dots are initials (`VB.NET` is not).
    let parts: Vec<&str> = matched.split(dot).collect();
    let single_letters = parts
        .iter()
        .all(|p| p.len() == 1 && p.chars().all(|c| c.is_ascii_uppercase()));
    if parts.len() >= 2 && single_letters {
        return true;
    }
    if matched.chars().count() != 1 {
        return false;
    }
    let end = start + matched.len();
    let after: Vec<char> = text[end..].chars().take(2).collect();
    let before: Vec<char> = text[..start].chars().rev().take(2).collect();
    let dotted_after = after.len() == 2 && dot(after[0]) && after[1].is_ascii_uppercase();
    let dotted_before = before.len() == 2 && dot(before[0]) && before[1].is_ascii_uppercase();
    dotted_after || dotted_before
}

/// `Python 3年` matches the alias `Python3`: the digits are years, the skill is `Python`.
fn without_years(matched: &str, after: &str, tax: &Taxonomy) -> Option<(SkillId, usize)> {
    if !matched.ends_with(|c: char| c.is_ascii_digit())
        || !(after.starts_with('年') || MONTHS.iter().any(|m| after.starts_with(m)))
    {
        return None;
    }
    let base = matched
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim_end();
    let skill = tax.lookup(base)?;
    Some((skill, base.len()))
}

/// `Java5年` → `Java 5年`, so the scanner sees the skill name on a word boundary.
fn space_before_years(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut prev: Option<char> = None;
    for (i, c) in line.char_indices() {
        if c.is_ascii_digit()
            && prev.is_some_and(|p| p.is_ascii_alphabetic() || p == '+' || p == '#')
            && years_unit_follows(&line[i..])
        {
            out.push(' ');
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

fn years_unit_follows(s: &str) -> bool {
    let Some((_, len)) = number_at(s) else {
        return false;
    };
    let rest = &s[len..];
    rest.starts_with('年')
        || MONTHS.iter().any(|m| rest.starts_with(m))
        || rest.starts_with('y')
            && !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic() && c != 'r' && c != 'e')
}

const MONTHS: [&str; 6] = ["ヶ月", "か月", "カ月", "ヵ月", "ケ月", "箇月"];

/// The years written right after a skill name, before the next name or separator.
fn years_after(s: &str, years_header: bool) -> Option<f32> {
    let end = s.find(['、', ',', '/', '。', ';', '\n']).unwrap_or(s.len());
    let window = &s[..end];
    // Skip words like `での開発経験` but not a whole sentence.
    let mut i = 0;
    let mut skipped = 0;
    while i < window.len() {
        let c = char_at(window, i)?;
        if c.is_ascii_digit() {
            let (n, len) = number_at(&window[i..])?;
            let rest = &window[i + len..];
            if let Some(y) = years_unit(n, rest) {
                return Some(y);
            }
            // `3~5年`: the first bound, in the unit of the second.
            if let Some(r) = rest.strip_prefix(['~', '-']) {
                if let Some((m, l2)) = number_at(r) {
                    if years_unit(m, &r[l2..]).is_some() {
                        return years_unit(n, &r[l2..]);
                    }
                }
            }
            // A table cell holding only a number, under a `経験年数` header.
            let tail = rest.trim_start_matches([' ', '|', ')']);
            if years_header && tail.is_empty() && n > 0.0 && n <= 50.0 && !rest.starts_with('.') {
                return Some(n as f32);
            }
            // A version (`Java 8`, `PHP 7.4`) may stand between name and years.
            i += len;
            continue;
        }
        skipped += 1;
        if skipped > 10 {
            return None;
        }
        i += c.len_utf8();
    }
    None
}

/// Years written at the start of `s`: `10年以上`, `26ヶ月`, `3y`.
pub(super) fn years_in(s: &str) -> Option<f32> {
    let (n, len) = number_at(s)?;
    years_unit(n, &s[len..])
}

fn years_unit(n: f64, rest: &str) -> Option<f32> {
    let low = rest.to_ascii_lowercase();
    // English writes a space: `5 years`, `3 yrs`.
    let low = low.strip_prefix(' ').unwrap_or(&low);
    let years = if let Some(r) = rest.strip_prefix('年') {
        if r.starts_with('月') || r.starts_with('度') || n > 50.0 {
            return None;
        }
        let mut y = n;
        if r.starts_with('半') {
            y += 0.5;
        } else if let Some((m, l)) = number_at(r) {
            if MONTHS.iter().any(|u| r[l..].starts_with(u)) && m < 12.0 {
                y += m / 12.0;
            }
        }
        y
    } else if MONTHS.iter().any(|u| rest.starts_with(u)) {
        n / 12.0
    } else if low.starts_with("years")
        || low.starts_with("year")
        || low.starts_with("yrs")
        || low.starts_with("yr")
        || low.starts_with('y') && !low[1..].starts_with(|c: char| c.is_ascii_alphabetic())
    {
        n
    } else {
        return None;
    };
    (years > 0.0 && years <= 50.0).then(|| ((years * 10.0).round() / 10.0) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::offer::fold::fold;

    fn read_one(text: &str) -> Vec<(String, Option<f32>)> {
        let tax = Taxonomy::builtin();
        let f = fold(text);
        read(f.lines(), tax)
            .into_iter()
            .map(|s| (tax.name(s.skill).to_string(), s.years))
            .collect()
    }

    #[test]
    fn years_in_every_form() {
        assert_eq!(read_one("Java 5年"), vec![("Java".into(), Some(5.0))]);
        assert_eq!(read_one("Java(5y)"), vec![("Java".into(), Some(5.0))]);
        assert_eq!(read_one("Java：5年以上"), vec![("Java".into(), Some(5.0))]);
        assert_eq!(read_one("Java5年"), vec![("Java".into(), Some(5.0))]);
        assert_eq!(
            read_one("Javaでの開発経験3年"),
            vec![("Java".into(), Some(3.0))]
        );
        assert_eq!(
            read_one("Java | 2年6ヶ月"),
            vec![("Java".into(), Some(2.5))]
        );
        assert_eq!(read_one("Java 8 5年"), vec![("Java".into(), Some(5.0))]);
        assert_eq!(read_one("Java（2019年~）"), vec![("Java".into(), None)]);
        assert_eq!(read_one("Java 1年半"), vec![("Java".into(), Some(1.5))]);
        assert_eq!(read_one("Python 6ヶ月"), vec![("Python".into(), Some(0.5))]);
    }

    #[test]
    fn slash_groups_share_years_and_tables_read_bare_numbers() {
        let got = read_one("Java/Python 3年、AWS");
        assert_eq!(got[0], ("Java".into(), Some(3.0)));
        assert_eq!(got[1], ("Python".into(), Some(3.0)));
        assert_eq!(got[2], ("AWS".into(), None));
        let table = read_one("スキル | 経験年数\nJava | 5\nAWS | 2");
        assert_eq!(
            table,
            vec![("Java".into(), Some(5.0)), ("AWS".into(), Some(2.0))]
        );
    }
}
