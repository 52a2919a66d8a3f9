//! Rankings per opening: computed off the UI thread, kept while they are useful.
//!
//! Ranking the whole pool costs a few milliseconds per opening with 100k
//! engineers (more on a busy machine), and a page of the queue needs dozens, so
//! the queue asks only for the rows in view and the selected opening, a worker
//! thread computes them (the latest request replaces the pending one), and the
//! app keeps per-opening figures (best score, how many pass) for every opening
//! seen but full rankings only for the few it shows.

use std::collections::{HashMap, VecDeque};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::Arc;

use chrono::NaiveDate;

use crate::domain::Opening;
use crate::geo::Places;
use crate::score::{self, Pool, Ranking, ScoringConfig};

/// The two numbers a queue row shows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    pub best: Option<f32>,
    /// Matches only (要相談 and excluded are not counted): the queue's 候補 column.
    pub passing: usize,
}

/// How many full rankings to keep; each holds its excluded list (up to the pool).
const RECENT: usize = 6;

#[derive(Debug, Default)]
pub struct RankCache {
    stats: HashMap<i64, Stats>,
    recent: VecDeque<(i64, Arc<Ranking>)>,
}

impl RankCache {
    /// Keep an arrived ranking: its figures always, the whole list only if `keep`.
    pub fn record(&mut self, id: i64, r: Arc<Ranking>, keep: bool) {
        self.stats.insert(
            id,
            Stats {
                best: r.candidates.first().map(|c| c.score),
                passing: r.matches,
            },
        );
        if keep {
            self.recent.retain(|(i, _)| *i != id);
            self.recent.push_front((id, r));
            self.recent.truncate(RECENT);
        }
    }

    /// A kept ranking (drawing cannot mutate, so this does not touch recency).
    pub fn peek(&self, id: i64) -> Option<&Ranking> {
        self.recent
            .iter()
            .find(|(i, _)| *i == id)
            .map(|(_, r)| r.as_ref())
    }

    /// Mark a kept ranking as just used, so it is the last to go.
    pub fn touch(&mut self, id: i64) {
        if let Some(pos) = self.recent.iter().position(|(i, _)| *i == id) {
            if let Some(hit) = self.recent.remove(pos) {
                self.recent.push_front(hit);
            }
        }
    }

    pub fn stats(&self, id: i64) -> Option<Stats> {
        self.stats.get(&id).copied()
    }

    /// Forget everything: the pool or the day changed.
    pub fn clear(&mut self) {
        self.stats.clear();
        self.recent.clear();
    }
}

/// What a ranking depends on besides the opening.
#[derive(Clone)]
pub struct Job {
    /// The pool version the app had when it asked; older answers are dropped.
    pub pool_version: u64,
    pub today: NaiveDate,
    pub pool: Arc<Pool>,
    /// In the order wanted: the selected opening first, then rows in view.
    pub openings: Vec<Opening>,
    /// When `pool` is the pool without stale partner engineers: the index in the
    /// whole pool of each of its engineers, so answers point into the whole pool.
    pub full_index: Option<Arc<Vec<usize>>>,
}

/// Point a ranking made on a part of the pool at the whole pool's indices.
pub fn remap(r: &mut Ranking, full_index: &[usize]) {
    for c in &mut r.candidates {
        c.index = full_index.get(c.index).copied().unwrap_or(usize::MAX);
    }
    for (i, _) in &mut r.excluded {
        *i = full_index.get(*i).copied().unwrap_or(usize::MAX);
    }
}

/// The active pool (no stale partner engineers, no inactive ones), with the whole pool's
/// index of each.
pub fn fresh_pool(
    pool: &Pool,
    today: NaiveDate,
    cfg: &ScoringConfig,
    places: &Places,
) -> (Arc<Pool>, Arc<Vec<usize>>) {
    let (index, engineers): (Vec<usize>, Vec<_>) = pool
        .engineers()
        .iter()
        .enumerate()
        .filter(|(_, e)| score::in_active_pool(e, today, cfg))
        .map(|(i, e)| (i, e.clone()))
        .unzip();
    (Arc::new(Pool::new(engineers, places)), Arc::new(index))
}

/// One answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub pool_version: u64,
    pub today: NaiveDate,
    pub opening_id: i64,
    pub ranking: Arc<Ranking>,
}

/// Engineers × openings below which ranking in one thread is quicker than spawning more.
const PARALLEL_WORK: usize = 200_000;

/// The scoring settings a ranking is made with.
#[derive(Clone)]
pub struct Settings {
    pub cfg: ScoringConfig,
    pub places: &'static Places,
    pub top: usize,
    /// 要相談 rows kept after the matches (`[dashboard] consider_rows`); the ranking's
    /// `passing - matches` still counts them all.
    pub consider_rows: usize,
}

impl Settings {
    pub fn rank(&self, o: &Opening, pool: &Pool, today: NaiveDate) -> Ranking {
        let mut r = score::rank_pool(o, pool, today, &self.cfg, self.places, Some(self.top));
        // A short 要相談 list is one a rep reads: matches first, then the best few to ask about.
        let mut considered = 0;
        r.candidates.retain(|c| {
            if c.tier != score::Tier::Consider {
                return true;
            }
            considered += 1;
            considered <= self.consider_rows
        });
        // `rank` reserves room for the whole pool; keep only what is used.
        r.candidates.shrink_to_fit();
        r.excluded.shrink_to_fit();
        r
    }

    /// Rank for a job, answering with the whole pool's indices.
    pub fn rank_job(&self, o: &Opening, job: &Job) -> Ranking {
        let mut r = self.rank(o, &job.pool, job.today);
        if let Some(m) = &job.full_index {
            remap(&mut r, m);
        }
        r
    }

    /// Answer a job here and now (the first frame, tests, benchmarks), on every
    /// core when the work is big enough to pay for the threads.
    pub fn answer(&self, job: &Job) -> Vec<Answer> {
        let one = |o: &Opening| Answer {
            pool_version: job.pool_version,
            today: job.today,
            opening_id: o.id,
            ranking: Arc::new(self.rank_job(o, job)),
        };
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        let big = job.pool.len() * job.openings.len() >= PARALLEL_WORK;
        if cores < 2 || !big {
            return job.openings.iter().map(one).collect();
        }
        let chunk = job.openings.len().div_ceil(cores);
        std::thread::scope(|s| {
            let parts: Vec<_> = job
                .openings
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            parts
                .into_iter()
                // A panicking ranking thread loses its rows (they show "…"), nothing else.
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        })
    }
}

/// The ranking thread: a new job replaces the one in progress between openings.
pub struct Worker {
    tx: Sender<Job>,
    rx: Receiver<Answer>,
}

impl Worker {
    pub fn spawn(settings: Settings) -> std::io::Result<Worker> {
        let (tx, jobs) = mpsc::channel::<Job>();
        let (answers, rx) = mpsc::channel::<Answer>();
        std::thread::Builder::new()
            .name("benchmatch-rank".into())
            .spawn(move || {
                let mut next = jobs.recv().ok();
                while let Some(mut job) = next.take() {
                    let mut i = 0;
                    while i < job.openings.len() {
                        match jobs.try_recv() {
                            Ok(newer) => {
                                job = newer;
                                i = 0;
                                continue;
                            }
                            Err(TryRecvError::Disconnected) => return,
                            Err(TryRecvError::Empty) => {}
                        }
                        let o = &job.openings[i];
                        let answer = Answer {
                            pool_version: job.pool_version,
                            today: job.today,
                            opening_id: o.id,
                            ranking: Arc::new(settings.rank_job(o, &job)),
                        };
                        if answers.send(answer).is_err() {
                            return;
                        }
                        i += 1;
                    }
                    next = jobs.recv().ok();
                }
            })?;
        Ok(Worker { tx, rx })
    }

    pub fn request(&self, job: Job) {
        // A dead worker only means rows keep showing "…"; nothing to recover.
        let _ = self.tx.send(job);
    }

    pub fn poll(&self) -> Vec<Answer> {
        let mut out = Vec::new();
        while let Ok(a) = self.rx.try_recv() {
            out.push(a);
        }
        out
    }
}
