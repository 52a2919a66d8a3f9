//! The pipeline board: every proposal with the flags a rep must not miss.
//!
//! A verbal yes is not a contract: an offer stays flagged `unsigned` until it is
//! signed, and turns `urgent` when the start is near. An engineer proposed to
//! several openings carries the ids of the others on each (`parallel`).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use super::{PipelineConfig, Stage};
use crate::domain::{Affiliation, Man, OpeningStatus, Start};

/// One proposal with what the board shows beside it, as the store loads it.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineItem {
    pub id: i64,
    pub opening_id: i64,
    pub engineer_id: i64,
    /// The opening's revision when the engineer was proposed.
    pub revision: u32,
    /// The opening's revision now.
    pub opening_revision: u32,
    pub stage: Stage,
    /// When the proposal entered its current stage.
    pub stage_at: DateTime<Utc>,
    pub created_at: DateTime<Utc>,
    pub signed_at: Option<DateTime<Utc>>,
    pub rate: Option<Man>,
    pub notes: String,
    /// Interview rounds held so far.
    pub interviews: u32,
    /// For partner engineers: whether the partner confirmed the engineer's commitment.
    pub partner_confirmed: Option<bool>,
    pub opening_title: String,
    pub client: Option<String>,
    pub start: Option<Start>,
    pub opening_status: OpeningStatus,
    pub engineer_name: String,
    pub initials: String,
    pub affiliation: Affiliation,
    pub depth: u8,
    pub partner_id: Option<i64>,
    pub partner: Option<String>,
    /// The opening's upper rate now (a revision may have lowered it).
    pub opening_rate_max: Option<Man>,
    /// The start date agreed at 内定 (`stage … offered --start`), when one was recorded.
    pub start_on: Option<NaiveDate>,
    /// Must groups a later revision added that the engineer meets with no alternative, as
    /// written (`Python:3|Go`); filled by the store for open, unsigned, outdated proposals.
    pub musts_unmet: Vec<String>,
}

impl PipelineItem {
    /// Whether a revision's new terms can still break this proposal: open, unsigned and
    /// made under an older revision.
    pub fn revision_can_break(&self) -> bool {
        self.stage.is_open()
            && self.stage != Stage::Signed
            && self.signed_at.is_none()
            && self.outdated_revision()
    }

    /// The start that holds for this proposal: the one agreed at 内定, else the posting's.
    pub fn start_agreed_or_posted(&self) -> Option<Start> {
        self.start_on.map(Start::Date).or(self.start)
    }

    /// The proposal's rate above the opening's cap now, while it can still change:
    /// (rate, cap). A revision that lowered the cap broke the proposal's terms.
    pub fn rate_above_cap(&self) -> Option<(Man, Man)> {
        let (rate, cap) = (self.rate?, self.opening_rate_max?);
        (self.stage.is_open() && self.signed_at.is_none() && rate.as_f64() > cap.as_f64())
            .then_some((rate, cap))
    }

    /// Proposed under a revision the client has since changed.
    pub fn outdated_revision(&self) -> bool {
        self.revision < self.opening_revision
    }
}

/// What the board flags on one proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Flags {
    /// Offered and not signed: a yes that can still vanish.
    pub unsigned: bool,
    /// Unsigned and the start is `urgent_days` away or closer (or already past).
    pub urgent: bool,
    /// Days from today to the opening's start; negative once it has passed.
    pub days_to_start: Option<i64>,
    /// Ids of the engineer's other open proposals.
    pub parallel: Vec<i64>,
    /// Proposed under an older revision of the opening.
    pub outdated_revision: bool,
    /// A partner's engineer at offer or later whose partner has not confirmed commitment.
    pub partner_unconfirmed: bool,
    /// The proposal's rate is above the opening's cap now: (rate, cap) in 万円.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rate_above_cap: Option<(Man, Man)>,
    /// Must groups a revision added that the engineer does not meet, as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub musts_unmet: Vec<String>,
}

/// Must groups in `now` that `then` did not have (compared as written) which no skill of
/// the engineer meets (`skills`: names with years, the taxonomy's canonical names and those
/// kept as written): what a revision broke. An alternative is met by the same name, folded,
/// with at least its years.
pub fn new_musts_unmet(then: &[String], now: &[String], skills: &[(String, f32)]) -> Vec<String> {
    let had: Vec<String> = skills
        .iter()
        .map(|(n, _)| crate::skills::normalize_key(n))
        .collect();
    let meets = |spec: &str| {
        crate::domain::records::parse_group(spec)
            .unwrap_or_default()
            .iter()
            .any(|alt| {
                let key = crate::skills::normalize_key(&alt.name);
                had.iter().zip(skills).any(|(k, (_, years))| {
                    *k == key && alt.min_years.is_none_or(|min| *years >= min)
                })
            })
    };
    now.iter()
        .filter(|g| !then.contains(g) && !meets(g))
        .cloned()
        .collect()
}

/// Days from `today` to the first day of the start; `immediate` is today.
pub fn days_to_start(start: Option<Start>, today: NaiveDate) -> Option<i64> {
    start.map(|s| (s.first_day(today) - today).num_days())
}

/// The flags of `items[i]`, seeing the whole board for parallel proposals.
pub fn flags(items: &[PipelineItem], i: usize, today: NaiveDate, cfg: &PipelineConfig) -> Flags {
    let item = &items[i];
    let unsigned = item.stage == Stage::Offered;
    let days = days_to_start(item.start_agreed_or_posted(), today);
    Flags {
        unsigned,
        urgent: unsigned && days.is_some_and(|d| d <= cfg.urgent_days),
        days_to_start: days,
        parallel: parallel_of(items, item.id, item.engineer_id),
        outdated_revision: item.outdated_revision(),
        partner_unconfirmed: item.affiliation == Affiliation::Partner
            && matches!(item.stage, Stage::Offered | Stage::Signed)
            && item.partner_confirmed != Some(true),
        rate_above_cap: item.rate_above_cap(),
        musts_unmet: item.musts_unmet.clone(),
    }
}

/// Flags for every item, in the same order.
pub fn flag_all(items: &[PipelineItem], today: NaiveDate, cfg: &PipelineConfig) -> Vec<Flags> {
    (0..items.len())
        .map(|i| flags(items, i, today, cfg))
        .collect()
}

/// The engineer's open proposals other than `proposal_id`, by id.
pub fn parallel_of(items: &[PipelineItem], proposal_id: i64, engineer_id: i64) -> Vec<i64> {
    let mut v: Vec<i64> = items
        .iter()
        .filter(|p| p.engineer_id == engineer_id && p.id != proposal_id && p.stage.is_open())
        .map(|p| p.id)
        .collect();
    v.sort_unstable();
    v
}

/// Which of the engineer's other proposals to withdraw once `proposal_id` is offered or signed.
///
/// A proposal already signed elsewhere is left alone: that is a conflict for a person
/// to settle, not something to withdraw silently.
pub fn to_withdraw(items: &[PipelineItem], proposal_id: i64) -> Vec<i64> {
    let Some(me) = items.iter().find(|p| p.id == proposal_id) else {
        return Vec::new();
    };
    let mut v: Vec<i64> = items
        .iter()
        .filter(|p| {
            p.engineer_id == me.engineer_id
                && p.id != me.id
                && p.stage.is_open()
                && p.stage != Stage::Signed
        })
        .map(|p| p.id)
        .collect();
    v.sort_unstable();
    v
}

/// Display order: urgent first, then other unsigned offers by days left, then by stage and id.
pub fn display_order(items: &[PipelineItem], flags: &[Flags]) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..items.len()).collect();
    idx.sort_by(|&a, &b| {
        let key = |i: usize| {
            (
                !flags[i].urgent,
                !flags[i].unsigned,
                if flags[i].unsigned {
                    flags[i].days_to_start.unwrap_or(i64::MAX)
                } else {
                    0
                },
                items[i].stage,
                items[i].id,
            )
        };
        key(a).cmp(&key(b))
    });
    idx
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use chrono::TimeZone;

    pub(crate) fn item(id: i64, engineer: i64, stage: Stage) -> PipelineItem {
        let at = Utc.with_ymd_and_hms(2026, 11, 1, 9, 0, 0).unwrap();
        PipelineItem {
            id,
            opening_id: id * 10,
            engineer_id: engineer,
            revision: 1,
            opening_revision: 1,
            stage,
            stage_at: at,
            created_at: at,
            signed_at: None,
            rate: Man::new(60.0),
            notes: String::new(),
            interviews: 0,
            partner_confirmed: None,
            opening_title: "Java開発".into(),
            client: Some("A社".into()),
            start: Some(Start::Month {
                year: 2026,
                month: 12,
            }),
            opening_status: OpeningStatus::Proposed,
            engineer_name: "山田 太郎".into(),
            initials: "T.Y.".into(),
            affiliation: Affiliation::Own,
            depth: 0,
            partner_id: None,
            partner: None,
            opening_rate_max: Man::new(70.0),
            start_on: None,
            musts_unmet: Vec::new(),
        }
    }

    #[test]
    fn a_rate_above_the_cap_now_is_flagged_until_signed() {
        let cfg = PipelineConfig::default();
        let mut p = item(1, 7, Stage::Proposed);
        p.rate = Man::new(68.0);
        p.opening_rate_max = Man::new(65.0);
        let f = flags(std::slice::from_ref(&p), 0, today(), &cfg);
        assert_eq!(f.rate_above_cap, Man::new(68.0).zip(Man::new(65.0)));
        p.opening_rate_max = Man::new(70.0);
        assert_eq!(flags(&[p.clone()], 0, today(), &cfg).rate_above_cap, None);
        p.opening_rate_max = Man::new(65.0);
        p.stage = Stage::Declined;
        assert_eq!(flags(&[p], 0, today(), &cfg).rate_above_cap, None);
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
    }

    #[test]
    fn offered_is_unsigned_and_urgent_near_the_start() {
        let cfg = PipelineConfig::default();
        let items = vec![item(1, 7, Stage::Offered)];
        let f = flags(&items, 0, today(), &cfg);
        assert!(f.unsigned);
        assert_eq!(f.days_to_start, Some(5));
        assert!(f.urgent);
        let far = PipelineConfig { urgent_days: 3 };
        assert!(!flags(&items, 0, today(), &far).urgent);
    }

    #[test]
    fn signing_clears_the_flag() {
        let cfg = PipelineConfig::default();
        for stage in [Stage::Signed, Stage::Proposed, Stage::Interviewed] {
            let items = vec![item(1, 7, stage)];
            let f = flags(&items, 0, today(), &cfg);
            assert!(!f.unsigned && !f.urgent, "{stage}");
        }
    }

    #[test]
    fn past_start_is_urgent_and_unknown_start_is_not() {
        let cfg = PipelineConfig::default();
        let mut it = item(1, 7, Stage::Offered);
        it.start = Some(Start::Date(NaiveDate::from_ymd_opt(2026, 11, 20).unwrap()));
        let f = flags(std::slice::from_ref(&it), 0, today(), &cfg);
        assert_eq!(f.days_to_start, Some(-6));
        assert!(f.urgent);
        it.start = None;
        let f = flags(&[it], 0, today(), &cfg);
        assert!(f.unsigned && !f.urgent);
    }

    #[test]
    fn parallel_lists_only_the_engineers_other_open_proposals() {
        let items = vec![
            item(1, 7, Stage::Proposed),
            item(2, 7, Stage::Interview),
            item(3, 7, Stage::Rejected),
            item(4, 8, Stage::Proposed),
            item(5, 7, Stage::Signed),
        ];
        let all = flag_all(&items, today(), &PipelineConfig::default());
        assert_eq!(all[0].parallel, vec![2, 5]);
        assert_eq!(all[2].parallel, vec![1, 2, 5]);
        assert!(all[3].parallel.is_empty());
        assert_eq!(to_withdraw(&items, 2), vec![1]);
        assert!(to_withdraw(&items, 99).is_empty());
    }

    #[test]
    fn outdated_and_partner_flags() {
        let mut it = item(1, 7, Stage::Offered);
        it.opening_revision = 2;
        it.affiliation = Affiliation::Partner;
        it.depth = 1;
        let f = flags(
            std::slice::from_ref(&it),
            0,
            today(),
            &PipelineConfig::default(),
        );
        assert!(f.outdated_revision && f.partner_unconfirmed);
        it.partner_confirmed = Some(true);
        let f = flags(&[it], 0, today(), &PipelineConfig::default());
        assert!(!f.partner_unconfirmed);
    }

    #[test]
    fn urgent_comes_first() {
        let mut far = item(1, 7, Stage::Offered);
        far.start = Some(Start::Month {
            year: 2027,
            month: 3,
        });
        let items = vec![item(3, 9, Stage::Proposed), far, item(2, 8, Stage::Offered)];
        let flags = flag_all(&items, today(), &PipelineConfig::default());
        assert_eq!(display_order(&items, &flags), vec![2, 1, 0]);
    }
}
