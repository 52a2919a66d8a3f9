//! Versioned migrations, append-only: each entry is applied once, in order, in one transaction.

/// A new UUIDv7 in SQL: the milliseconds since the epoch, the version, random bits.
macro_rules! uuid7_sql {
    () => {
        "lower(substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 1, 8) || '-' || substr(printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)), 9, 4) || '-7' || substr(hex(randomblob(2)), 2, 3) || '-' || substr('89ab', 1 + abs(random() % 4), 1) || substr(hex(randomblob(2)), 2, 3) || '-' || hex(randomblob(6)))"
    };
}

/// The time a change is queued at, as the hub compares it.
macro_rules! now_sql {
    () => {
        "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    };
}

/// A shared table's global id: a column, filled for the rows already there, unique.
#[rustfmt::skip]
macro_rules! shared_row_identity {
    ($t:literal) => {
        concat!(
            "ALTER TABLE ", $t, " ADD COLUMN gid TEXT;\n",
            "UPDATE ", $t, " SET gid = ", uuid7_sql!(), ";\n",
            "CREATE UNIQUE INDEX ", $t, "_gid ON ", $t, "(gid);\n",
        )
    };
}

/// Every row of a shared table queued for the hub, once, when team sync arrives.
#[rustfmt::skip]
macro_rules! queue_every_row {
    ($t:literal) => {
        concat!(
            "INSERT INTO sync_queue (tbl, gid, at) SELECT '", $t, "', gid, ", now_sql!(),
            " FROM ", $t, ";\n",
        )
    };
}

/// A shared table's team-sync triggers: a new row gets its global id and is queued; an
/// update (`$update_when` narrows which) and a delete are queued; none while muted.
#[rustfmt::skip]
macro_rules! shared_row_triggers {
    ($t:literal, $update_when:literal) => {
        concat!(
            "CREATE TRIGGER ", $t, "_sync_insert AFTER INSERT ON ", $t, "\nBEGIN\n",
            "    UPDATE ", $t, " SET gid = ", uuid7_sql!(), "\n",
            "        WHERE id = NEW.id AND gid IS NULL;\n",
            "    INSERT INTO sync_queue (tbl, gid, at)\n",
            "        SELECT '", $t, "', gid, ", now_sql!(), " FROM ", $t,
            " WHERE id = NEW.id AND NOT EXISTS (SELECT 1 FROM sync_mute);\nEND;\n",
            "CREATE TRIGGER ", $t, "_sync_update AFTER UPDATE ON ", $t, "\n",
            "WHEN OLD.gid IS NOT NULL", $update_when, " AND NOT EXISTS (SELECT 1 FROM sync_mute)\n",
            "BEGIN INSERT INTO sync_queue (tbl, gid, at) VALUES ('", $t, "', NEW.gid, ", now_sql!(), "); END;\n",
            "CREATE TRIGGER ", $t, "_sync_delete AFTER DELETE ON ", $t, "\n",
            "WHEN OLD.gid IS NOT NULL AND NOT EXISTS (SELECT 1 FROM sync_mute)\n",
            "BEGIN INSERT INTO sync_queue (tbl, gid, at) VALUES ('", $t, "', OLD.gid, ", now_sql!(), "); END;\n",
        )
    };
}

/// A child table's triggers: any change of its rows queues the parent row it belongs to,
/// which travels with them.
#[rustfmt::skip]
macro_rules! child_row_triggers {
    ($t:literal, $parent:literal, $key:literal) => {
        concat!(
            child_row_trigger!($t, $parent, $key, "insert", "INSERT", "NEW"),
            child_row_trigger!($t, $parent, $key, "update", "UPDATE", "NEW"),
            child_row_trigger!($t, $parent, $key, "delete", "DELETE", "OLD"),
        )
    };
}

#[rustfmt::skip]
macro_rules! child_row_trigger {
    ($t:literal, $parent:literal, $key:literal, $event:literal, $op:literal, $row:literal) => {
        concat!(
            "CREATE TRIGGER ", $t, "_sync_", $event, " AFTER ", $op, " ON ", $t,
            " WHEN NOT EXISTS (SELECT 1 FROM sync_mute)\n",
            "BEGIN INSERT INTO sync_queue (tbl, gid, at)\n",
            "    SELECT '", $parent, "', gid, ", now_sql!(), " FROM ", $parent, " WHERE id = ",
            $row, ".", $key, " AND gid IS NOT NULL; END;\n",
        )
    };
}

/// `(why, sql)`; the schema version is the number of entries applied.
pub const MIGRATIONS: &[(&str, &str)] = &[
    (
    "initial schema: engineers, skills, clients, partners, openings, assignments, proposals",
    r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE skills (
    id   INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL
);
CREATE TABLE skill_aliases (
    alias    TEXT PRIMARY KEY,
    skill_id INTEGER NOT NULL REFERENCES skills(id) ON DELETE CASCADE
);
CREATE TABLE clients (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL UNIQUE,
    rank          TEXT CHECK (rank IN ('A','B','C','D')),
    rank_expected TEXT CHECK (rank_expected IN ('A','B','C','D')),
    relationship  TEXT NOT NULL DEFAULT ''
);
CREATE TABLE partners (
    id      INTEGER PRIMARY KEY,
    name    TEXT NOT NULL UNIQUE,
    contact TEXT NOT NULL DEFAULT '',
    notes   TEXT NOT NULL DEFAULT ''
);
CREATE TABLE engineers (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT NOT NULL,
    initials               TEXT NOT NULL,
    affiliation            TEXT NOT NULL CHECK (affiliation IN ('own','contract','freelancer','partner')),
    partner_id             INTEGER REFERENCES partners(id),
    depth                  INTEGER NOT NULL DEFAULT 0 CHECK (depth BETWEEN 0 AND 5),
    station                TEXT,
    area                   TEXT,
    remote_pref            TEXT CHECK (remote_pref IN ('full','partial','none')),
    available_from         TEXT,
    availability_confirmed TEXT,
    cost                   REAL CHECK (cost IS NULL OR cost >= 0),
    rate                   REAL CHECK (rate IS NULL OR rate >= 0),
    foreign_national       INTEGER,
    japanese_level         TEXT,
    age_band               TEXT,
    career_start           INTEGER,
    notes                  TEXT NOT NULL DEFAULT '',
    last_checked           TEXT,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
);
CREATE INDEX engineers_available_from ON engineers(available_from);
CREATE TABLE engineer_skills (
    engineer_id INTEGER NOT NULL REFERENCES engineers(id) ON DELETE CASCADE,
    skill_id    INTEGER NOT NULL REFERENCES skills(id),
    years       REAL NOT NULL CHECK (years >= 0),
    level       INTEGER,
    last_used   INTEGER,
    PRIMARY KEY (engineer_id, skill_id)
) WITHOUT ROWID;
CREATE INDEX engineer_skills_skill ON engineer_skills(skill_id);
CREATE TABLE openings (
    id             INTEGER PRIMARY KEY,
    client_id      INTEGER REFERENCES clients(id),
    title          TEXT NOT NULL,
    raw_text       TEXT NOT NULL DEFAULT '',
    source         TEXT,
    received_at    TEXT NOT NULL,
    answered_at    TEXT,
    status         TEXT NOT NULL DEFAULT 'new'
                   CHECK (status IN ('new','answered','proposed','won','lost','closed','dismissed')),
    rate_min       REAL CHECK (rate_min IS NULL OR rate_min >= 0),
    rate_max       REAL CHECK (rate_max IS NULL OR rate_max >= 0),
    rate_text      TEXT,
    settle_min_h   INTEGER,
    settle_max_h   INTEGER,
    location       TEXT,
    remote         TEXT CHECK (remote IN ('full','partial','none')),
    start          TEXT,
    duration       TEXT,
    interviews     INTEGER,
    headcount      INTEGER,
    max_depth      INTEGER,
    depth_with_fee INTEGER,
    freelancer_ok  INTEGER,
    foreign_ok     INTEGER,
    age_limit      INTEGER,
    revision       INTEGER NOT NULL DEFAULT 1,
    fingerprint    TEXT,
    created_at     TEXT NOT NULL
);
CREATE INDEX openings_received_at ON openings(received_at);
CREATE TABLE opening_skills (
    opening_id INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    skill_id   INTEGER NOT NULL REFERENCES skills(id),
    kind       TEXT NOT NULL CHECK (kind IN ('must','nice')),
    min_years  REAL,
    position   INTEGER NOT NULL,
    PRIMARY KEY (opening_id, skill_id)
) WITHOUT ROWID;
CREATE TABLE opening_sources (
    id          INTEGER PRIMARY KEY,
    opening_id  INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    sender      TEXT,
    subject     TEXT,
    received_at TEXT NOT NULL,
    raw_text    TEXT NOT NULL DEFAULT ''
);
CREATE TABLE assignments (
    id          INTEGER PRIMARY KEY,
    engineer_id INTEGER NOT NULL REFERENCES engineers(id) ON DELETE CASCADE,
    client_id   INTEGER REFERENCES clients(id),
    starts_on   TEXT NOT NULL,
    ends_on     TEXT,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX assignments_engineer ON assignments(engineer_id);
CREATE TABLE proposals (
    id          INTEGER PRIMARY KEY,
    opening_id  INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    engineer_id INTEGER NOT NULL REFERENCES engineers(id) ON DELETE CASCADE,
    revision    INTEGER NOT NULL DEFAULT 1,
    stage       TEXT NOT NULL DEFAULT 'proposed',
    rate        REAL,
    notes       TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    signed_at   TEXT,
    UNIQUE (opening_id, engineer_id)
);
CREATE INDEX proposals_engineer ON proposals(engineer_id);
"#,
    ),
    (
        "pipeline: stage history, requirement revisions, partner incidents, explicit 'none available' answers",
        r#"
ALTER TABLE proposals ADD COLUMN partner_confirmed INTEGER;
ALTER TABLE proposals ADD COLUMN stage_at TEXT;
ALTER TABLE openings ADD COLUMN answer_kind TEXT CHECK (answer_kind IN ('proposal','none'));
ALTER TABLE openings ADD COLUMN notes TEXT NOT NULL DEFAULT '';
CREATE TABLE proposal_events (
    id          INTEGER PRIMARY KEY,
    proposal_id INTEGER NOT NULL REFERENCES proposals(id) ON DELETE CASCADE,
    stage       TEXT NOT NULL,
    at          TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX proposal_events_proposal ON proposal_events(proposal_id);
CREATE TABLE opening_revisions (
    opening_id INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    revision   INTEGER NOT NULL,
    snapshot   TEXT NOT NULL,
    changed_by TEXT NOT NULL DEFAULT '',
    changed_at TEXT NOT NULL,
    PRIMARY KEY (opening_id, revision)
) WITHOUT ROWID;
CREATE TABLE partner_incidents (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
    at         TEXT NOT NULL,
    text       TEXT NOT NULL
);
CREATE INDEX partner_incidents_partner ON partner_incidents(partner_id);
"#,
    ),
    (
        "posting import: content hash per source, shingle sketches and their index for forwarded duplicates",
        r#"
ALTER TABLE opening_sources ADD COLUMN content_hash INTEGER;
CREATE INDEX opening_sources_content_hash ON opening_sources(content_hash);
CREATE INDEX opening_sources_opening ON opening_sources(opening_id);
CREATE TABLE opening_sketches (
    opening_id INTEGER PRIMARY KEY REFERENCES openings(id) ON DELETE CASCADE,
    sketch     BLOB NOT NULL
);
CREATE TABLE opening_shingles (
    hash       INTEGER NOT NULL,
    opening_id INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    PRIMARY KEY (hash, opening_id)
) WITHOUT ROWID;
CREATE INDEX opening_shingles_opening ON opening_shingles(opening_id);
"#,
    ),
    (
        "offers by mail: partner engineers remember when they were last offered, by whom, in what words",
        r#"
ALTER TABLE engineers ADD COLUMN last_offered_at TEXT;
ALTER TABLE engineers ADD COLUMN offer_key TEXT;
CREATE INDEX engineers_offer_key ON engineers(offer_key) WHERE offer_key IS NOT NULL;
CREATE TABLE offer_sources (
    id          INTEGER PRIMARY KEY,
    engineer_id INTEGER NOT NULL REFERENCES engineers(id) ON DELETE CASCADE,
    partner_id  INTEGER REFERENCES partners(id),
    sender      TEXT,
    subject     TEXT,
    received_at TEXT NOT NULL,
    raw_text    TEXT NOT NULL,
    parsed      TEXT NOT NULL DEFAULT '{}',
    digest      TEXT NOT NULL,
    UNIQUE (engineer_id, digest)
);
CREATE INDEX offer_sources_engineer ON offer_sources(engineer_id);
"#,
    ),
    (
        "requirement groups: a must is any one of several alternatives, each with optional years; names the taxonomy does not know are kept",
        r#"
CREATE TABLE opening_requirements (
    opening_id INTEGER NOT NULL REFERENCES openings(id) ON DELETE CASCADE,
    kind       TEXT NOT NULL CHECK (kind IN ('must','nice')),
    grp        INTEGER NOT NULL,
    position   INTEGER NOT NULL,
    skill_id   INTEGER REFERENCES skills(id),
    name       TEXT NOT NULL,
    min_years  REAL,
    PRIMARY KEY (opening_id, kind, grp, position)
) WITHOUT ROWID;
INSERT INTO opening_requirements (opening_id, kind, grp, position, skill_id, name, min_years)
    SELECT os.opening_id, os.kind, os.position, 0, os.skill_id, s.name, os.min_years
    FROM opening_skills os JOIN skills s ON s.id = os.skill_id;
DROP TABLE opening_skills;
"#,
    ),
    (
        "fetch: where each IMAP folder was fetched to, so the next fetch reads only new mail",
        r#"
CREATE TABLE mail_folders (
    account     TEXT NOT NULL,
    folder      TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    last_uid    INTEGER NOT NULL,
    fetched_at  TEXT NOT NULL,
    PRIMARY KEY (account, folder)
) WITHOUT ROWID;
"#,
    ),
    (
        "bookings: an assignment made by signing a proposal remembers it, so withdrawing or undoing releases it",
        r#"
ALTER TABLE assignments ADD COLUMN proposal_id INTEGER REFERENCES proposals(id) ON DELETE SET NULL;
CREATE INDEX assignments_proposal ON assignments(proposal_id) WHERE proposal_id IS NOT NULL;
"#,
    ),
    (
        "engineers: employment form at the partner (正社員/契約/個人事業主) and the NG list, for 個人事業主不可 and NG checks",
        r#"
ALTER TABLE engineers ADD COLUMN employment TEXT
    CHECK (employment IS NULL OR employment IN ('full_time','contract','freelancer'));
ALTER TABLE engineers ADD COLUMN ng TEXT NOT NULL DEFAULT '';
"#,
    ),
    (
        "engineers: skills the taxonomy does not know, kept as written (name<TAB>years per line) instead of refusing a roster",
        r#"
ALTER TABLE engineers ADD COLUMN other_skills TEXT NOT NULL DEFAULT '';
"#,
    ),
    (
        "journal: every write as an action with its rows before and after, and a version per engineer, opening and proposal that any update bumps, so undo and edits see later changes",
        r#"
ALTER TABLE engineers ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE openings ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
ALTER TABLE proposals ADD COLUMN version INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER engineers_version AFTER UPDATE ON engineers WHEN NEW.version = OLD.version
BEGIN UPDATE engineers SET version = OLD.version + 1 WHERE id = NEW.id; END;
CREATE TRIGGER openings_version AFTER UPDATE ON openings WHEN NEW.version = OLD.version
BEGIN UPDATE openings SET version = OLD.version + 1 WHERE id = NEW.id; END;
CREATE TRIGGER proposals_version AFTER UPDATE ON proposals WHEN NEW.version = OLD.version
BEGIN UPDATE proposals SET version = OLD.version + 1 WHERE id = NEW.id; END;
CREATE TABLE journal (
    id       INTEGER PRIMARY KEY,
    actor    TEXT NOT NULL,
    origin   TEXT NOT NULL,
    label    TEXT NOT NULL,
    undoable INTEGER NOT NULL,
    state    TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done','undone')),
    at       TEXT NOT NULL
);
CREATE INDEX journal_actor ON journal(actor, origin, state);
CREATE TABLE journal_rows (
    journal_id INTEGER NOT NULL REFERENCES journal(id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    tbl        TEXT NOT NULL,
    row_id     INTEGER NOT NULL,
    before     TEXT,
    after      TEXT,
    PRIMARY KEY (journal_id, seq)
) WITHOUT ROWID;
CREATE INDEX journal_rows_row ON journal_rows(tbl, row_id);
"#,
    ),
    (
        "assignments: the monthly rate of a running assignment entered by hand (assignment add --rate), for rotation margins",
        r#"
ALTER TABLE assignments ADD COLUMN rate REAL CHECK (rate IS NULL OR (rate > 0 AND rate < 1000));
"#,
    ),
    (
        "engineers: languages other than Japanese with a level (英語:business;中国語:native), which postings may require",
        r#"
ALTER TABLE engineers ADD COLUMN languages TEXT NOT NULL DEFAULT '';
"#,
    ),
    (
        "engineers: when the skill sheet was last read (スキルシート確認日), which clears the スキルシート未確認 check",
        r#"
ALTER TABLE engineers ADD COLUMN skill_sheet_checked TEXT;
"#,
    ),
    (
        "mail_too_large: mails fetch passed over for their size, kept so the rep can see them later (fetch --skipped)",
        r#"
CREATE TABLE mail_too_large (
    account     TEXT NOT NULL,
    folder      TEXT NOT NULL,
    uidvalidity INTEGER NOT NULL,
    uid         INTEGER NOT NULL,
    subject     TEXT NOT NULL,
    bytes       INTEGER NOT NULL CHECK (bytes >= 0),
    at          TEXT NOT NULL,
    PRIMARY KEY (account, folder, uidvalidity, uid)
) WITHOUT ROWID;
"#,
    ),
    (
        "proposals: the start date agreed at 内定 (stage offered/signed --start), which the booking starts on",
        r#"
ALTER TABLE proposals ADD COLUMN start_on TEXT;
"#,
    ),
    (
        "engineers: the reading of the name (フリガナ), from which the pitch romanises initials for kanji names",
        r#"
ALTER TABLE engineers ADD COLUMN name_kana TEXT;
"#,
    ),
    (
        "learned reading rules: the partner that sent each opening, and the rep's corrections (term dropped, aliased, moved to 尚可) with that firm, applied to later postings",
        r#"
ALTER TABLE openings ADD COLUMN sender_partner_id INTEGER REFERENCES partners(id);
CREATE TABLE learned_rules (
    id         INTEGER PRIMARY KEY,
    partner_id INTEGER REFERENCES partners(id),
    term       TEXT NOT NULL CHECK (length(term) BETWEEN 1 AND 200),
    kind       TEXT NOT NULL CHECK (kind IN ('drop','alias','nice')),
    skill      TEXT CHECK ((kind = 'alias') = (skill IS NOT NULL)),
    opening_id INTEGER,
    at         TEXT NOT NULL,
    by         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX learned_rules_term ON learned_rules(term);
"#,
    ),
    (
        "active pool: an engineer can be marked inactive from a date, and the last offer is indexed so stale partner offers are skipped without reading them",
        r#"
ALTER TABLE engineers ADD COLUMN inactive_from TEXT;
CREATE INDEX engineers_offered ON engineers(last_offered_at)
    WHERE last_offered_at IS NOT NULL AND affiliation <> 'own';
CREATE INDEX engineers_unoffered ON engineers(id)
    WHERE last_offered_at IS NULL OR affiliation = 'own';
CREATE INDEX engineers_inactive ON engineers(inactive_from) WHERE inactive_from IS NOT NULL;
"#,
    ),
    (
        "team sync: a global identity (UUIDv7) per shared row, and triggers that queue every change of a shared row for the hub (what never leaves has no trigger)",
        concat!(
            "\n",
            shared_row_identity!("clients"),
            shared_row_identity!("partners"),
            shared_row_identity!("engineers"),
            shared_row_identity!("openings"),
            shared_row_identity!("proposals"),
            shared_row_identity!("assignments"),
            r#"ALTER TABLE proposals ADD COLUMN proposed_by TEXT;
CREATE TABLE sync_queue (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    tbl TEXT NOT NULL,
    gid TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE TABLE sync_mute (muted INTEGER NOT NULL);
CREATE TABLE sync_shadow (
    tbl  TEXT NOT NULL,
    gid  TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (tbl, gid)
) WITHOUT ROWID;
CREATE TABLE sync_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
CREATE TABLE sync_conflicts (
    id           INTEGER PRIMARY KEY,
    at           TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('field','double','refused')),
    tbl          TEXT NOT NULL,
    gid          TEXT NOT NULL,
    field        TEXT,
    mine         TEXT,
    theirs       TEXT,
    other_member TEXT NOT NULL DEFAULT '',
    other_gid    TEXT,
    detail       TEXT NOT NULL DEFAULT '',
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open','restored','dismissed'))
);
"#,
            queue_every_row!("clients"),
            queue_every_row!("partners"),
            queue_every_row!("engineers"),
            queue_every_row!("openings"),
            queue_every_row!("proposals"),
            queue_every_row!("assignments"),
            shared_row_triggers!("clients", ""),
            shared_row_triggers!("partners", ""),
            shared_row_triggers!("engineers", " AND NEW.version = OLD.version"),
            shared_row_triggers!("openings", " AND NEW.version = OLD.version"),
            shared_row_triggers!("proposals", " AND NEW.version = OLD.version"),
            shared_row_triggers!("assignments", ""),
            child_row_triggers!("engineer_skills", "engineers", "engineer_id"),
            child_row_triggers!("opening_requirements", "openings", "opening_id"),
            child_row_triggers!("proposal_events", "proposals", "proposal_id"),
            child_row_triggers!("partner_incidents", "partners", "partner_id"),
        ),
    ),
    (
        "active pool counts: partner offers counted per day (kept by triggers), so stale and fresh offers are counted without reading them",
        r#"
CREATE TABLE offer_days (
    day       TEXT PRIMARY KEY,
    engineers INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO offer_days (day, engineers)
    SELECT substr(last_offered_at, 1, 10), count(*) FROM engineers
    WHERE last_offered_at IS NOT NULL AND affiliation <> 'own' GROUP BY 1;
CREATE TRIGGER offer_days_insert AFTER INSERT ON engineers
    WHEN NEW.last_offered_at IS NOT NULL AND NEW.affiliation <> 'own'
BEGIN
    INSERT INTO offer_days (day, engineers) VALUES (substr(NEW.last_offered_at, 1, 10), 1)
        ON CONFLICT (day) DO UPDATE SET engineers = engineers + 1;
END;
CREATE TRIGGER offer_days_delete AFTER DELETE ON engineers
    WHEN OLD.last_offered_at IS NOT NULL AND OLD.affiliation <> 'own'
BEGIN
    UPDATE offer_days SET engineers = engineers - 1 WHERE day = substr(OLD.last_offered_at, 1, 10);
END;
CREATE TRIGGER offer_days_update_old AFTER UPDATE OF last_offered_at, affiliation ON engineers
    WHEN OLD.last_offered_at IS NOT NULL AND OLD.affiliation <> 'own'
BEGIN
    UPDATE offer_days SET engineers = engineers - 1 WHERE day = substr(OLD.last_offered_at, 1, 10);
END;
CREATE TRIGGER offer_days_update_new AFTER UPDATE OF last_offered_at, affiliation ON engineers
    WHEN NEW.last_offered_at IS NOT NULL AND NEW.affiliation <> 'own'
BEGIN
    INSERT INTO offer_days (day, engineers) VALUES (substr(NEW.last_offered_at, 1, 10), 1)
        ON CONFLICT (day) DO UPDATE SET engineers = engineers + 1;
END;
"#,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_from_empty() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        for (why, sql) in MIGRATIONS {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{why}: {e}"));
        }
    }

    /// Openings stored before groups existed keep their skills as one-item groups.
    #[test]
    fn old_opening_skills_become_one_item_groups() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let groups = MIGRATIONS
            .iter()
            .position(|(why, _)| why.starts_with("requirement groups"))
            .expect("the requirement-groups migration");
        let (before, after) = MIGRATIONS.split_at(groups);
        for (_, sql) in before {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO skills (id, name, kind) VALUES (1, 'Java', 'language'), (2, 'AWS', 'cloud');
             INSERT INTO openings (id, title, received_at, created_at)
                 VALUES (7, 'T', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');
             INSERT INTO opening_skills (opening_id, skill_id, kind, min_years, position)
                 VALUES (7, 1, 'must', 3.0, 0), (7, 2, 'nice', NULL, 1);",
        )
        .unwrap();
        for (_, sql) in after {
            conn.execute_batch(sql).unwrap();
        }
        let rows: Vec<String> = conn
            .prepare(
                "SELECT kind || ' ' || grp || ' ' || position || ' ' || coalesce(skill_id, '-')
                    || ' ' || name || ' ' || coalesce(min_years, '-')
                 FROM opening_requirements WHERE opening_id = 7 ORDER BY kind, grp",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows, vec!["must 0 0 1 Java 3.0", "nice 1 0 2 AWS -"]);
    }
}
