//! Is this the same engineer again? An identity key plus shingled text similarity.
//!
//! Partners re-send the same engineer weekly and forward each other's offers with
//! their own greeting and signature. Two offers are the same engineer when their
//! identity (initials, age, station, skill set) agrees and their texts are
//! near-identical: the Jaccard index of the posting deduplication's 5-character
//! shingles over the folded text,
//! without spaces, punctuation, headers and signatures.

use super::fold::fold;
use super::layout::is_noise;
use super::ParsedOffer;
use crate::posting::dedupe;

/// Shingle overlap from which two offers with the same identity are one engineer.
///
/// Re-sends with a new rate or start date and forwards by another partner score
/// 0.75–0.9 on the fixtures; a different engineer with the same initials, age,
/// station and skills but another text scores about 0.3.
pub const SAME_ENGINEER: f32 = 0.5;

/// With no initials and no age the identity says little: ask for near-copies.
pub const SAME_ENGINEER_WEAK_KEY: f32 = 0.8;

/// What must agree before texts are compared: `initials|age|station|skills`.
pub fn identity_key(o: &ParsedOffer) -> String {
    let age = match (o.age, &o.age_band) {
        (Some(a), _) => a.to_string(),
        (None, Some(b)) => b.clone(),
        (None, None) => String::new(),
    };
    let mut skills: Vec<String> = o.skills.iter().map(|s| s.name.to_lowercase()).collect();
    skills.sort();
    skills.dedup();
    format!(
        "{}|{}|{}|{}",
        o.initials.as_deref().unwrap_or(""),
        age,
        o.station.as_deref().unwrap_or(""),
        skills.join(",")
    )
}

/// A key with neither initials nor age: only near-copies are merged on it.
pub fn is_weak_key(key: &str) -> bool {
    key.starts_with("||")
}

/// The threshold for a key.
pub fn threshold(key: &str) -> f32 {
    if is_weak_key(key) {
        SAME_ENGINEER_WEAK_KEY
    } else {
        SAME_ENGINEER
    }
}

/// The offer's own words: folded, lower-cased letters and digits, without mail
/// headers, quote marks, signatures and contact lines.
pub fn comparable_text(text: &str) -> String {
    let folded = fold(text);
    let mut out = String::with_capacity(folded.len());
    for line in folded.lines() {
        if is_noise(line) {
            continue;
        }
        out.extend(
            line.trim_start_matches(['>', ' '])
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    out
}

/// Shingles of the offer's own words: the posting deduplication's 5-character shingles.
pub fn shingles(text: &str) -> Vec<u64> {
    dedupe::shingles(&comparable_text(text))
}

/// Jaccard index of two shingle sets, 0–1.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    dedupe::jaccard(a, b) as f32
}

/// Text similarity of two offers, 0–1.
pub fn similarity(a: &str, b: &str) -> f32 {
    jaccard(&shingles(a), &shingles(b))
}

/// A digest of where and how an offer arrived, for re-import checks: the same on every build.
pub fn digest(parts: &[&str]) -> String {
    format!("{:016x}", dedupe::content_hash(&parts.join("\u{1f}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_signatures_do_not_count() {
        let body = "氏名：T.K\n年齢：34歳\nスキル：Java 5年、Spring Boot 3年\n単価：65万";
        let a = format!("From: a@example.jp\n{body}\nTEL: 03-0000-0000");
        let b = format!("> {}\n株式会社サンプル 営業部", body.replace('\n', "\n> "));
        assert!(similarity(&a, &b) > 0.95, "{}", similarity(&a, &b));
    }

    #[test]
    fn a_new_rate_is_still_the_same_text_and_another_person_is_not() {
        let a = "氏名：T.K\n年齢：34歳\nスキル：Java 5年、Spring Boot 3年\n単価：65万\nPR：金融系の開発経験が豊富です。";
        let b = a.replace("65万", "60万");
        assert!(similarity(a, &b) > SAME_ENGINEER);
        let c = "氏名：T.K\n年齢：34歳\nスキル：Java 5年、Spring Boot 3年\n単価：55万\nPR：物流系の保守運用を担当しておりました。";
        assert!(similarity(a, c) < SAME_ENGINEER + 0.2);
    }

    #[test]
    fn digests_are_stable() {
        assert_eq!(digest(&["a", "b"]), digest(&["a", "b"]));
        assert_ne!(digest(&["ab", ""]), digest(&["a", "b"]));
    }
}
