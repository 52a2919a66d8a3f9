//! The messages of the sync protocol and the tables that travel.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// A row as it travels: column name → value, references as the referenced row's
/// global id, child rows (skills, requirements, stage events) as arrays.
pub type RowData = Map<String, Value>;

/// The header a laptop sends its schema version in; the hub refuses any other.
pub const SCHEMA_HEADER: &str = "x-benchmatch-schema";

/// How many rows one pull answer carries at most; the laptop asks again while `more`.
pub const PULL_PAGE: usize = 5_000;

/// A reference from a shared row to another: the local column, the key it travels
/// under (the other row's global id) and the table it points into.
#[derive(Debug, Clone, Copy)]
pub struct Reference {
    pub column: &'static str,
    pub key: &'static str,
    pub table: &'static str,
    /// The row cannot exist without it (a proposal's engineer); otherwise it may go null.
    pub required: bool,
}

/// A table whose rows the team shares, in the order rows must be applied (a row's
/// references come before it).
#[derive(Debug, Clone, Copy)]
pub struct Shared {
    pub table: &'static str,
    pub references: &'static [Reference],
    /// Columns that never leave the laptop (raw mail unless the firm turns it on).
    pub local_only: &'static [&'static str],
    /// A column whose value names the row for the whole firm (a client's name): two
    /// laptops that create the same one get one row.
    pub natural_key: Option<&'static str>,
    /// Columns a member with the tech role never receives (cost, hence margin).
    pub hidden_from_tech: &'static [&'static str],
}

const fn r(
    column: &'static str,
    key: &'static str,
    table: &'static str,
    required: bool,
) -> Reference {
    Reference {
        column,
        key,
        table,
        required,
    }
}

/// Every shared table, parents first. Mail sources, offer mails, IMAP state, the undo
/// journal, `meta` and the local config have no entry: they never leave the laptop.
pub const SHARED: &[Shared] = &[
    Shared {
        table: "clients",
        references: &[],
        local_only: &[],
        natural_key: Some("name"),
        hidden_from_tech: &[],
    },
    Shared {
        table: "partners",
        references: &[],
        local_only: &[],
        natural_key: Some("name"),
        hidden_from_tech: &[],
    },
    Shared {
        table: "engineers",
        references: &[r("partner_id", "partner", "partners", false)],
        local_only: &[],
        natural_key: None,
        hidden_from_tech: &["cost"],
    },
    Shared {
        table: "openings",
        references: &[r("client_id", "client", "clients", false)],
        local_only: &["raw_text"],
        natural_key: None,
        hidden_from_tech: &[],
    },
    Shared {
        table: "proposals",
        references: &[
            r("opening_id", "opening", "openings", true),
            r("engineer_id", "engineer", "engineers", true),
        ],
        local_only: &[],
        natural_key: None,
        hidden_from_tech: &[],
    },
    Shared {
        table: "assignments",
        references: &[
            r("engineer_id", "engineer", "engineers", true),
            r("client_id", "client", "clients", false),
            r("proposal_id", "proposal", "proposals", false),
        ],
        local_only: &[],
        natural_key: None,
        hidden_from_tech: &[],
    },
];

/// The shared table named `name`, if it is one.
pub fn shared(name: &str) -> Option<&'static Shared> {
    SHARED.iter().find(|s| s.table == name)
}

/// One shared row as the laptop last wrote it: `row` is `None` when it was deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The last queue position of this row's edits sent: the laptop drops those once acknowledged.
    pub seq: i64,
    pub tbl: String,
    pub gid: String,
    /// When the last edit was made on the laptop (UTC, ISO 8601): later edits win.
    pub at: String,
    pub row: Option<RowData>,
    /// The fields edited since the laptop last agreed with the hub (all for a new row).
    pub fields: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Push {
    /// The laptop's own id (one member may have several laptops).
    pub laptop: String,
    /// The batch's number on this laptop, rising: the hub skips one it has applied.
    pub batch: i64,
    pub changes: Vec<Change>,
}

/// What a laptop asks the hub for: rows changed after its cursor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pull {
    pub laptop: String,
    pub since: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushReply {
    /// Every batch up to this one is applied.
    pub acked: i64,
}

/// A row as the hub holds it now; `row` is `None` once deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pulled {
    pub seq: i64,
    pub tbl: String,
    pub gid: String,
    pub row: Option<RowData>,
}

/// What a notice tells the laptop it goes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKind {
    /// A field this laptop wrote lost to another member's later edit (or a signed stage).
    Field,
    /// Another member proposed the same engineer to the same end client first.
    Double,
    /// The row could not be kept: what it needs was deleted at the hub.
    Refused,
    /// The row is one the hub already has under another id (a client or partner of the
    /// same name): the laptop takes that id.
    Same,
}

impl NoticeKind {
    pub fn name(self) -> &'static str {
        match self {
            NoticeKind::Field => "field",
            NoticeKind::Double => "double",
            NoticeKind::Refused => "refused",
            NoticeKind::Same => "same",
        }
    }

    pub fn parse(s: &str) -> Option<NoticeKind> {
        [
            NoticeKind::Field,
            NoticeKind::Double,
            NoticeKind::Refused,
            NoticeKind::Same,
        ]
        .into_iter()
        .find(|k| k.name() == s)
    }
}

/// A conflict the hub decided, for the laptop whose edit lost.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Notice {
    pub seq: i64,
    pub kind: NoticeKind,
    pub tbl: String,
    pub gid: String,
    pub field: Option<String>,
    /// The losing value, kept so the rep can restore it with one key.
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    pub other_member: String,
    /// The row that won (the other member's proposal).
    pub other_gid: Option<String>,
    /// The losing row whole, for a refused or double proposal.
    pub row: Option<RowData>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullReply {
    pub rows: Vec<Pulled>,
    pub notices: Vec<Notice>,
    /// Ask from here next time.
    pub cursor: i64,
    pub more: bool,
    /// The member the token belongs to, so the laptop tells its own proposals from others'.
    pub member: String,
}

/// A member's role at the hub.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Rep,
    Tech,
    Manager,
}

impl Role {
    pub fn name(self) -> &'static str {
        match self {
            Role::Rep => "rep",
            Role::Tech => "tech",
            Role::Manager => "manager",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [Role::Rep, Role::Tech, Role::Manager]
            .into_iter()
            .find(|r| r.name() == s)
    }
}

/// The row as a member with `role` may see it.
pub fn visible(tbl: &str, role: Role, mut row: RowData) -> RowData {
    if role == Role::Tech {
        if let Some(s) = shared(tbl) {
            for c in s.hidden_from_tech {
                row.remove(*c);
            }
        }
    }
    row
}

/// Whether a field is bookkeeping that follows every edit (no conflict worth telling).
pub fn quiet(field: &str) -> bool {
    matches!(field, "updated_at" | "stage_at")
}
