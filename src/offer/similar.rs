//! Is this the same engineer again? An identity key plus shingled text similarity.
//!
//! Partners re-send the same engineer weekly and forward each other's offers with
//! their own greeting and signature. Two offers are the same engineer when their
//! identity (initials, age, station, skill set) agrees and their texts are
//! near-identical: the Jaccard index of character 3-grams over the folded text,
//! without spaces, punctuation, headers and signatures.

use super::fold::fold;
use super::layout::is_noise;
use super::ParsedOffer;

/// Shingle overlap from which two offers with the same identity are one engineer.
///
/// Re-sends with a new rate or start date score 0.7–0.95 on the fixtures; a
/// different engineer with the same initials, age and skills scores below 0.35.
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

/// Sorted, distinct hashes of the character 3-grams of the offer's own words.
pub fn shingles(text: &str) -> Vec<u64> {
    let folded = fold(text);
    let mut chars: Vec<char> = Vec::with_capacity(folded.len() / 2);
    for line in folded.lines() {
        if is_noise(line) {
            continue;
        }
        chars.extend(
            line.trim_start_matches(['>', ' '])
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase),
        );
    }
    let mut out: Vec<u64> = chars
        .windows(3)
        .map(|w| {
            let mut h: u64 = 0xcbf2_9ce4_8422_2325;
            for c in w {
                h ^= u64::from(*c as u32);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            h
        })
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard index of two sorted shingle sets, 0–1.
pub fn jaccard(a: &[u64], b: &[u64]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - both;
    both as f32 / union.max(1) as f32
}

/// Text similarity of two offers, 0–1.
pub fn similarity(a: &str, b: &str) -> f32 {
    jaccard(&shingles(a), &shingles(b))
}

/// A stable 64-bit digest (FNV-1a) for re-import checks; the same on every build.
pub fn digest(parts: &[&str]) -> String {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for p in parts {
        for b in p.bytes().chain([0xff]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{h:016x}")
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
