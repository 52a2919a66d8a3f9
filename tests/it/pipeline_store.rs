//! The pipeline on the store: stages, parallel proposals, answers, revisions, clients, partners.

use benchmatch::domain::{Man, OpeningStatus};
use benchmatch::pipeline::board::flag_all;
use benchmatch::pipeline::revision::Requirements;
use benchmatch::pipeline::{PipelineConfig, Stage, StageError};
use benchmatch::skills::Taxonomy;
use benchmatch::store::{
    EngineerRecord, OpeningRecord, ProposalError, StageChange, Store, StoreError,
};
use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use serde_json::json;

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 20, 1, 0, 0).unwrap()
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 26).unwrap()
}

/// Two own engineers, one partner engineer, three openings.
fn store() -> Store {
    let tax = Taxonomy::builtin();
    let mut s = Store::open_in_memory(tax).unwrap();
    let engineers: Vec<(usize, EngineerRecord)> = [
        json!({"id": 1, "name": "山田 太郎", "affiliation": "own", "station": "品川",
               "cost": 45, "rate": 65, "available_from": "2026-12-01", "career_start": 2015,
               "last_checked": "2026-11-01", "notes": "所感: 決済に強い",
               "skills": [{"name": "Java", "years": 8}, {"name": "AWS", "years": 3}]}),
        json!({"id": 2, "name": "佐藤 花子", "affiliation": "own", "station": "渋谷",
               "cost": 40, "rate": 60, "available_from": "2026-11-01", "career_start": 2019,
               "skills": [{"name": "Java", "years": 5}]}),
        json!({"id": 3, "name": "鈴木 一郎", "affiliation": "partner", "partner": "BPテック",
               "depth": 1, "cost": 55, "rate": 62, "available_from": "2026-12-01",
               "skills": [{"name": "Java", "years": 6}, {"name": "PHP", "years": 2}]}),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, v)| (i + 1, serde_json::from_value(v).unwrap()))
    .collect();
    s.import_engineers(&engineers, tax).unwrap();
    let openings: Vec<(usize, OpeningRecord)> = [
        json!({"id": 1, "title": "決済 Java", "client": "A商事", "client_rank": "A",
               "received_at": "2026-11-20T01:00:00Z", "rate_min": 60, "rate_max": 70,
               "start": "2026-12", "max_depth": 1,
               "must": [{"name": "Java", "min_years": 3}], "nice": [{"name": "AWS"}]}),
        json!({"id": 2, "title": "EC Java", "client": "B物産", "client_rank": "C",
               "received_at": "2026-11-21T01:00:00Z", "rate_max": 75, "start": "2027-02",
               "must": [{"name": "Java"}]}),
        json!({"id": 3, "title": "PHP保守", "received_at": "2026-11-22T01:00:00Z",
               "rate_max": 60, "start": "immediate", "must": [{"name": "PHP"}]}),
    ]
    .into_iter()
    .enumerate()
    .map(|(i, v)| (i + 1, serde_json::from_value(v).unwrap()))
    .collect();
    s.import_openings(&openings, tax, t0()).unwrap();
    s
}

fn to(stage: Stage) -> StageChange {
    StageChange {
        to: Some(stage),
        ..StageChange::default()
    }
}

#[test]
fn a_proposal_walks_to_started_with_every_change_recorded() {
    let mut s = store();
    let id = s.propose(1, 1, Man::new(66.0), t0()).unwrap();
    let o = s.opening(1).unwrap();
    assert_eq!(
        o.answered_at,
        Some(t0()),
        "the first proposal answers the opening"
    );
    assert_eq!(o.status, OpeningStatus::Proposed);
    let mut at = t0();
    for (stage, note) in [
        (Stage::Interview, "12/1 web"),
        (Stage::Interviewed, "1次: 好感触"),
        (Stage::Interview, "2次 12/3"),
        (Stage::Interviewed, "2次: 合格"),
        (Stage::Offered, ""),
    ] {
        at += Duration::hours(1);
        let change = StageChange {
            note: note.into(),
            ..to(stage)
        };
        s.set_stage(id, &change, at).unwrap();
    }
    let board = s.pipeline().unwrap();
    let flags = flag_all(&board, today(), &PipelineConfig::default());
    assert!(flags[0].unsigned && flags[0].urgent, "{:?}", flags[0]);
    assert_eq!(flags[0].days_to_start, Some(5));
    assert_eq!(board[0].interviews, 2);
    s.set_stage(id, &to(Stage::Signed), at + Duration::hours(1))
        .unwrap();
    let item = s.pipeline_item(id).unwrap();
    assert_eq!(item.signed_at, Some(at + Duration::hours(1)));
    assert!(!flag_all(&[item], today(), &PipelineConfig::default())[0].unsigned);
    assert_eq!(s.opening(1).unwrap().status, OpeningStatus::Won);
    s.set_stage(id, &to(Stage::Started), at + Duration::hours(2))
        .unwrap();
    let events = s.proposal_events(id).unwrap();
    let stages: Vec<Stage> = events.iter().map(|e| e.stage).collect();
    assert_eq!(
        stages,
        vec![
            Stage::Proposed,
            Stage::Interview,
            Stage::Interviewed,
            Stage::Interview,
            Stage::Interviewed,
            Stage::Offered,
            Stage::Signed,
            Stage::Started
        ]
    );
    assert_eq!(events[2].note, "1次: 好感触");
    assert!(events.windows(2).all(|w| w[0].at <= w[1].at));
}

#[test]
fn illegal_moves_write_nothing() {
    let mut s = store();
    let id = s.propose(1, 1, None, t0()).unwrap();
    let e = s.set_stage(id, &to(Stage::Signed), t0()).unwrap_err();
    assert!(matches!(
        e,
        StoreError::Proposal(ProposalError::Move {
            source: StageError::Illegal { .. },
            ..
        })
    ));
    assert!(
        e.to_string()
            .contains("cannot move from proposed to signed"),
        "{e}"
    );
    assert_eq!(s.pipeline_item(id).unwrap().stage, Stage::Proposed);
    assert_eq!(s.proposal_events(id).unwrap().len(), 1);
    s.set_stage(id, &to(Stage::Withdrawn), t0()).unwrap();
    let e = s.set_stage(id, &to(Stage::Offered), t0()).unwrap_err();
    assert!(e.to_string().contains("withdrawn is final"), "{e}");
    assert!(s.set_stage(99, &to(Stage::Offered), t0()).is_err());
    let e = s.propose(1, 1, None, t0()).unwrap_err();
    assert!(e.to_string().contains("already proposed"), "{e}");
}

#[test]
fn an_offer_lists_the_parallel_proposals_and_withdraws_them_in_one_step() {
    let mut s = store();
    let a = s.propose(1, 3, None, t0()).unwrap();
    let b = s.propose(2, 3, None, t0()).unwrap();
    let c = s.propose(3, 3, None, t0()).unwrap();
    let other = s.propose(2, 2, None, t0()).unwrap();
    let board = s.pipeline().unwrap();
    let flags = flag_all(&board, today(), &PipelineConfig::default());
    assert_eq!(flags[0].parallel, vec![b, c]);
    assert!(flags[3].parallel.is_empty());

    // Without the flag the others are only listed.
    let out = s.set_stage(a, &to(Stage::Offered), t0()).unwrap();
    assert_eq!(out.to_withdraw, vec![b, c]);
    assert!(out.withdrawn.is_empty());
    assert_eq!(s.pipeline_item(b).unwrap().stage, Stage::Proposed);

    // `--withdraw-others` on the offered proposal withdraws them together.
    let change = StageChange {
        withdraw_others: true,
        ..StageChange::default()
    };
    let out = s.set_stage(a, &change, t0()).unwrap();
    assert_eq!(out.withdrawn, vec![b, c]);
    for id in [b, c] {
        assert_eq!(s.pipeline_item(id).unwrap().stage, Stage::Withdrawn);
    }
    assert_eq!(s.pipeline_item(other).unwrap().stage, Stage::Proposed);
    let board = s.pipeline().unwrap();
    let flags = flag_all(&board, today(), &PipelineConfig::default());
    assert!(
        flags[0].parallel.is_empty(),
        "withdrawn ones are not parallel"
    );
}

#[test]
fn withdrawing_others_needs_an_offer() {
    let mut s = store();
    let a = s.propose(1, 3, None, t0()).unwrap();
    s.propose(2, 3, None, t0()).unwrap();
    let change = StageChange {
        withdraw_others: true,
        ..StageChange::default()
    };
    let e = s.set_stage(a, &change, t0()).unwrap_err();
    assert!(e.to_string().contains("offered or signed"), "{e}");
    let e = s
        .set_stage(
            a,
            &StageChange {
                withdraw_others: true,
                ..to(Stage::Interview)
            },
            t0(),
        )
        .unwrap_err();
    assert!(e.to_string().contains("not interview"), "{e}");
    assert_eq!(s.pipeline_item(a).unwrap().stage, Stage::Proposed);
    let e = s.set_stage(a, &StageChange::default(), t0()).unwrap_err();
    assert!(e.to_string().contains("give a STAGE"), "{e}");
}

#[test]
fn partner_commitment_is_recorded_for_partner_engineers_only() {
    let mut s = store();
    let own = s.propose(1, 1, None, t0()).unwrap();
    let bp = s.propose(1, 3, None, t0()).unwrap();
    let confirm = StageChange {
        partner_confirmed: true,
        ..StageChange::default()
    };
    let e = s.set_stage(own, &confirm, t0()).unwrap_err();
    assert!(e.to_string().contains("partner engineers"), "{e}");
    s.set_stage(bp, &to(Stage::Offered), t0()).unwrap();
    let flags = |s: &Store| {
        let board = s.pipeline().unwrap();
        let i = board.iter().position(|p| p.id == bp).unwrap();
        flag_all(&board, today(), &PipelineConfig::default())[i].clone()
    };
    assert!(flags(&s).partner_unconfirmed);
    s.set_stage(bp, &confirm, t0()).unwrap();
    assert!(!flags(&s).partner_unconfirmed);
    assert_eq!(s.pipeline_item(bp).unwrap().partner_confirmed, Some(true));
    assert_eq!(s.pipeline_item(bp).unwrap().stage, Stage::Offered);
}

#[test]
fn none_available_is_a_first_answer() {
    let mut s = store();
    let later = t0() + Duration::hours(5);
    s.answer_none(3, later).unwrap();
    let o = s.opening(3).unwrap();
    assert_eq!(o.answered_at, Some(later));
    assert_eq!(o.status, OpeningStatus::Answered);
    let e = s.answer_none(3, later).unwrap_err();
    assert!(e.to_string().contains("already answered"), "{e}");
    s.propose(3, 3, None, later + Duration::hours(1)).unwrap();
    assert_eq!(s.opening(3).unwrap().answered_at, Some(later));
    let (openings, _) = s.response_facts().unwrap();
    let f = openings.iter().find(|o| o.id == 3).unwrap();
    assert!(f.answered_none);
    assert!(s.answer_none(42, later).is_err());
}

#[test]
fn response_facts_feed_stats() {
    let mut s = store();
    let a = s.propose(1, 1, None, t0() + Duration::hours(2)).unwrap();
    s.propose(1, 2, None, t0() + Duration::hours(3)).unwrap();
    s.set_stage(a, &to(Stage::Interview), t0()).unwrap();
    s.set_stage(a, &to(Stage::Rejected), t0()).unwrap();
    let (openings, proposals) = s.response_facts().unwrap();
    let st = benchmatch::pipeline::stats::compute(
        &openings,
        &proposals,
        None,
        t0() + Duration::days(3),
        24,
        &Default::default(),
    );
    assert_eq!(st.overall.openings, 3);
    assert_eq!(st.overall.answered, 1);
    assert_eq!(st.overall.median_response_hours, Some(2.0));
    assert_eq!(
        st.overall.interview_rate,
        Some(0.5),
        "a rejection after the interview still counts"
    );
    let a_rank = st.by_rank.iter().find(|b| b.key == "A").unwrap();
    assert_eq!(a_rank.proposals, 2);
}

#[test]
fn a_revision_keeps_the_old_one_and_marks_older_proposals() {
    let tax = Taxonomy::builtin();
    let mut s = store();
    let p = s.propose(1, 1, None, t0()).unwrap();
    let mut r = s.requirements(1, tax).unwrap();
    assert_eq!(r.must, vec!["Java:3"]);
    r.set("must=java:5,AWS").unwrap();
    r.set("rate_max=75").unwrap();
    let later = t0() + Duration::days(1);
    let rev = s
        .revise_opening(1, &r, "alice", tax, later)
        .unwrap()
        .unwrap();
    assert_eq!(rev.revision, 2);
    assert_eq!(rev.before.revision, 1);
    assert_eq!(s.opening(1).unwrap().revision, 2);
    assert_eq!(s.opening(1).unwrap().rate_max, Man::new(75.0));
    let revs = s.revisions(1, tax).unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[0].requirements.must, vec!["Java:3"]);
    assert_eq!(revs[1].requirements.must, vec!["Java:5", "AWS"]);
    assert_eq!(revs[1].changed_by, "alice");
    let changes = revs[0].requirements.diff(&revs[1].requirements);
    assert!(changes.iter().any(|c| c.field == "rate_max"));
    assert!(s.pipeline_item(p).unwrap().outdated_revision());
    let fresh = s.propose(1, 2, None, later).unwrap();
    assert!(!s.pipeline_item(fresh).unwrap().outdated_revision());

    // The same requirements again (case aside) are no change.
    r.set("must=Java:5,aws").unwrap();
    assert!(s
        .revise_opening(1, &r, "alice", tax, later)
        .unwrap()
        .is_none());
    assert_eq!(s.revisions(1, tax).unwrap().len(), 2);
}

#[test]
fn an_invalid_revision_writes_nothing() {
    let tax = Taxonomy::builtin();
    let mut s = store();
    let before = s.opening(1).unwrap();
    for bad in [
        "rate_min=90",
        "max_depth=9",
        "remote=sometimes",
        "start=someday",
    ] {
        let mut r: Requirements = s.requirements(1, tax).unwrap();
        r.set(bad).unwrap();
        let e = s.revise_opening(1, &r, "", tax, t0()).unwrap_err();
        assert!(e.to_string().starts_with("opening 1:"), "{bad}: {e}");
    }
    assert_eq!(s.opening(1).unwrap(), before);
    assert_eq!(s.revisions(1, tax).unwrap().len(), 1);
}

#[test]
fn clients_carry_rank_expected_rank_and_relationship() {
    use benchmatch::domain::Rank;
    let mut s = store();
    let (id, created) = s
        .set_client(
            "B物産",
            Some(Rank::B),
            Some(Rank::A),
            Some("2025年に2名参画"),
        )
        .unwrap();
    assert!(!created);
    let (_, created) = s.set_client("新規商事", None, None, None).unwrap();
    assert!(created);
    let list = s.client_list().unwrap();
    assert_eq!(list[0].name, "A商事", "best rank first");
    let b = list.iter().find(|c| c.id == id).unwrap();
    assert_eq!((b.rank, b.rank_expected), (Some(Rank::B), Some(Rank::A)));
    assert_eq!(b.relationship, "2025年に2名参画");
    s.set_client("B物産", None, None, None).unwrap();
    let b = s
        .client_list()
        .unwrap()
        .into_iter()
        .find(|c| c.id == id)
        .unwrap();
    assert_eq!(b.rank, Some(Rank::B), "unset fields keep their value");
    assert!(s.set_client("  ", None, None, None).is_err());
}

#[test]
fn incidents_belong_to_a_known_partner() {
    let mut s = store();
    let e = s.add_incident("Nowhere", "x", t0()).unwrap_err();
    assert!(e.to_string().contains("partners: BPテック"), "{e}");
    s.add_incident("bpテック", "着任前に要員差し替え", t0())
        .unwrap();
    assert!(s.add_incident("BPテック", "  ", t0()).is_err());
    let list = s.partner_list().unwrap();
    assert_eq!(list[0].engineers, 1);
    assert_eq!(list[0].incidents[0].text, "着任前に要員差し替え");
    let (_, created) = s.set_partner("BPテック", Some("営業 田中"), None).unwrap();
    assert!(!created);
    assert_eq!(s.partner_list().unwrap()[0].contact, "営業 田中");
}

#[test]
fn an_ng_client_is_matched_against_the_client_record_not_the_text() {
    let s = store();
    let o = s.opening(1).unwrap();
    assert_eq!(o.client.as_deref(), Some("A商事"));
    assert_eq!(s.opening(3).unwrap().client, None);
    let mut engineers = s.load_engineers().unwrap();
    let ranked = |engineers: &[benchmatch::domain::Engineer], id: i64| {
        let o = s.opening(id).unwrap();
        let cfg = benchmatch::score::ScoringConfig::default();
        let places = benchmatch::geo::Places::builtin();
        let r = benchmatch::score::rank(&o, engineers, today(), &cfg, places, None);
        r.candidates.iter().map(|c| c.id).collect::<Vec<_>>()
    };
    assert!(ranked(&engineers, 1).contains(&2));
    // 佐藤 will not work for A商事: the client of #1, written another way.
    let sato = engineers.iter_mut().find(|e| e.id == 2).unwrap();
    sato.ng = vec!["(株)A商事".into()];
    assert!(!ranked(&engineers, 1).contains(&2));
    assert!(ranked(&engineers, 2).contains(&2));
}

#[test]
fn signing_books_from_the_start_agreed_at_offer() {
    let mut s = store();
    let id = s.propose(1, 1, Man::new(65.0), t0()).unwrap();
    let agreed = NaiveDate::from_ymd_opt(2026, 12, 14).unwrap();
    let early = StageChange {
        to: Some(Stage::Interview),
        start_on: Some(agreed),
        ..StageChange::default()
    };
    assert!(s.set_stage(id, &early, t0()).is_err());
    s.set_stage(id, &to(Stage::Interview), t0()).unwrap();
    s.set_stage(id, &to(Stage::Interviewed), t0()).unwrap();
    let offer = StageChange {
        to: Some(Stage::Offered),
        start_on: Some(agreed),
        ..StageChange::default()
    };
    s.set_stage(id, &offer, t0()).unwrap();
    assert_eq!(s.pipeline_item(id).unwrap().start_on, Some(agreed));
    let events = s.proposal_events(id).unwrap();
    assert!(
        events.iter().any(|e| e.note == "start 2026-12-14"),
        "{events:?}"
    );
    // The opening says 2026-12 (the 1st); the booking starts on the agreed day.
    s.set_stage(id, &to(Stage::Signed), t0()).unwrap();
    let b = s.bookings().unwrap();
    let booked = b.iter().find(|b| b.proposal_id == Some(id)).unwrap();
    assert_eq!(booked.from, agreed);
    // A new agreed start after signing moves the booking with it.
    let later = NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
    let change = StageChange {
        start_on: Some(later),
        ..StageChange::default()
    };
    s.set_stage(id, &change, t0()).unwrap();
    let b = s.bookings().unwrap();
    assert_eq!(
        b.iter().find(|b| b.proposal_id == Some(id)).unwrap().from,
        later
    );
}

#[test]
fn a_revision_adding_a_must_flags_the_unsigned_proposals_that_miss_it() {
    let tax = Taxonomy::builtin();
    let mut s = store();
    let yamada = s.propose(1, 1, None, t0()).unwrap(); // Java 8, AWS 3
    let sato = s.propose(1, 2, None, t0()).unwrap(); // Java 5
    let suzuki = s.propose(1, 3, None, t0()).unwrap(); // Java 6, PHP 2
    let musts = |s: &Store, id: i64| s.pipeline_item(id).unwrap().musts_unmet;
    assert!(musts(&s, sato).is_empty());
    // 鈴木 goes to 内定 and 契約 first: a signed proposal is the contract's, never flagged.
    s.set_stage(suzuki, &to(Stage::Offered), t0()).unwrap();
    s.set_stage(suzuki, &to(Stage::Signed), t0()).unwrap();
    let mut r = s.requirements(1, tax).unwrap();
    r.set("must=Java:6,AWS:2|Azure,PHP").unwrap();
    let later = t0() + Duration::days(1);
    s.revise_opening(1, &r, "alice", tax, later)
        .unwrap()
        .unwrap();
    assert_eq!(musts(&s, yamada), vec!["PHP"]);
    assert_eq!(musts(&s, sato), vec!["Java:6", "AWS:2|Azure", "PHP"]);
    assert!(musts(&s, suzuki).is_empty(), "signed");
    // The board flags carry it, like the rate above the cap.
    let board = s.pipeline().unwrap();
    let flags = flag_all(&board, today(), &PipelineConfig::default());
    let at = board.iter().position(|p| p.id == yamada).unwrap();
    assert_eq!(flags[at].musts_unmet, vec!["PHP"]);
    // A proposal made under the new revision is judged by the ranking, not flagged.
    let fresh = s.propose(2, 2, None, later).unwrap();
    assert!(musts(&s, fresh).is_empty());
}
