//! The same opening forwarded by several firms: shingled text similarity.
//!
//! Each intermediary wraps the posting in its own greeting and signature, rewrites
//! the chain line and cuts the rate. So the text compared is the posting body with
//! all of that removed: no forwarding noise, greetings, labels, rate, settlement or
//! chain lines; folded and stripped to letters and digits. It is cut into
//! overlapping 5-character shingles, and each posting keeps a bottom-k sketch (the
//! 128 smallest shingle hashes), from which Jaccard similarity is estimated. To find
//! candidates without reading every opening, the store indexes the 8 smallest shingle
//! hashes and the hashes of the 8 longest lines (a forward keeps most lines verbatim,
//! and a whole line is far rarer than a shingle of boilerplate); candidates are ranked
//! by how rare the hashes they share are. Two postings are the same opening when the estimate reaches
//! [`THRESHOLD`]; `tests/it/posting_dedupe.rs` measures that threshold's false-merge
//! and missed-merge rates on the fixtures.

use super::labels::Field;
use super::layout::{Doc, Kind};

/// Characters per shingle: long enough that Japanese shingles are specific, short
/// enough that an edited word spoils few of them.
pub const SHINGLE_CHARS: usize = 5;
/// Hashes kept per posting (bottom-k sketch).
pub const SKETCH_SIZE: usize = 128;
/// Smallest shingle hashes indexed for finding candidates.
pub const INDEX_SIZE: usize = 8;
/// Longest body lines whose hashes are indexed too: a forwarded copy keeps most lines
/// verbatim, and a whole line is far rarer than a shingle of boilerplate.
pub const LINE_INDEX_SIZE: usize = 8;
/// Estimated Jaccard similarity from which two postings are one opening.
pub const THRESHOLD: f64 = 0.45;
/// Forwarded copies arrive within days; a posting seen again months later is a new opening.
pub const WINDOW_DAYS: i64 = 60;

/// What the store keeps of a posting to recognise it again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint {
    /// Hash of the raw text itself: the same file imported twice.
    pub content_hash: u64,
    /// Smallest shingle hashes, ascending, at most [`SKETCH_SIZE`].
    pub sketch: Vec<u64>,
    /// Hashes of the longest comparable lines, at most [`LINE_INDEX_SIZE`].
    pub lines: Vec<u64>,
}

impl Fingerprint {
    /// The hashes to index for candidate search.
    pub fn index(&self) -> Vec<u64> {
        let mut v: Vec<u64> = self.sketch[..self.sketch.len().min(INDEX_SIZE)].to_vec();
        v.extend(&self.lines);
        v
    }
}

pub fn fingerprint(raw: &str) -> Fingerprint {
    let doc = Doc::new(super::cut(raw, super::MAX_POSTING_BYTES));
    fingerprint_doc(&doc, raw)
}

/// [`fingerprint`] of a posting whose layout is already read.
pub(crate) fn fingerprint_doc(doc: &Doc<'_>, raw: &str) -> Fingerprint {
    let lines = comparable_lines(doc);
    let body: String = lines.concat();
    let set = shingles(&body);
    let mut long: Vec<&String> = lines.iter().filter(|l| l.chars().count() >= 8).collect();
    long.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    let mut line_hashes: Vec<u64> = long
        .iter()
        .map(|l| hash_bytes(l.as_bytes()) ^ LINE_TAG)
        .collect();
    line_hashes.dedup();
    line_hashes.truncate(LINE_INDEX_SIZE);
    Fingerprint {
        content_hash: content_hash(raw),
        sketch: set.into_iter().take(SKETCH_SIZE).collect(),
        lines: line_hashes,
    }
}

/// Keeps line hashes apart from shingle hashes in the one index.
const LINE_TAG: u64 = 0x5bd1_e995_0000_0001;

/// Hash of the raw text with line endings and outer blank space evened out.
pub fn content_hash(raw: &str) -> u64 {
    let mut h = Fnv::new();
    for line in raw.trim().lines() {
        h.write(line.trim_end().as_bytes());
        h.write(b"\n");
    }
    mix(h.0)
}

/// The posting body as compared: values of the fields that travel unchanged.
pub fn comparable_text(raw: &str) -> String {
    comparable_lines(&Doc::new(super::cut(raw, super::MAX_POSTING_BYTES))).concat()
}

/// The compared body line by line, each folded to letters and digits.
fn comparable_lines(doc: &Doc<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for (i, l) in doc.lines.iter().enumerate() {
        if !matches!(l.kind, Kind::Text | Kind::Label) {
            continue;
        }
        // Rates are cut and chains rewritten by each intermediary.
        if l.section.is_some_and(|f| {
            matches!(
                f,
                Field::Rate | Field::Settle | Field::Chain | Field::Conditions
            )
        }) {
            continue;
        }
        let text = doc.low(doc.body(i));
        if super::rate::mentions_money(text)
            || ["商流", "貴社", "御社", "支援費"]
                .iter()
                .any(|w| text.contains(w))
        {
            continue;
        }
        let kept = if l.kind == Kind::Label {
            // Labels are the sender's template; the values are the posting.
            let mut v = String::new();
            for s in doc.segs.iter().filter(|s| s.line == i) {
                v.push_str(doc.low(s.value.clone()));
            }
            v
        } else {
            text.to_string()
        };
        let folded: String = kept.chars().filter(|c| c.is_alphanumeric()).collect();
        if !folded.is_empty() {
            out.push(folded);
        }
    }
    out
}

/// Sorted, distinct hashes of the overlapping [`SHINGLE_CHARS`]-character pieces of `s`.
pub fn shingles(s: &str) -> Vec<u64> {
    let starts: Vec<usize> = s.char_indices().map(|(i, _)| i).collect();
    let mut out = Vec::with_capacity(starts.len());
    if starts.is_empty() {
        return out;
    }
    if starts.len() <= SHINGLE_CHARS {
        out.push(hash_bytes(s.as_bytes()));
        return out;
    }
    for w in 0..=starts.len() - SHINGLE_CHARS {
        let end = starts.get(w + SHINGLE_CHARS).copied().unwrap_or(s.len());
        out.push(hash_bytes(&s.as_bytes()[starts[w]..end]));
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Jaccard similarity estimated from two bottom-k sketches (ascending, distinct).
///
/// Among the k smallest hashes of the union, the share found in both sketches.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let k = SKETCH_SIZE.min(a.len().max(b.len()));
    let (mut i, mut j, mut seen, mut both) = (0, 0, 0, 0);
    while seen < k && (i < a.len() || j < b.len()) {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                both += 1;
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => i += 1,
            (Some(_), Some(_)) => j += 1,
            (Some(_), None) => i += 1,
            (None, Some(_)) => j += 1,
            (None, None) => break,
        }
        seen += 1;
    }
    both as f64 / seen.max(1) as f64
}

/// Exact Jaccard similarity of two sorted, distinct sets (for measuring the estimate).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut both) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Equal => {
                both += 1;
                i += 1;
                j += 1;
            }
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
        }
    }
    let union = a.len() + b.len() - both;
    if union == 0 {
        0.0
    } else {
        both as f64 / union as f64
    }
}

/// 64-bit FNV-1a: stable across Rust versions and platforms, unlike `DefaultHasher`.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

fn hash_bytes(b: &[u8]) -> u64 {
    let mut h = Fnv::new();
    h.write(b);
    mix(h.0)
}

/// SplitMix64 finaliser: spreads FNV's low-entropy high bits so the smallest hashes are a fair sample.
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    const POSTING: &str = "【案件名】ECサイトリニューアル\n【必須】Java経験3年以上、Spring Boot\n【尚可】AWS\n【場所】品川\n【期間】12月～長期\n【単価】60～70万円\n【商流】貴社社員まで";

    #[test]
    fn forwarded_copy_is_similar() {
        let forwarded = format!(
            "お世話になっております。株式会社Bの佐藤です。\n下記案件のご紹介です。\n-----\n{}\n-----\n株式会社B 佐藤\nTEL: 03-0000-0000\nMail: sato@example.com",
            POSTING.replace("60～70万円", "55～65万円").replace("貴社社員まで", "1社先まで")
        );
        let a = fingerprint(POSTING);
        let b = fingerprint(&forwarded);
        assert_ne!(a.content_hash, b.content_hash);
        assert_eq!(similarity(&a.sketch, &b.sketch), 1.0);
        let other = fingerprint(
            &POSTING
                .replace("ECサイトリニューアル", "在庫管理システム保守")
                .replace("Java経験3年以上、Spring Boot", "COBOL、JCL"),
        );
        assert!(similarity(&a.sketch, &other.sketch) < THRESHOLD);
    }

    #[test]
    fn stable_hashes() {
        assert_eq!(content_hash("a\r\nb\n"), content_hash("a\nb"));
        assert_eq!(shingles("abc").len(), 1);
        assert_eq!(shingles("").len(), 0);
        assert_eq!(shingles("abcdef").len(), 2);
        assert_eq!(similarity(&[], &[1]), 0.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
    }

    #[test]
    fn long_text_is_cut_on_a_character_boundary() {
        // 300 KB of a three-byte character: the read limit falls inside one.
        let f = fingerprint(&"あ".repeat(100_000));
        assert!(!f.sketch.is_empty());
    }
}
