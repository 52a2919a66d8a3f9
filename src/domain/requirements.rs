//! What an opening asks of a candidate: must groups of alternatives, and nice skills.
//!
//! Real postings say `Java（3年以上）`, `AWS/Azure いずれか`, `JP1`: a requirement has a
//! name, optional minimum years, and may be one of several alternatives. Names the taxonomy
//! does not know are kept as written, never dropped, and matched by normalized name.

use serde::{Deserialize, Serialize};

use crate::skills::{normalize_key, SkillId, Taxonomy};

/// One acceptable way to meet a requirement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// The taxonomy's skill when it knows the name; `None` keeps an unknown name as written.
    #[serde(skip)]
    pub skill: Option<SkillId>,
    /// The canonical name when known, else the name as the posting wrote it.
    pub name: String,
    /// Minimum years of experience asked (`3年以上` → 3).
    pub min_years: Option<f32>,
}

impl Requirement {
    /// A requirement by name: resolved through the taxonomy when it knows the name.
    pub fn named(name: &str, min_years: Option<f32>, tax: &Taxonomy) -> Self {
        let name = name.trim();
        match tax.lookup(name) {
            Some(id) => Self::known(id, min_years, tax),
            None => Requirement {
                skill: None,
                name: name.to_string(),
                min_years,
            },
        }
    }

    /// A requirement for a skill the taxonomy knows.
    pub fn known(skill: SkillId, min_years: Option<f32>, tax: &Taxonomy) -> Self {
        Requirement {
            skill: Some(skill),
            name: tax.name(skill).to_string(),
            min_years,
        }
    }

    /// The folded name unknown requirements are matched by (width, case, spacing).
    pub fn key(&self) -> String {
        normalize_key(&self.name)
    }

    /// Whether two requirements name the same skill.
    pub fn same_skill(&self, other: &Requirement) -> bool {
        match (self.skill, other.skill) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.key() == other.key(),
            _ => false,
        }
    }
}

/// Every must group is required; any one alternative of a group meets it. Nice is flat.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Requirements {
    pub must: Vec<Vec<Requirement>>,
    pub nice: Vec<Requirement>,
}

impl Requirements {
    pub fn is_empty(&self) -> bool {
        self.must.is_empty() && self.nice.is_empty()
    }

    /// Every alternative of every must group, in order.
    pub fn must_flat(&self) -> impl Iterator<Item = &Requirement> {
        self.must.iter().flatten()
    }

    /// Whether any must alternative names this requirement's skill.
    pub fn has_must(&self, r: &Requirement) -> bool {
        self.must_flat().any(|m| m.same_skill(r))
    }

    /// Add a must group. Repeated alternatives collapse; a group already implied (one of
    /// its alternatives is required on its own) is dropped, and a single requirement drops
    /// the groups it implies. A skill made must leaves the nice list.
    ///
    /// Alternatives are never removed from a group one by one: `Go` and `Go|Rust` is `Go`,
    /// not `Go` and `Rust`.
    pub fn push_must(&mut self, group: Vec<Requirement>) {
        let mut kept: Vec<Requirement> = Vec::with_capacity(group.len());
        for r in group {
            if !kept.iter().any(|k| k.same_skill(&r)) {
                kept.push(r);
            }
        }
        let implied = |g: &[Requirement]| g.len() == 1 && kept.iter().any(|k| k.same_skill(&g[0]));
        if kept.is_empty() || self.must.iter().any(|g| implied(g)) {
            return;
        }
        if let [single] = kept.as_slice() {
            self.must
                .retain(|g| g.len() == 1 || !g.iter().any(|a| a.same_skill(single)));
        }
        self.nice.retain(|n| !kept.iter().any(|k| k.same_skill(n)));
        self.must.push(kept);
    }

    /// Add a nice skill unless it is already asked for.
    pub fn push_nice(&mut self, r: Requirement) {
        if !self.has_must(&r) && !self.nice.iter().any(|n| n.same_skill(&r)) {
            self.nice.push(r);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_names_are_kept_and_matched_by_folded_name() {
        let tax = Taxonomy::builtin();
        let a = Requirement::named("ＴｅｒａＴｅｒｍ Ｍａｃｒｏ", None, tax);
        let b = Requirement::named("teraterm macro", Some(2.0), tax);
        assert_eq!(a.skill, None);
        assert_eq!(a.name, "ＴｅｒａＴｅｒｍ Ｍａｃｒｏ");
        assert!(a.same_skill(&b));
    }

    #[test]
    fn push_must_dedupes_and_moves_skills_out_of_nice() {
        let tax = Taxonomy::builtin();
        let mut r = Requirements::default();
        r.push_nice(Requirement::named("AWS", None, tax));
        r.push_must(vec![Requirement::named("Java", Some(3.0), tax)]);
        r.push_must(vec![
            Requirement::named("AWS", None, tax),
            Requirement::named("aws", None, tax),
            Requirement::named("Azure", None, tax),
        ]);
        // Java alone is required, so "Java or Go" adds nothing; it must not become "Go".
        r.push_must(vec![
            Requirement::named("java", None, tax),
            Requirement::named("Go", None, tax),
        ]);
        r.push_must(vec![Requirement::named("JAVA", None, tax)]);
        assert_eq!(r.must.len(), 2);
        assert_eq!(r.must[1].len(), 2);
        assert!(r.nice.is_empty());
        assert_eq!(r.must[0][0].min_years, Some(3.0));
        // Azure alone makes "AWS or Azure" redundant.
        r.push_must(vec![Requirement::named("Azure", None, tax)]);
        assert_eq!(r.must.len(), 2);
        assert_eq!(r.must[1][0].name, "Azure");
    }
}
