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
