//! The rep's corrections, applied after reading: which corrections have become rules for
//! a posting from one firm, and what they change in its requirements.
//!
//! The reader itself is not changed by them; this runs on what it read. A term dropped
//! twice for one firm (on two openings) is not read again from that firm, and not from
//! anyone once three firms have dropped it; a move to 尚可 counts the same way. An alias
//! is used everywhere from the first time it is given.

use std::collections::{BTreeSet, HashMap};

use crate::domain::learned::{CorrectionKind, LearnedRule};
use crate::domain::Requirement;
use crate::skills::{normalize_key, Taxonomy};

use super::ParsedPosting;

/// Openings of one firm on which a term must be corrected before it is a rule for that firm.
pub const FIRM_TIMES: usize = 2;
/// Firms that must have corrected a term before it is a rule for everyone.
pub const ALL_FIRMS: usize = 3;

/// Why a rule is in force for this posting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Corrected on this many openings of the sending firm.
    Firm { firm: String, times: usize },
    /// Corrected by this many firms.
    Firms(usize),
    /// An alias the rep gave (rule id).
    Alias(i64),
}

/// A rule in force: a kind of correction of a term.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InForce {
    pub kind: CorrectionKind,
    pub term: String,
    pub skill: Option<String>,
    pub why: Why,
}

impl InForce {
    /// One line naming the rule, for `parse --explain` and `skills rules`.
    pub fn describe(&self) -> String {
        let why = match &self.why {
            Why::Firm { firm, times } => format!("corrected {times}× for {firm}"),
            Why::Firms(n) => format!("corrected by {n} firms"),
            Why::Alias(id) => format!("rule #{id}"),
        };
        match self.kind {
            CorrectionKind::Drop => format!("drop '{}' ({why})", self.term),
            CorrectionKind::Nice => format!("'{}' only as nice ({why})", self.term),
            CorrectionKind::Alias => format!(
                "'{}' means {} ({why})",
                self.term,
                self.skill.as_deref().unwrap_or("-")
            ),
        }
    }
}

/// What a rule changed in one posting.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// The requirement as read.
    pub read: String,
    pub rule: InForce,
}

/// Every stored correction, ready to answer "what is in force for this firm".
#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<LearnedRule>,
}

impl Rules {
    pub fn new(rules: Vec<LearnedRule>) -> Self {
        Rules { rules }
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    pub fn all(&self) -> &[LearnedRule] {
        &self.rules
    }

    /// The rules in force for a posting sent by `partner` (a partner id), aliases first.
    pub fn in_force(&self, partner: Option<i64>) -> Vec<InForce> {
        let mut out: Vec<InForce> = Vec::new();
        // Aliases: the latest given for a term wins.
        let mut aliases: HashMap<String, &LearnedRule> = HashMap::new();
        for r in self
            .rules
            .iter()
            .filter(|r| r.kind == CorrectionKind::Alias && r.skill.is_some())
        {
            let e = aliases.entry(normalize_key(&r.term)).or_insert(r);
            if (r.at, r.id) > (e.at, e.id) {
                *e = r;
            }
        }
        let mut aliases: Vec<&LearnedRule> = aliases.into_values().collect();
        aliases.sort_by_key(|r| r.id);
        out.extend(aliases.into_iter().map(|r| InForce {
            kind: CorrectionKind::Alias,
            term: r.term.clone(),
            skill: r.skill.clone(),
            why: Why::Alias(r.id),
        }));
        // Drops and moves: counted per firm (distinct openings) and across firms.
        struct Count<'a> {
            first: &'a LearnedRule,
            firms: BTreeSet<i64>,
            here: BTreeSet<i64>,
        }
        let mut counts: Vec<((String, CorrectionKind), Count)> = Vec::new();
        for r in self
            .rules
            .iter()
            .filter(|r| r.kind != CorrectionKind::Alias)
        {
            let key = (normalize_key(&r.term), r.kind);
            let i = match counts.iter().position(|(k, _)| *k == key) {
                Some(i) => i,
                None => {
                    counts.push((
                        key,
                        Count {
                            first: r,
                            firms: BTreeSet::new(),
                            here: BTreeSet::new(),
                        },
                    ));
                    counts.len() - 1
                }
            };
            let c = &mut counts[i].1;
            if let Some(p) = r.partner_id {
                c.firms.insert(p);
                if Some(p) == partner {
                    // An opening corrected twice counts once; a correction with no
                    // opening counts by itself.
                    c.here.insert(r.opening_id.unwrap_or(-r.id));
                }
            }
        }
        for (_, c) in counts {
            let why = if c.firms.len() >= ALL_FIRMS {
                Why::Firms(c.firms.len())
            } else if c.here.len() >= FIRM_TIMES {
                let firm = self
                    .rules
                    .iter()
                    .find(|r| r.partner_id == partner && r.firm.is_some())
                    .and_then(|r| r.firm.clone())
                    .unwrap_or_else(|| format!("partner #{}", partner.unwrap_or_default()));
                Why::Firm {
                    firm,
                    times: c.here.len(),
                }
            } else {
                continue;
            };
            out.push(InForce {
                kind: c.first.kind,
                term: c.first.term.clone(),
                skill: None,
                why,
            });
        }
        out
    }
}

/// Whether a rule's term names this requirement: the same folded name, or the same
/// taxonomy skill.
fn names(term: &str, r: &Requirement, tax: &Taxonomy) -> bool {
    normalize_key(term) == r.key() || r.skill.is_some() && tax.lookup(term) == r.skill
}

/// Apply the rules in force for `partner` to requirements as read; what changed, in order.
pub fn apply(
    rules: &Rules,
    partner: Option<i64>,
    must: &mut Vec<Vec<Requirement>>,
    nice: &mut Vec<Requirement>,
    tax: &Taxonomy,
) -> Vec<Applied> {
    let mut done = Vec::new();
    if rules.is_empty() {
        return done;
    }
    for rule in rules.in_force(partner) {
        match rule.kind {
            CorrectionKind::Alias => {
                let Some(skill) = rule.skill.as_deref() else {
                    continue;
                };
                for r in must.iter_mut().flatten().chain(nice.iter_mut()) {
                    if r.skill.is_none() && names(&rule.term, r, tax) {
                        done.push(Applied {
                            read: r.name.clone(),
                            rule: rule.clone(),
                        });
                        *r = Requirement::named(skill, r.min_years, tax);
                    }
                }
            }
            CorrectionKind::Drop | CorrectionKind::Nice => {
                let mut moved = Vec::new();
                for g in must.iter_mut() {
                    g.retain(|r| {
                        let hit = names(&rule.term, r, tax);
                        if hit {
                            moved.push(r.clone());
                        }
                        !hit
                    });
                }
                must.retain(|g| !g.is_empty());
                if rule.kind == CorrectionKind::Drop {
                    nice.retain(|r| {
                        let hit = names(&rule.term, r, tax);
                        if hit {
                            moved.push(r.clone());
                        }
                        !hit
                    });
                }
                for r in moved {
                    done.push(Applied {
                        read: r.name.clone(),
                        rule: rule.clone(),
                    });
                    if rule.kind == CorrectionKind::Nice && !nice.iter().any(|n| n.same_skill(&r)) {
                        nice.push(r);
                    }
                }
            }
        }
    }
    done
}

/// [`apply`] to a parsed posting, keeping its flat lists in step.
pub fn apply_posting(
    rules: &Rules,
    partner: Option<i64>,
    p: &mut ParsedPosting,
    tax: &Taxonomy,
) -> Vec<Applied> {
    let done = apply(rules, partner, &mut p.must, &mut p.nice, tax);
    if done.is_empty() {
        return done;
    }
    p.must_skills = p.must.iter().flatten().map(|r| r.name.clone()).collect();
    p.nice_skills = p.nice.iter().map(|r| r.name.clone()).collect();
    for a in &done {
        let read = normalize_key(&a.read);
        p.unknown_terms.retain(|t| normalize_key(t) != read);
        if a.rule.kind == CorrectionKind::Alias {
            // The source line stays listed under the new name.
            let new = a.rule.skill.clone().unwrap_or_default();
            let new = tax.lookup(&new).map_or(new, |id| tax.name(id).to_string());
            for (n, _) in p.requirement_lines.iter_mut() {
                if normalize_key(n) == read {
                    *n = new.clone();
                }
            }
        }
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rule(
        id: i64,
        partner: Option<i64>,
        opening: i64,
        term: &str,
        kind: CorrectionKind,
    ) -> LearnedRule {
        LearnedRule {
            id,
            partner_id: partner,
            firm: partner.map(|p| format!("firm{p}")),
            term: term.into(),
            kind,
            skill: (kind == CorrectionKind::Alias).then(|| "Windows Server".to_string()),
            opening_id: Some(opening),
            at: chrono::Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap(),
            by: String::new(),
        }
    }

    fn reqs(tax: &Taxonomy) -> (Vec<Vec<Requirement>>, Vec<Requirement>) {
        (
            vec![
                vec![Requirement::named("Java", Some(3.0), tax)],
                vec![Requirement::named("業務従事", None, tax)],
                vec![Requirement::named("Windowsサーバ関連", Some(2.0), tax)],
            ],
            vec![],
        )
    }

    #[test]
    fn a_drop_needs_two_openings_of_one_firm() {
        let tax = Taxonomy::builtin();
        let once = Rules::new(vec![rule(1, Some(7), 10, "業務従事", CorrectionKind::Drop)]);
        let (mut m, mut n) = reqs(tax);
        assert!(apply(&once, Some(7), &mut m, &mut n, tax).is_empty());
        // The same opening corrected again still counts once.
        let same = Rules::new(vec![
            rule(1, Some(7), 10, "業務従事", CorrectionKind::Drop),
            rule(2, Some(7), 10, "業務従事", CorrectionKind::Drop),
        ]);
        assert!(apply(&same, Some(7), &mut m, &mut n, tax).is_empty());
        let twice = Rules::new(vec![
            rule(1, Some(7), 10, "業務従事", CorrectionKind::Drop),
            rule(2, Some(7), 11, "業務従事", CorrectionKind::Drop),
        ]);
        let done = apply(&twice, Some(7), &mut m, &mut n, tax);
        assert_eq!(done.len(), 1);
        assert_eq!(m.len(), 2);
        // Another firm still reads it.
        let (mut m, mut n) = reqs(tax);
        assert!(apply(&twice, Some(8), &mut m, &mut n, tax).is_empty());
        assert_eq!(m.len(), 3);
    }

    #[test]
    fn three_firms_make_a_drop_global_and_an_alias_is_global_at_once() {
        let tax = Taxonomy::builtin();
        let two = Rules::new(vec![
            rule(1, Some(1), 10, "業務従事", CorrectionKind::Drop),
            rule(2, Some(2), 11, "業務従事", CorrectionKind::Drop),
        ]);
        let (mut m, mut n) = reqs(tax);
        assert!(apply(&two, None, &mut m, &mut n, tax).is_empty());
        let three = Rules::new(vec![
            rule(1, Some(1), 10, "業務従事", CorrectionKind::Drop),
            rule(2, Some(2), 11, "業務従事", CorrectionKind::Drop),
            rule(3, Some(3), 12, "業務従事", CorrectionKind::Drop),
            rule(4, Some(1), 10, "windowsサーバ関連", CorrectionKind::Alias),
        ]);
        let done = apply(&three, Some(9), &mut m, &mut n, tax);
        assert_eq!(done.len(), 2, "{done:?}");
        assert_eq!(done[1].rule.why, Why::Firms(3));
        assert_eq!(m.len(), 2);
        assert_eq!(
            m[1][0].name,
            tax.name(tax.lookup("Windows Server").unwrap())
        );
        assert_eq!(m[1][0].min_years, Some(2.0));
    }

    #[test]
    fn a_move_to_nice_keeps_the_requirement() {
        let tax = Taxonomy::builtin();
        let r = Rules::new(vec![
            rule(1, Some(7), 10, "JAVA", CorrectionKind::Nice),
            rule(2, Some(7), 11, "java", CorrectionKind::Nice),
        ]);
        let (mut m, mut n) = reqs(tax);
        apply(&r, Some(7), &mut m, &mut n, tax);
        assert_eq!(m.len(), 2);
        assert_eq!(n.len(), 1);
        assert_eq!(n[0].min_years, Some(3.0));
    }
}
