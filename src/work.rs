//! A per-thread tally of reading steps, so tests check that a reader stays linear by
//! counting its work instead of timing it (timings belong to benches: `benches/`).
//!
//! Readers add to it where their work grows with the input: the classifier's `read` adds
//! the bytes it reads, and every pass over an offer's labelled values adds one step per
//! value visited. A search per line, or a re-reading per fragment, shows as a count
//! that grows with the square of the input.
use std::cell::Cell;

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

/// Add `n` steps to this thread's tally.
pub fn step(n: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
}

/// Run `f` and return its result with the steps it took on this thread.
pub fn counted<T>(f: impl FnOnce() -> T) -> (T, u64) {
    let before = STEPS.with(Cell::get);
    let out = f();
    let after = STEPS.with(Cell::get);
    (out, after.saturating_sub(before))
}

#[cfg(test)]
mod tests {
    #[test]
    fn steps_are_counted_inside_only() {
        super::step(5);
        let ((), n) = super::counted(|| super::step(3));
        assert_eq!(n, 3);
    }
}
