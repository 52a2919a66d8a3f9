//! Profile checks: inconsistencies to fix before a profile goes out to a client.
//!
//! Each rule is a pure function of the engineer, the assignments and today.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

use super::ChecksConfig;
use crate::domain::{Assignment, Engineer, Man};
use crate::i18n::Lang;
use crate::skills::Taxonomy;

/// Claimed years may be rounded up ("7年" for six and a half): this much is tolerated.
const YEARS_TOLERANCE: f32 = 0.5;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Contradictory: the profile cannot be right as it stands.
    Error,
    /// Missing or stale: worth fixing before it goes out.
    Warning,
}

/// One inconsistency in a profile, as data.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
pub enum Problem {
    /// A skill claims more years than the whole career.
    SkillYearsAboveCareer {
        skill: String,
        years: f32,
        career_years: f32,
    },
    /// The career starts after this year.
    CareerStartInFuture {
        career_start: i32,
    },
    /// Two assignments cover the same days.
    OverlappingAssignments {
        first: i64,
        second: i64,
        from: NaiveDate,
    },
    /// An assignment starts after today.
    FutureAssignment {
        assignment: i64,
        starts_on: NaiveDate,
    },
    /// The free-from date falls inside the current assignment (or it has no end).
    FreeBeforeAssignmentEnd {
        available_from: NaiveDate,
        ends_on: Option<NaiveDate>,
    },
    MissingRate,
    MissingCost,
    MissingStation,
    /// No Latin initials for the pitch: a kanji name with no reading (フリガナ).
    MissingInitials,
    /// We would pay more than the engineer's asking rate brings in.
    CostAboveRate {
        cost: Man,
        rate: Man,
    },
    /// The profile was never checked, or not for `months` months.
    NotChecked {
        last_checked: Option<NaiveDate>,
        months: u32,
    },
}

impl Problem {
    pub fn rule(&self) -> &'static str {
        match self {
            Problem::SkillYearsAboveCareer { .. } => "skill_years_above_career",
            Problem::CareerStartInFuture { .. } => "career_start_in_future",
            Problem::OverlappingAssignments { .. } => "overlapping_assignments",
            Problem::FutureAssignment { .. } => "future_assignment",
            Problem::FreeBeforeAssignmentEnd { .. } => "free_before_assignment_end",
            Problem::MissingRate => "missing_rate",
            Problem::MissingCost => "missing_cost",
            Problem::MissingStation => "missing_station",
            Problem::MissingInitials => "missing_initials",
            Problem::CostAboveRate { .. } => "cost_above_rate",
            Problem::NotChecked { .. } => "not_checked",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Problem::SkillYearsAboveCareer { .. }
            | Problem::CareerStartInFuture { .. }
            | Problem::OverlappingAssignments { .. }
            | Problem::FreeBeforeAssignmentEnd { .. }
            | Problem::CostAboveRate { .. } => Severity::Error,
            _ => Severity::Warning,
        }
    }

    /// One line a rep can act on.
    pub fn render(&self, lang: Lang) -> String {
        let ja = lang == Lang::Ja;
        let y = |v: f32| {
            if v.fract() == 0.0 {
                format!("{v:.0}")
            } else {
                format!("{v:.1}")
            }
        };
        match self {
            Problem::SkillYearsAboveCareer {
                skill,
                years,
                career_years,
            } => {
                if ja {
                    format!(
                        "{skill} {}年: 経験年数 {}年を超えている",
                        y(*years),
                        y(*career_years)
                    )
                } else {
                    format!(
                        "{skill} {} years is more than the {}-year career",
                        y(*years),
                        y(*career_years)
                    )
                }
            }
            Problem::CareerStartInFuture { career_start } => {
                if ja {
                    format!("キャリア開始年 {career_start} が未来")
                } else {
                    format!("career start {career_start} is in the future")
                }
            }
            Problem::OverlappingAssignments {
                first,
                second,
                from,
            } => {
                if ja {
                    format!("稼働 #{first} と #{second} が {from} から重複")
                } else {
                    format!("assignments #{first} and #{second} overlap from {from}")
                }
            }
            Problem::FutureAssignment {
                assignment,
                starts_on,
            } => {
                if ja {
                    format!("稼働 #{assignment} の開始日 {starts_on} が未来")
                } else {
                    format!("assignment #{assignment} starts in the future ({starts_on})")
                }
            }
            Problem::FreeBeforeAssignmentEnd {
                available_from,
                ends_on,
            } => match (ja, ends_on) {
                (true, Some(e)) => format!("稼働可能日 {available_from} が現案件終了 {e} 以前"),
                (true, None) => format!("稼働可能日 {available_from} だが現案件に終了日がない"),
                (false, Some(e)) => {
                    format!("free from {available_from}, but the current assignment ends {e}")
                }
                (false, None) => format!(
                    "free from {available_from}, but the current assignment has no end date"
                ),
            },
            Problem::MissingRate => if ja {
                "希望単価が未登録"
            } else {
                "asking rate missing"
            }
            .into(),
            Problem::MissingCost => if ja {
                "原価が未登録"
            } else {
                "cost missing"
            }
            .into(),
            Problem::MissingStation => if ja {
                "最寄り駅が未登録"
            } else {
                "nearest station missing"
            }
            .into(),
            Problem::MissingInitials => if ja {
                "イニシャル未登録: フリガナを入れるとローマ字で作ります"
            } else {
                "no Latin initials: enter the name reading (フリガナ) to make them"
            }
            .into(),
            Problem::CostAboveRate { cost, rate } => {
                if ja {
                    format!("原価 {cost} が希望単価 {rate} を上回る")
                } else {
                    format!("cost {cost} is above the asking rate {rate}")
                }
            }
            Problem::NotChecked {
                last_checked,
                months,
            } => match (ja, last_checked) {
                (true, Some(d)) => format!("最終確認 {d}: {months}か月以上未確認"),
                (true, None) => "スキルシート未確認".into(),
                (false, Some(d)) => format!("profile last checked {d}, over {months} months ago"),
                (false, None) => "profile never checked".into(),
            },
        }
    }
}

/// Years from 1 January of the career start year to `today`: the most a skill can claim.
fn career_years(career_start: i32, today: NaiveDate) -> f32 {
    match NaiveDate::from_ymd_opt(career_start, 1, 1) {
        Some(d) => ((today - d).num_days() as f32 / 365.25).max(0.0),
        None => 0.0,
    }
}

/// Every problem of one profile, errors first.
pub fn check_engineer(
    e: &Engineer,
    assignments: &[Assignment],
    today: NaiveDate,
    cfg: &ChecksConfig,
    tax: &Taxonomy,
) -> Vec<Problem> {
    let mut out = Vec::new();
    if let Some(cs) = e.career_start {
        if cs > today.year() {
            out.push(Problem::CareerStartInFuture { career_start: cs });
        } else {
            let career = career_years(cs, today);
            for s in &e.skills {
                if s.years > career + YEARS_TOLERANCE {
                    out.push(Problem::SkillYearsAboveCareer {
                        skill: tax.name(s.skill).to_string(),
                        years: s.years,
                        career_years: (career * 10.0).round() / 10.0,
                    });
                }
            }
        }
    }
    let mut sorted: Vec<&Assignment> = assignments.iter().collect();
    sorted.sort_by_key(|a| (a.from, a.id));
    for (i, a) in sorted.iter().enumerate() {
        for b in &sorted[i + 1..] {
            if a.to.is_none_or(|t| t >= b.from) {
                out.push(Problem::OverlappingAssignments {
                    first: a.id,
                    second: b.id,
                    from: b.from,
                });
            }
        }
        if a.from > today {
            out.push(Problem::FutureAssignment {
                assignment: a.id,
                starts_on: a.from,
            });
        }
    }
    // A free-from date in year 9999 is what an open-ended booking (a signed contract with no
    // end) makes of it, not a date someone entered: nothing to fix.
    if let Some(free) = e.available_from.filter(|d| *d < super::booking::NEVER) {
        let current = sorted
            .iter()
            .filter(|a| a.from <= today && a.to.is_none_or(|t| t >= today))
            .max_by_key(|a| a.to.unwrap_or(NaiveDate::MAX));
        // A free-from date before the running assignment began is history (the engineer
        // was free, then signed); only one inside the assignment contradicts it.
        if let Some(a) = current.filter(|a| free >= a.from) {
            if a.to.is_none_or(|t| free <= t) {
                out.push(Problem::FreeBeforeAssignmentEnd {
                    available_from: free,
                    ends_on: a.to,
                });
            }
        }
    }
    if let (Some(cost), Some(rate)) = (e.cost, e.rate) {
        if cost > rate {
            out.push(Problem::CostAboveRate { cost, rate });
        }
    }
    if e.rate.is_none() {
        out.push(Problem::MissingRate);
    }
    if e.cost.is_none() {
        out.push(Problem::MissingCost);
    }
    if e.station.as_deref().is_none_or(|s| s.trim().is_empty()) {
        out.push(Problem::MissingStation);
    }
    if super::pitch::romanised_initials(e).is_none() {
        out.push(Problem::MissingInitials);
    }
    let stale_before = today.checked_sub_months(Months::new(cfg.stale_months));
    // Reading the skill sheet checks the profile as well as a `last_checked` does.
    match e.last_checked.max(e.extra.skill_sheet_checked) {
        None => out.push(Problem::NotChecked {
            last_checked: None,
            months: cfg.stale_months,
        }),
        Some(d) if stale_before.is_some_and(|s| d < s) => out.push(Problem::NotChecked {
            last_checked: Some(d),
            months: cfg.stale_months,
        }),
        Some(_) => {}
    }
    out.sort_by_key(Problem::severity);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::EngineerSkill;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    fn d(s: &str) -> NaiveDate {
        crate::domain::parse_date(s).unwrap()
    }

    fn clean() -> Engineer {
        let tax = Taxonomy::builtin();
        Engineer {
            id: 1,
            name: "山田 太郎".into(),
            initials: "T.Y.".into(),
            station: Some("品川".into()),
            available_from: Some(d("2026-12-01")),
            cost: Some(Man::new(45.0).unwrap()),
            rate: Some(Man::new(65.0).unwrap()),
            foreign: Some(false),
            career_start: Some(2018),
            last_checked: Some(d("2026-10-01")),
            skills: vec![EngineerSkill {
                skill: tax.lookup("Java").unwrap(),
                years: 8.0,
                level: None,
                last_used: None,
            }],
            ..Engineer::default()
        }
    }

    fn asg(id: i64, from: &str, to: Option<&str>) -> Assignment {
        Assignment {
            id,
            engineer_id: 1,
            client_id: None,
            from: d(from),
            to: to.map(d),
        }
    }

    fn rules(e: &Engineer, a: &[Assignment]) -> Vec<&'static str> {
        check_engineer(e, a, today(), &ChecksConfig::default(), Taxonomy::builtin())
            .iter()
            .map(Problem::rule)
            .collect()
    }

    #[test]
    fn a_clean_profile_has_no_problem() {
        let a = [asg(1, "2025-04-01", Some("2026-11-30"))];
        assert!(rules(&clean(), &a).is_empty());
    }

    #[test]
    fn each_rule_fires() {
        type Case = (&'static str, fn(&mut Engineer, &mut Vec<Assignment>));
        let cases: &[Case] = &[
            ("skill_years_above_career", |e, _| e.skills[0].years = 10.0),
            ("career_start_in_future", |e, _| e.career_start = Some(2027)),
            ("overlapping_assignments", |_, a| {
                a.push(asg(2, "2026-06-01", Some("2026-12-31")))
            }),
            ("future_assignment", |_, a| {
                a.push(asg(3, "2027-01-05", None))
            }),
            ("free_before_assignment_end", |e, _| {
                e.available_from = Some(d("2026-11-15"))
            }),
            ("free_before_assignment_end", |_, a| a[0].to = None),
            ("missing_rate", |e, _| e.rate = None),
            ("missing_cost", |e, _| e.cost = None),
            ("missing_station", |e, _| e.station = Some(" ".into())),
            ("missing_initials", |e, _| e.initials = "山.太.".into()),
            ("cost_above_rate", |e, _| e.cost = Man::new(70.0)),
            ("not_checked", |e, _| e.last_checked = None),
            ("not_checked", |e, _| e.last_checked = Some(d("2026-05-25"))),
        ];
        for (rule, mutate) in cases {
            let mut e = clean();
            let mut a = vec![asg(1, "2025-04-01", Some("2026-11-30"))];
            mutate(&mut e, &mut a);
            let got = rules(&e, &a);
            assert!(got.contains(rule), "{rule}: got {got:?}");
        }
    }

    #[test]
    fn a_recent_skill_sheet_read_clears_not_checked_and_a_stale_one_does_not() {
        let mut e = clean();
        e.last_checked = None;
        assert!(rules(&e, &[]).contains(&"not_checked"));
        e.extra.skill_sheet_checked = Some(d("2026-05-25"));
        assert!(rules(&e, &[]).contains(&"not_checked"), "over 6 months old");
        e.extra.skill_sheet_checked = Some(d("2026-11-01"));
        assert!(!rules(&e, &[]).contains(&"not_checked"));
        // An older skill-sheet date does not undo a recent check, nor the reverse.
        e.last_checked = Some(d("2026-01-01"));
        assert!(!rules(&e, &[]).contains(&"not_checked"));
    }

    #[test]
    fn boundaries_do_not_fire() {
        let mut e = clean();
        // 8.9 years since 2018-01-01 plus the rounding tolerance.
        e.skills[0].years = 9.0;
        e.last_checked = Some(d("2026-05-26"));
        e.cost = e.rate;
        let a = [
            asg(1, "2024-01-01", Some("2025-03-31")),
            asg(2, "2025-04-01", Some("2026-11-30")),
        ];
        assert!(rules(&e, &a).is_empty(), "{:?}", rules(&e, &a));
    }

    #[test]
    fn errors_come_first_and_render_in_both_languages() {
        let mut e = clean();
        e.station = None;
        e.cost = Man::new(80.0);
        let p = check_engineer(
            &e,
            &[],
            today(),
            &ChecksConfig::default(),
            Taxonomy::builtin(),
        );
        assert_eq!(p[0].severity(), Severity::Error);
        assert_eq!(
            p[0].render(Lang::En),
            "cost 80万 is above the asking rate 65万"
        );
        assert_eq!(p[0].render(Lang::Ja), "原価 80万 が希望単価 65万 を上回る");
    }
}
