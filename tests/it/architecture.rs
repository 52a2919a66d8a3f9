//! The layers point one way: no top-level module of `src/` may depend, directly or through
//! others, on a module that depends back on it. Read from the `crate::` paths in the sources,
//! so the check needs no tool beyond `cargo test`.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Top-level module → the top-level modules its non-test code names through `crate::`.
fn module_graph() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut tops = BTreeSet::new();
    for entry in std::fs::read_dir(&src).expect("src is readable") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let name = name.strip_suffix(".rs").unwrap_or(&name).to_string();
        if name != "lib" && name != "main" {
            tops.insert(name);
        }
    }
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src");
            let first = rel.components().next().expect("a component");
            let top = first.as_os_str().to_string_lossy();
            let top = top.strip_suffix(".rs").unwrap_or(&top).to_string();
            // Unit-test files may reach anywhere; the layers are about shipped code.
            if !tops.contains(&top) || path.file_name().is_some_and(|n| n == "tests.rs") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("source is UTF-8");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            for (i, _) in code.match_indices("crate::") {
                let rest = &code[i + "crate::".len()..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if tops.contains(&name) && name != top {
                    graph.entry(top.clone()).or_default().insert(name);
                }
            }
            graph.entry(top).or_default();
        }
    }
    graph
}

/// A cycle through `start`, if any, as the path of modules.
fn cycle_from(graph: &BTreeMap<String, BTreeSet<String>>, start: &str) -> Option<Vec<String>> {
    let mut stack = vec![(start.to_string(), vec![start.to_string()])];
    let mut seen = BTreeSet::new();
    while let Some((node, path)) = stack.pop() {
        for next in graph.get(&node).into_iter().flatten() {
            if next == start {
                let mut p = path.clone();
                p.push(start.to_string());
                return Some(p);
            }
            if seen.insert(next.clone()) {
                let mut p = path.clone();
                p.push(next.clone());
                stack.push((next.clone(), p));
            }
        }
    }
    None
}

#[test]
fn top_level_modules_have_no_cycles() {
    let graph = module_graph();
    let cycles: Vec<String> = graph
        .keys()
        .filter_map(|m| cycle_from(&graph, m))
        .map(|p| p.join(" → "))
        .collect();
    assert!(cycles.is_empty(), "module cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_pure_core_does_no_io_and_knows_no_front_end() {
    let graph = module_graph();
    let pure = [
        "domain", "skills", "geo", "score", "posting", "offer", "classify", "pipeline",
    ];
    let outer = [
        "store", "ops", "commands", "tui", "cli", "config", "context", "input", "output", "fetch",
        "xlsx",
    ];
    for m in pure {
        for dep in graph.get(m).into_iter().flatten() {
            assert!(
                !outer.contains(&dep.as_str()),
                "{m} (pure) depends on {dep}"
            );
        }
    }
}

/// Every `pub fn NAME(&mut self` of `src/store`: the store's writes (its only `&mut`
/// methods), read from the sources so a new write is covered the day it is added.
fn store_writes() -> BTreeSet<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/store");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("src/store is readable") {
        let text = std::fs::read_to_string(entry.expect("entry").path()).expect("UTF-8");
        let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for (i, _) in flat.match_indices("pub fn ") {
            let rest = &flat[i + "pub fn ".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let args = rest[name.len()..].trim_start();
            let args = args.strip_prefix("<'_>").unwrap_or(args);
            if args.starts_with("(&mut self") || args.starts_with("( &mut self") {
                names.insert(name);
            }
        }
    }
    names
}

/// Calls of store writes in the front ends: `file: store.NAME(` in any spelling of the
/// receiver a front end has (`store`, `self.store`, `ctx.open_store()?`), whitespace
/// and line breaks ignored.
fn front_end_writes() -> BTreeSet<String> {
    let writes = store_writes();
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    let mut stack = vec![src.join("commands"), src.join("tui")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("dir is readable") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("UTF-8");
            let code = text.split("#[cfg(test)]").next().unwrap_or("");
            let flat: String = code.chars().filter(|c| !c.is_whitespace()).collect();
            let rel = path
                .strip_prefix(&src)
                .expect("under src")
                .display()
                .to_string();
            for name in &writes {
                for receiver in ["store.", "store()?.", "store)."] {
                    if flat.contains(&format!("{receiver}{name}(")) {
                        found.insert(format!("{rel}: {name}"));
                    }
                }
            }
        }
    }
    found
}

/// Front-end writes not yet moved into `src/ops`. The list only shrinks: a new write in a
/// front end fails the test, and so does an entry here once its write has moved.
const NOT_YET_IN_OPS: &[&str] = &[];

#[test]
fn the_scan_finds_the_store_writes() {
    // The scan itself must see writes, or the test below would pass by seeing nothing.
    let writes = store_writes();
    for w in [
        "propose_with_note",
        "set_stage",
        "import_all",
        "posting_batch",
    ] {
        assert!(
            writes.contains(w),
            "{w} not read as a store write: {writes:?}"
        );
    }
    assert!(!writes.contains("opening"), "a read taken for a write");
}

#[test]
fn front_ends_write_only_through_ops() {
    let found = front_end_writes();
    let allowed: BTreeSet<String> = NOT_YET_IN_OPS.iter().map(|s| s.to_string()).collect();
    let new: Vec<&String> = found.difference(&allowed).collect();
    assert!(
        new.is_empty(),
        "front ends call store writes; add an ops function and call it instead:\n{new:#?}"
    );
    let moved: Vec<&String> = allowed.difference(&found).collect();
    assert!(
        moved.is_empty(),
        "these writes moved to ops: take them off NOT_YET_IN_OPS:\n{moved:#?}"
    );
}
