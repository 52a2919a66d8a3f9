//! The requirements editor of an opening (`E`): each requirement with the line it was read
//! from, one key per correction (drop, move to 尚可, rename to a taxonomy skill, join as
//! any-of), then the opening's other terms as labelled fields. Pure state: no drawing, no
//! I/O; the corrections made are kept to be learned when the revision is saved.

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;

use crate::domain::learned::Correction;
use crate::domain::records::{group_spec, parse_group, SkillReq};
use crate::pipeline::revision::Requirements;
use crate::skills::Taxonomy;

use super::input::LineInput;
use super::list::ListState;

/// The opening's terms the form offers below the requirements, in order; the keys
/// `Requirements::set` reads.
pub const REVISE_FIELDS: [&str; 13] = [
    "title",
    "rate_min",
    "rate_max",
    "start",
    "duration",
    "location",
    "remote",
    "interviews",
    "max_depth",
    "freelancer_ok",
    "foreign_ok",
    "age_limit",
    "notes",
];

/// Skills a rename offers at once.
pub const PICK_ROWS: usize = 8;

/// One requirement as the editor lists it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReqRow {
    /// A must group (else a nice item).
    pub must: bool,
    /// `Java:3`, `AWS|Azure:2`: the same syntax as `edit opening --set`.
    pub spec: String,
    /// The posting's line it was read from, when the reading knows it.
    pub source: String,
    /// Chosen with Space, to be joined as any-of.
    pub marked: bool,
}

impl ReqRow {
    /// The names of its alternatives, as written.
    pub fn names(&self) -> Vec<String> {
        parse_group(&self.spec)
            .map(|g| g.into_iter().map(|r| r.name).collect())
            .unwrap_or_else(|_| vec![self.spec.clone()])
    }
}

/// Choosing the taxonomy skill a requirement means.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SkillPick {
    pub input: LineInput,
    pub list: ListState,
    /// Canonical skill names matching the input, best first.
    pub matches: Vec<String>,
}

impl SkillPick {
    /// Match the typed text against every skill's name and aliases, best first.
    pub fn refresh(&mut self, tax: &Taxonomy) {
        let q = self.input.text.trim();
        let m = SkimMatcherV2::default();
        let mut scored: Vec<(i64, usize, String)> = Vec::new();
        for d in tax.defs() {
            let best = std::iter::once(&d.name)
                .chain(d.aliases.iter())
                .filter_map(|n| {
                    if q.is_empty() {
                        Some(0)
                    } else {
                        m.fuzzy_match(n, q)
                    }
                })
                .max();
            if let Some(score) = best {
                scored.push((score, d.name.chars().count(), d.name.clone()));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        self.matches = scored.into_iter().take(50).map(|(_, _, n)| n).collect();
        self.list = ListState::default();
    }
}

/// The requirement editor.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ReviseState {
    pub opening_id: Option<i64>,
    /// The requirements as loaded; edits apply onto them.
    pub base: Requirements,
    pub reqs: Vec<ReqRow>,
    /// One text per [`REVISE_FIELDS`].
    pub values: Vec<String>,
    /// Over the requirement rows, then the field rows.
    pub list: ListState,
    pub editing: Option<LineInput>,
    /// The row being typed is a new requirement (removed again if left empty).
    pub adding: bool,
    pub pick: Option<SkillPick>,
    /// What the rep corrected, learned with the sending firm when the revision is saved.
    pub corrections: Vec<Correction>,
}

fn num(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        v.to_string()
    }
}

/// One field of the requirements as the form shows it (empty when not stated).
pub fn field_text(r: &Requirements, key: &str) -> String {
    let o = |v: &Option<String>| v.clone().unwrap_or_default();
    let n = |v: Option<u8>| v.map(|x| x.to_string()).unwrap_or_default();
    let b = |v: Option<bool>| v.map(|x| x.to_string()).unwrap_or_default();
    match key {
        "title" => r.title.clone(),
        "must" => r.must.join(", "),
        "nice" => r.nice.join(", "),
        "rate_min" => r.rate_min.map(num).unwrap_or_default(),
        "rate_max" => r.rate_max.map(num).unwrap_or_default(),
        "start" => o(&r.start),
        "duration" => o(&r.duration),
        "location" => o(&r.location),
        "remote" => o(&r.remote),
        "interviews" => n(r.interviews),
        "max_depth" => n(r.max_depth),
        "freelancer_ok" => b(r.freelancer_ok),
        "foreign_ok" => b(r.foreign_ok),
        "age_limit" => n(r.age_limit),
        "notes" => r.notes.clone(),
        _ => String::new(),
    }
}

/// A field's value as typed in the form's words (`一部リモート`, `不可`), in the syntax
/// `Requirements::set` reads (`partial`, `false`); anything else as typed, for `set` to judge.
pub fn stored_value(key: &str, typed: &str) -> String {
    let t = typed.trim();
    match key {
        "remote" => match t.to_lowercase().as_str() {
            "フルリモート" | "フル" | "full remote" | "full" => "full".into(),
            "一部リモート" | "一部" | "ハイブリッド" | "partly remote" | "partial" => {
                "partial".into()
            }
            // Not `none`: `set` reads that as clearing the field.
            "常駐" | "出社" | "on site" | "onsite" => "onsite".into(),
            _ => t.to_string(),
        },
        "freelancer_ok" | "foreign_ok" => {
            crate::domain::yes_no(t).map_or_else(|| t.to_string(), |b| b.to_string())
        }
        _ => t.to_string(),
    }
}

/// What a row under the cursor is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Requirement(usize),
    Field(usize),
}

impl ReviseState {
    /// The form for `base`; `lines` gives the posting line each requirement was read from
    /// (by name, as `posting::ParsedPosting::requirement_lines`).
    pub fn new(opening_id: i64, base: Requirements, lines: &[(String, String)]) -> ReviseState {
        let key = crate::skills::normalize_key;
        let source = |spec: &str| -> String {
            let names: Vec<String> = parse_group(spec)
                .map(|g| g.into_iter().map(|r| r.name).collect())
                .unwrap_or_default();
            names
                .iter()
                .find_map(|n| {
                    lines
                        .iter()
                        .find(|(l, _)| key(l) == key(n))
                        .map(|(_, line)| line.trim().to_string())
                })
                .unwrap_or_default()
        };
        let mut reqs: Vec<ReqRow> = Vec::new();
        for (must, list) in [(true, &base.must), (false, &base.nice)] {
            for spec in list {
                reqs.push(ReqRow {
                    must,
                    spec: spec.clone(),
                    source: source(spec),
                    marked: false,
                });
            }
        }
        let values = REVISE_FIELDS.iter().map(|k| field_text(&base, k)).collect();
        ReviseState {
            opening_id: Some(opening_id),
            base,
            reqs,
            values,
            ..ReviseState::default()
        }
    }

    /// Rows in all: requirements, then fields.
    pub fn len(&self) -> usize {
        self.reqs.len() + REVISE_FIELDS.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn row(&self, i: usize) -> Row {
        if i < self.reqs.len() {
            Row::Requirement(i)
        } else {
            Row::Field(i - self.reqs.len())
        }
    }

    /// The requirements with every change applied; the first bad row is the error.
    pub fn build(&self) -> Result<Requirements, (usize, String)> {
        let mut r = self.base.clone();
        r.must = Vec::new();
        r.nice = Vec::new();
        for (i, row) in self.reqs.iter().enumerate() {
            let group = parse_group(&row.spec).map_err(|e| (i, e))?;
            if row.must {
                r.must.push(group_spec(&group));
            } else {
                r.nice.extend(group.iter().map(SkillReq::spec));
            }
        }
        for (j, key) in REVISE_FIELDS.iter().enumerate() {
            let v = self.values.get(j).map(String::as_str).unwrap_or_default();
            if v.trim() == field_text(&self.base, key).trim() {
                continue;
            }
            r.set(&format!("{key}={}", v.trim()))
                .map_err(|e| (self.reqs.len() + j, e))?;
        }
        Ok(r)
    }

    /// Drop requirement `i`: learned as a drop of each of its names.
    pub fn drop_requirement(&mut self, i: usize) {
        if i >= self.reqs.len() {
            return;
        }
        let row = self.reqs.remove(i);
        self.corrections
            .extend(row.names().iter().map(|n| Correction::drop(n)));
    }

    /// Move a must requirement to 尚可 (each alternative a nice item; learned as such), or
    /// a nice one back to must.
    pub fn toggle_nice(&mut self, i: usize) {
        let Some(row) = self.reqs.get(i).cloned() else {
            return;
        };
        if !row.must {
            self.reqs[i].must = true;
            return;
        }
        let group = parse_group(&row.spec).unwrap_or_default();
        let items: Vec<ReqRow> = group
            .iter()
            .map(|r| ReqRow {
                must: false,
                spec: r.spec(),
                source: row.source.clone(),
                marked: false,
            })
            .collect();
        self.corrections
            .extend(group.iter().map(|r| Correction::nice(&r.name)));
        self.reqs.splice(i..=i, items);
    }

    /// Rename requirement `i` (one name) to a taxonomy skill, keeping its years: learned
    /// as an alias of the name as read. False for a group of several alternatives.
    pub fn rename(&mut self, i: usize, skill: &str) -> bool {
        let Some(row) = self.reqs.get_mut(i) else {
            return false;
        };
        let Ok(group) = parse_group(&row.spec) else {
            return false;
        };
        let [one] = group.as_slice() else {
            return false;
        };
        if crate::skills::normalize_key(&one.name) != crate::skills::normalize_key(skill) {
            self.corrections.push(Correction::alias(&one.name, skill));
        }
        row.spec = SkillReq {
            name: skill.to_string(),
            min_years: one.min_years,
        }
        .spec();
        true
    }

    /// Join the marked requirements and `i` into one must group (any one of them), at the
    /// place of the first. False when fewer than two would be joined.
    pub fn join(&mut self, i: usize) -> bool {
        if let Some(r) = self.reqs.get_mut(i) {
            r.marked = true;
        }
        let picked: Vec<usize> = (0..self.reqs.len())
            .filter(|&k| self.reqs[k].marked)
            .collect();
        if picked.len() < 2 {
            for r in &mut self.reqs {
                r.marked = false;
            }
            return false;
        }
        let mut alts: Vec<String> = Vec::new();
        let mut source = String::new();
        for &k in &picked {
            let r = &self.reqs[k];
            alts.push(r.spec.clone());
            if source.is_empty() {
                source = r.source.clone();
            }
        }
        let first = picked[0];
        for &k in picked.iter().rev() {
            self.reqs.remove(k);
        }
        self.reqs.insert(
            first,
            ReqRow {
                must: true,
                spec: alts.join("|"),
                source,
                marked: false,
            },
        );
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> ReviseState {
        let base = Requirements {
            title: "T".into(),
            must: vec![
                "Java:3".into(),
                "業務従事".into(),
                "Windowsサーバ関連:2".into(),
            ],
            nice: vec!["AWS".into()],
            ..Requirements::default()
        };
        let lines = vec![("業務従事".to_string(), "・業務従事経験".to_string())];
        ReviseState::new(1, base, &lines)
    }

    #[test]
    fn each_key_is_one_correction_and_the_build_follows() {
        let mut f = form();
        assert_eq!(f.reqs[1].source, "・業務従事経験");
        f.drop_requirement(1);
        assert!(f.rename(1, "Windows Server"));
        f.toggle_nice(0);
        let r = f.build().unwrap();
        assert_eq!(r.must, vec!["Windows Server:2"]);
        assert_eq!(r.nice, vec!["Java:3", "AWS"]);
        assert_eq!(
            f.corrections,
            vec![
                Correction::drop("業務従事"),
                Correction::alias("Windowsサーバ関連", "Windows Server"),
                Correction::nice("Java"),
            ]
        );
    }

    #[test]
    fn values_typed_in_the_forms_words_are_stored_in_sets_syntax() {
        assert_eq!(stored_value("remote", "一部リモート"), "partial");
        assert_eq!(stored_value("foreign_ok", "不可"), "false");
        assert_eq!(stored_value("freelancer_ok", "ok"), "true");
        assert_eq!(stored_value("location", " 品川 "), "品川");
        let mut f = form();
        f.values[6] = stored_value("remote", "常駐");
        assert_eq!(f.build().unwrap().remote.as_deref(), Some("onsite"));
    }

    #[test]
    fn marked_rows_join_as_any_of() {
        let mut f = form();
        f.reqs[0].marked = true;
        assert!(f.join(3));
        let r = f.build().unwrap();
        assert_eq!(r.must[0], "Java:3|AWS");
        assert!(r.nice.is_empty());
        let mut g = form();
        assert!(!g.join(0), "one row alone is not joined");
    }
}
