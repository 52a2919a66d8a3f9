//! Incremental fuzzy search over engineers and openings, fast enough per keystroke.
//!
//! A full SkimMatcherV2 pass over 100k mixed Japanese/ASCII strings takes tens of
//! milliseconds (its scoring matrix is built for every item), so four things keep
//! a keystroke cheap (figures in docs/dashboard.md):
//! - the matcher's own acceptance test (the term's chars in order, smart case)
//!   runs first, cheaply, on the raw string;
//! - survivors are scored by the same matcher in its linear "simple match" mode
//!   (`element_limit`), about 3× faster; when a query matches most of the index
//!   (one or two letters) even that is skipped and a rough score (an early match
//!   on a word start) picks the shortlist; only the best few hundred are rescored
//!   with the full matrix for the final order;
//! - when the query grows, only the previous matches are rescored (a match of
//!   `jav` + `a` is always a match of `jav`), and a shorter query reuses its
//!   cached matches, so backspace is instant;
//! - in the dashboard the matching runs on one worker thread where the latest
//!   query wins and an outdated scan stops early, so typing never waits.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::skills::Taxonomy;

use super::data::Data;

/// Results kept for display; the total count is still reported.
pub const MAX_HITS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Engineer,
    Opening,
}

/// One searchable thing and the text it is found by.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub kind: Kind,
    pub id: i64,
    pub hay: Box<str>,
}

/// Everything searchable, built once per data snapshot (on the first `/`).
#[derive(Debug, Default)]
pub struct Index {
    /// Identifies the snapshot, so cached matches of an older one are dropped.
    pub version: u64,
    pub items: Vec<Item>,
}

impl PartialEq for Index {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && self.items.len() == other.items.len()
    }
}

impl Index {
    /// Engineers by name, station and skills; openings by title, client and skills.
    pub fn build(data: &Data, tax: &Taxonomy, version: u64) -> Index {
        let mut items = Vec::with_capacity(data.engineers().len() + data.openings.len());
        let mut hay = String::new();
        for o in &data.openings {
            hay.clear();
            hay.push_str(&o.title);
            if let Some(c) = data.client_of(o) {
                hay.push(' ');
                hay.push_str(&c.name);
            }
            if let Some(l) = &o.location {
                hay.push(' ');
                hay.push_str(l);
            }
            for r in o.requirements.must_flat().chain(&o.requirements.nice) {
                hay.push(' ');
                hay.push_str(&r.name);
            }
            push_item(&mut items, Kind::Opening, o.id, &hay);
        }
        // What each skill also counts for (PM → PL), worked out once per build: a search
        // for PL finds a PM, as `free --skill PL` does.
        let mut counts_for: std::collections::HashMap<crate::skills::SkillId, Vec<&str>> =
            std::collections::HashMap::new();
        for e in data.engineers().iter() {
            hay.clear();
            hay.push_str(&e.name);
            if let Some(s) = &e.station {
                hay.push(' ');
                hay.push_str(s);
            }
            for s in &e.skills {
                hay.push(' ');
                hay.push_str(tax.name(s.skill));
            }
            for s in &e.skills {
                let also = counts_for.entry(s.skill).or_insert_with(|| {
                    tax.counts_for(s.skill)
                        .filter(|(_, c)| *c >= 0.8)
                        .map(|(t, _)| tax.name(t))
                        .collect()
                });
                for name in also.iter() {
                    hay.push(' ');
                    hay.push_str(name);
                }
            }
            push_item(&mut items, Kind::Engineer, e.id, &hay);
        }
        Index { version, items }
    }
}

fn push_item(items: &mut Vec<Item>, kind: Kind, id: i64, hay: &str) {
    use unicode_normalization::UnicodeNormalization;
    // Folded like the query (width), so `ＡＷＳ` in a posting's title is found by `aws`.
    // Only full-width forms change; skip the rest, so 100k items stay cheap to index.
    let wide = |c: char| ('\u{FF00}'..='\u{FFEF}').contains(&c) || c == '\u{3000}';
    let folded: String = if hay.chars().any(wide) {
        hay.nfkc().collect()
    } else {
        hay.to_string()
    };
    items.push(Item {
        kind,
        id,
        hay: crate::text::cell(&folded).into_boxed_str(),
    });
}

/// A query as the imports read words: width folded (`ｊａｖａ` → `java`), and each
/// term that names a skill by any alias replaced by its canonical name in lower case
/// (`ポスグレ` → `postgresql`), so search finds what the imports accepted.
pub fn fold_query(query: &str, tax: &Taxonomy) -> String {
    use unicode_normalization::UnicodeNormalization;
    let folded: String = query.nfkc().collect();
    let mut out = Vec::new();
    for term in folded.split_whitespace() {
        match tax.lookup(term) {
            Some(skill) if !term.is_ascii() || term.len() > 2 => {
                out.push(tax.name(skill).to_lowercase());
            }
            _ => out.push(term.to_string()),
        }
    }
    let mut q = out.join(" ");
    // A trailing space says the last word is done: keep it, so typing goes on narrowing.
    if folded.ends_with(char::is_whitespace) && !q.is_empty() {
        q.push(' ');
    }
    q
}

/// One match: an index into `Index::items` and its score (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub item: u32,
    pub score: i64,
}

/// The answer to one query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hits {
    pub generation: u64,
    pub query: String,
    /// Best first, at most `MAX_HITS`.
    pub hits: Vec<Hit>,
    /// All matches, before the cut.
    pub total: usize,
}

/// The matchers with their cache of earlier answers for the same snapshot.
pub struct Searcher {
    /// Linear scoring for every survivor of the subsequence test.
    quick: SkimMatcherV2,
    /// Full scoring for the final order of the best few.
    exact: SkimMatcherV2,
    version: Option<u64>,
    /// Queries typed so far, each a prefix of the next, with all their matches.
    stack: Vec<(String, Arc<Vec<Hit>>)>,
}

impl Default for Searcher {
    fn default() -> Self {
        Searcher {
            quick: SkimMatcherV2::default().element_limit(1),
            exact: SkimMatcherV2::default(),
            version: None,
            stack: Vec::new(),
        }
    }
}

/// One query term as the matcher reads it: smart case, like SkimMatcherV2.
struct Term<'q> {
    text: &'q str,
    chars: Vec<char>,
    case_sensitive: bool,
}

impl<'q> Term<'q> {
    fn new(text: &'q str) -> Term<'q> {
        Term {
            text,
            chars: text.chars().collect(),
            case_sensitive: text.chars().any(char::is_uppercase),
        }
    }

    /// Whether the term matches at all (exactly the matcher's own test: its chars
    /// in order, ASCII case folded unless the term has capitals), and a rough
    /// score: an early first match, on a word start, is better.
    fn probe(&self, hay: &str) -> Option<i64> {
        let mut want = self.chars.iter();
        let mut c = want.next()?;
        let mut first: Option<i64> = None;
        let mut prev = ' ';
        for (pos, h) in hay.chars().enumerate() {
            let equal = if self.case_sensitive {
                h == *c
            } else {
                h.eq_ignore_ascii_case(c)
            };
            if equal {
                if first.is_none() {
                    let word_start =
                        !prev.is_alphanumeric() || (prev.is_lowercase() && h.is_uppercase());
                    first = Some(if word_start { 64 } else { 0 } - pos.min(64) as i64);
                }
                match want.next() {
                    Some(n) => c = n,
                    None => return first,
                }
            }
            prev = h;
        }
        None
    }
}

/// Above this many matches the quick scores are skipped: a query that matches
/// most of the index (one or two letters) is ordered by where it matches, and
/// the shortlist still gets the full scoring.
const QUICK_LIMIT: usize = 16_384;

impl Searcher {
    /// Match `query` (whitespace-separated terms, all must match) against the index.
    ///
    /// `cancelled` is polled every few thousand items; when it says a newer query
    /// is waiting, the scan stops and `None` comes back.
    pub fn search(
        &mut self,
        index: &Index,
        query: &str,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<(Vec<Hit>, usize)> {
        if self.version != Some(index.version) {
            self.version = Some(index.version);
            self.stack.clear();
        }
        let terms: Vec<&str> = query.split_whitespace().collect();
        if terms.is_empty() {
            return Some((Vec::new(), 0));
        }
        // Drop cached queries that are not a prefix of this one; the longest left narrows.
        while self
            .stack
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()))
        {
            self.stack.pop();
        }
        let all = match self.stack.last() {
            Some((q, hits)) if q == query => Arc::clone(hits),
            prev => {
                let parsed: Vec<Term> = terms.iter().map(|t| Term::new(t)).collect();
                let mut out = Vec::new();
                let check = |i: u32, out: &mut Vec<Hit>| {
                    let Some(item) = index.items.get(i as usize) else {
                        return;
                    };
                    let mut score = 0;
                    for t in &parsed {
                        match t.probe(&item.hay) {
                            Some(s) => score += s,
                            None => return,
                        }
                    }
                    out.push(Hit { item: i, score });
                };
                match prev {
                    Some((_, narrowed)) => {
                        for (n, h) in narrowed.iter().enumerate() {
                            if n % 4096 == 0 && cancelled() {
                                return None;
                            }
                            check(h.item, &mut out);
                        }
                    }
                    None => {
                        for i in 0..index.items.len() {
                            if i % 4096 == 0 && cancelled() {
                                return None;
                            }
                            check(i as u32, &mut out);
                        }
                    }
                }
                if out.len() <= QUICK_LIMIT {
                    for h in &mut out {
                        let hay = &index.items[h.item as usize].hay;
                        h.score = parsed
                            .iter()
                            .map(|t| self.quick.fuzzy_match(hay, t.text).unwrap_or(0))
                            .sum();
                    }
                }
                let out = Arc::new(out);
                self.stack.push((query.to_string(), Arc::clone(&out)));
                out
            }
        };
        Some((self.best(&all, index, &terms), all.len()))
    }

    /// The best `MAX_HITS`, best first; ties go to openings, then to the lower id.
    ///
    /// The quick scores pick a few times more than needed; the full matcher orders those.
    fn best(&self, all: &[Hit], index: &Index, terms: &[&str]) -> Vec<Hit> {
        let key = |h: &Hit| {
            let item = &index.items[h.item as usize];
            (
                std::cmp::Reverse(h.score),
                item.kind == Kind::Engineer,
                item.id,
            )
        };
        let shortlist = MAX_HITS * 4;
        let mut top: Vec<Hit> = all.to_vec();
        if top.len() > shortlist {
            top.select_nth_unstable_by_key(shortlist - 1, key);
            top.truncate(shortlist);
        }
        for h in &mut top {
            let hay = &index.items[h.item as usize].hay;
            h.score = terms
                .iter()
                .map(|t| self.exact.fuzzy_match(hay, t).unwrap_or(0))
                .sum();
        }
        top.sort_unstable_by_key(key);
        top.truncate(MAX_HITS);
        top
    }
}

struct Request {
    generation: u64,
    query: String,
    index: Arc<Index>,
}

/// The search thread: send queries, receive hits; only the latest query is answered.
pub struct Worker {
    tx: Sender<Request>,
    rx: Receiver<Hits>,
    latest: Arc<AtomicU64>,
}

impl Worker {
    pub fn spawn() -> std::io::Result<Worker> {
        let (tx, requests) = mpsc::channel::<Request>();
        let (answers, rx) = mpsc::channel::<Hits>();
        let latest = Arc::new(AtomicU64::new(0));
        let seen = Arc::clone(&latest);
        std::thread::Builder::new()
            .name("benchmatch-search".into())
            .spawn(move || {
                let mut searcher = Searcher::default();
                while let Ok(mut req) = requests.recv() {
                    while let Ok(newer) = requests.try_recv() {
                        req = newer;
                    }
                    let generation = req.generation;
                    let cancelled = || seen.load(Ordering::Relaxed) != generation;
                    if let Some((hits, total)) = searcher.search(&req.index, &req.query, &cancelled)
                    {
                        let sent = answers.send(Hits {
                            generation,
                            query: req.query,
                            hits,
                            total,
                        });
                        if sent.is_err() {
                            break;
                        }
                    }
                }
            })?;
        Ok(Worker { tx, rx, latest })
    }

    pub fn request(&self, generation: u64, query: String, index: Arc<Index>) {
        self.latest.store(generation, Ordering::Relaxed);
        // A dead worker only means no results; the status line will stay as it is.
        let _ = self.tx.send(Request {
            generation,
            query,
            index,
        });
    }

    /// The newest answer that arrived, if any.
    pub fn poll(&self) -> Option<Hits> {
        let mut last = None;
        while let Ok(h) = self.rx.try_recv() {
            last = Some(h);
        }
        last
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index(hays: &[&str]) -> Index {
        Index {
            version: 1,
            items: hays
                .iter()
                .enumerate()
                .map(|(i, h)| Item {
                    kind: Kind::Engineer,
                    id: i as i64,
                    hay: (*h).into(),
                })
                .collect(),
        }
    }

    #[test]
    fn narrowing_gives_the_same_answer_as_a_full_scan() {
        let idx = index(&[
            "佐藤 翔太 品川 Java Spring",
            "鈴木 彩 渋谷 Python AWS",
            "Javaバックエンド開発 丸の内商事 Java",
            "田中 健太 大宮 JavaScript React",
        ]);
        let never = || false;
        let mut inc = Searcher::default();
        let mut answers = Vec::new();
        for q in ["j", "ja", "jav", "java", "java ", "java 品", "java"] {
            answers.push(inc.search(&idx, q, &never).unwrap());
        }
        for (q, got) in ["j", "ja", "jav", "java", "java ", "java 品", "java"]
            .iter()
            .zip(answers)
        {
            let full = Searcher::default().search(&idx, q, &never).unwrap();
            assert_eq!(got, full, "query {q}");
        }
        let (hits, total) = Searcher::default()
            .search(&idx, "java 品川", &never)
            .unwrap();
        assert_eq!((hits.len(), total), (1, 1));
        assert_eq!(hits[0].item, 0);
    }

    #[test]
    fn big_answers_narrow_like_small_ones_and_keep_smart_case() {
        let hays: Vec<String> = (0..20_000)
            .map(|i| {
                format!(
                    "engineer{i} java 品川 {}",
                    if i % 3 == 0 { "Spring" } else { "go" }
                )
            })
            .collect();
        let refs: Vec<&str> = hays.iter().map(String::as_str).collect();
        let idx = index(&refs);
        let never = || false;
        let mut inc = Searcher::default();
        let (_, all) = inc.search(&idx, "e", &never).unwrap();
        assert_eq!(all, 20_000, "more than QUICK_LIMIT: rough scores");
        let narrowed = inc.search(&idx, "es", &never).unwrap();
        let full = Searcher::default().search(&idx, "es", &never).unwrap();
        assert_eq!(narrowed, full);
        assert!(narrowed.0.len() == MAX_HITS);
        let (_, springs) = Searcher::default().search(&idx, "Spring", &never).unwrap();
        assert_eq!(springs, 6_667);
        let (_, none) = Searcher::default().search(&idx, "Java", &never).unwrap();
        assert_eq!(none, 0, "a capital asks for that case");
    }

    #[test]
    fn cancelled_scan_returns_nothing() {
        let idx = index(&["a"; 10]);
        assert!(Searcher::default().search(&idx, "a", &|| true).is_none());
    }
}
