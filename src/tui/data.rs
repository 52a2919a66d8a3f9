//! What the dashboard holds in memory: the pool, the openings and their lookups.
//!
//! Loaded whole once (and again when another process commits), because the
//! scoring core ranks the whole pool on every move; own writes patch it in place.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::domain::{Client, Engineer, Opening};
use crate::geo::Places;
use crate::pipeline::booking::Bookings;
use crate::pipeline::PipelineItem;
use crate::score::Pool;
use crate::store::{Incident, Proposal, StageEvent, Store};

/// One consistent snapshot of the database.
#[derive(Debug, Clone, Default)]
pub struct Data {
    /// The pool the core ranks, ordered by id and prepared once per load (homes,
    /// skills); shared with the ranking thread.
    pub pool: Arc<Pool>,
    /// Newest first, as the store returns them.
    pub openings: Vec<Opening>,
    pub clients: HashMap<i64, Client>,
    pub partners: HashMap<i64, String>,
    pub proposals: Vec<Proposal>,
    /// Every proposal with its opening and engineer, as the pipeline board shows it, by id.
    pub pipeline: Vec<PipelineItem>,
    /// Partner incidents by partner id, shown beside that partner's engineers.
    pub incidents: HashMap<i64, Vec<Incident>>,
    /// Engineers with any assignment: the rest of the free-soon are joining, not ending.
    pub assigned: HashSet<i64>,
    /// Assignments and unsigned offers: the pool's free-from dates already count them;
    /// rankings of other openings say so.
    pub bookings: Bookings,
    /// Each proposal's stage history (dates and notes), by proposal id.
    pub events: HashMap<i64, Vec<StageEvent>>,
    /// Engineers the store left out of `pool` (a load of the active pool alone): stale
    /// partner offers and inactive engineers, never read. Zero when everyone was loaded.
    pub left_out: crate::store::LeftOut,
    /// Other members' live proposals, pulled from the team's hub.
    pub team: Vec<crate::store::sync::TeamProposal>,
}

/// Two snapshots are equal when they hold the same rows (the pool's prepared
/// form follows from its engineers).
impl PartialEq for Data {
    fn eq(&self, other: &Self) -> bool {
        self.engineers() == other.engineers()
            && self.openings == other.openings
            && self.clients == other.clients
            && self.partners == other.partners
            && self.proposals == other.proposals
            && self.pipeline == other.pipeline
            && self.incidents == other.incidents
            && self.assigned == other.assigned
            && self.bookings == other.bookings
            && self.events == other.events
            && self.left_out == other.left_out
            && self.team == other.team
    }
}

impl Data {
    /// Load everything through one connection.
    pub fn load(store: &Store, places: &Places) -> crate::store::Result<Data> {
        let mut engineers = store.load_engineers()?;
        let mut data = Data::load_without_pool(store)?;
        data.bookings.apply(&mut engineers);
        data.pool = Arc::new(Pool::new(engineers, places));
        Ok(data)
    }

    /// Everything but the pool, for a loader that reads the pool on another connection.
    pub fn load_without_pool(store: &Store) -> crate::store::Result<Data> {
        Ok(Data {
            pool: Arc::default(),
            openings: store.load_openings()?,
            clients: store.clients()?,
            partners: store.partner_names()?,
            proposals: store.proposals()?,
            pipeline: store.pipeline()?,
            incidents: store.incidents()?,
            assigned: store.engineers_with_assignments()?,
            bookings: store.load_bookings()?,
            events: store.all_proposal_events()?,
            left_out: Default::default(),
            team: store.team_proposals()?,
        })
    }

    /// The pool's engineers, ordered by id.
    pub fn engineers(&self) -> &[Engineer] {
        self.pool.engineers()
    }

    pub fn is_empty(&self) -> bool {
        self.engineers().is_empty() && self.openings.is_empty()
    }

    /// Position of an engineer in the pool; the pool is sorted by id.
    pub fn engineer_index(&self, id: i64) -> Option<usize> {
        self.engineers().binary_search_by_key(&id, |e| e.id).ok()
    }

    pub fn engineer(&self, id: i64) -> Option<&Engineer> {
        self.engineer_index(id).map(|i| &self.engineers()[i])
    }

    pub fn opening_index(&self, id: i64) -> Option<usize> {
        self.openings.iter().position(|o| o.id == id)
    }

    pub fn opening(&self, id: i64) -> Option<&Opening> {
        self.openings.iter().find(|o| o.id == id)
    }

    pub fn client_of(&self, o: &Opening) -> Option<&Client> {
        o.client_id.and_then(|c| self.clients.get(&c))
    }

    pub fn partner_of(&self, e: &Engineer) -> Option<&str> {
        e.partner_id
            .and_then(|p| self.partners.get(&p))
            .map(String::as_str)
    }

    /// Engineers already proposed for an opening (any revision).
    pub fn proposed_for(&self, opening_id: i64) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .filter(move |p| p.opening_id == opening_id)
    }

    pub fn proposals_of(&self, engineer_id: i64) -> impl Iterator<Item = &Proposal> {
        self.proposals
            .iter()
            .filter(move |p| p.engineer_id == engineer_id)
    }
}

impl Data {
    /// The board's row of a proposal.
    pub fn item(&self, proposal_id: i64) -> Option<&PipelineItem> {
        self.pipeline.iter().find(|p| p.id == proposal_id)
    }

    /// The proposal of an engineer for an opening, if there is one.
    pub fn item_for(&self, opening_id: i64, engineer_id: i64) -> Option<&PipelineItem> {
        self.pipeline
            .iter()
            .find(|p| p.opening_id == opening_id && p.engineer_id == engineer_id)
    }
}
