//! Command-line definitions and help texts (clap derive).

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "benchmatch",
    version,
    about = "Rank engineers against SES openings, explainably. Run with no command to open the dashboard.",
    long_about = "benchmatch keeps engineers, skills and openings (案件) in a local SQLite file and \
ranks candidates against each opening with an explainable score: hard limits first \
(商流, 個人事業主, 外国籍, start, margin), then weighted factors.\n\n\
Run with no command to open the dashboard. Start with `benchmatch demo` to try it on sample data.",
    after_help = "Examples:\n  benchmatch demo                   fill a demo database and open the dashboard\n  benchmatch rank 12 --top 5        best five candidates for opening 12\n  benchmatch free --skill Java      who is free next month with Java\n  benchmatch import engineers staff.csv"
)]
pub struct Cli {
    /// Database file [default: $XDG_DATA_HOME/benchmatch/benchmatch.db]
    #[arg(long, global = true, env = "BENCHMATCH_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// Language of labels and reasons [default: from LC_ALL / LANG]
    #[arg(long, global = true, value_enum)]
    pub lang: Option<LangArg>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum LangArg {
    Ja,
    En,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Fill the database with realistic sample data, then open the dashboard
    Demo(DemoArgs),
    /// Import engineers, openings or a whole export (all or nothing per file)
    #[command(subcommand)]
    Import(ImportCommand),
    /// Parse one posting (text or email) and print its structured fields
    Parse(ParseArgs),
    /// Rank candidates for one opening, with the score broken down by factor
    Rank(RankArgs),
    /// Who is free in a window: on the bench, assignment ending, or joining
    Free(FreeArgs),
    /// List engineers
    Engineers(EngineersArgs),
    /// List openings, newest first
    Openings(ListArgs),
    /// Show one engineer or opening in full
    Show(ShowArgs),
    /// Record a proposal of an engineer for an opening
    Propose(ProposeArgs),
    /// Read one engineer offer (人材情報) and print its fields
    ParseOffer(ParseOfferArgs),
    /// Tell whether a mail is an opening, an engineer offer or neither, and why
    Classify(ClassifyArgs),
    /// Partner engineers offered by mail: freshness and sources
    Offers(OffersArgs),
    /// Write everything as JSON (restorable with `import all`)
    Export(ExportArgs),
    /// Make a consistent copy of the database, even while it is in use
    Backup(BackupArgs),
    /// Replace the database with a backup, after checking the backup
    Restore(RestoreArgs),
    /// Look up skills and extend the taxonomy
    #[command(subcommand)]
    Skills(SkillsCommand),
    /// Where the configuration lives and what it holds
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Proposals in play, flagging unsigned offers and parallel proposals
    Pipeline(PipelineArgs),
    /// Move a proposal to a stage, note interview feedback, confirm a partner's commitment
    Stage(StageArgs),
    /// Edit an opening's requirements as a new revision, and show how the ranking moved
    #[command(subcommand)]
    Edit(EditCommand),
    /// What changed in an opening, revision by revision
    History(HistoryArgs),
    /// Answer an opening without a proposal: `--none` (none available)
    Answer(AnswerArgs),
    /// Undo your last command-line action (asks; refused when someone changed it since)
    Undo(ReplayArgs),
    /// Perform again the command-line action you undid last
    Redo(ReplayArgs),
    /// Time to first response, proposals per opening, interview and win rates
    Stats(StatsArgs),
    /// The proposal message for the client, from a template (PROPOSAL, or OPENING ENGINEER)
    Pitch(PitchArgs),
    /// Clients with their rank now, rank expected in six months, and relationship
    Clients(ListArgs),
    /// Set a client's rank, expected rank or relationship
    #[command(subcommand)]
    Client(ClientCommand),
    /// Partner companies with their contacts, engineers and incidents
    Partners(ListArgs),
    /// Record a partner's details or an incident
    #[command(subcommand)]
    Partner(PartnerCommand),
    /// Inconsistencies in engineer profiles to fix before they go out
    Check(CheckArgs),
    /// Fetch new mail from the IMAP mailbox in config ([mail]) and sort it like `import mail`
    Fetch(FetchArgs),
    /// Print shell completions (bash, zsh, fish, powershell) to stdout
    Completions(CompletionsArgs),
    /// Print the manual page (roff), or write one page per command with --dir
    Man(ManArgs),
    /// An engineer's assignments: record a running one, end one (signing a proposal books one by itself)
    #[command(subcommand)]
    Assignment(AssignmentCommand),
    /// Run the firm's hub for team sync, and manage its members (docs/team.md)
    Serve(ServeArgs),
    /// Sync this laptop with the firm's hub ([sync] in config); list and restore conflicts
    Sync(SyncArgs),
}

#[derive(Debug, Args)]
#[command(
    after_help = "Install:\n  bash: benchmatch completions bash > ~/.local/share/bash-completion/completions/benchmatch\n  \
zsh:  benchmatch completions zsh > ~/.zfunc/_benchmatch   (with fpath+=~/.zfunc before compinit)\n  \
fish: benchmatch completions fish > ~/.config/fish/completions/benchmatch.fish"
)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write benchmatch.1 and one benchmatch-COMMAND.1 per command into this folder
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Config (config.toml):\n  [mail]\n  host = \"imap.example.co.jp\"\n  port = 993\n  user = \"sales@example.co.jp\"\n  \
folders = [\"INBOX\", \"案件\"]\n\n\
The password comes from $BENCHMATCH_IMAP_PASSWORD, else password_command, else the OS keyring, else a prompt\n(kept in the OS keyring once it logs in); never from the config file.\n\
Only mail not fetched before is read (UIDVALIDITY and the last UID per folder are kept in the database)."
)]
pub struct FetchArgs {
    /// Mark fetched mail as seen on the server (otherwise nothing on the server changes)
    #[arg(long)]
    pub mark_seen: bool,
    /// Only these folders (repeat) [default: `folders` in config]
    #[arg(long = "folder", value_name = "NAME")]
    pub folders: Vec<String>,
    /// Fail with exit code 1 when the server cannot be reached (default: report offline, exit 0)
    #[arg(long)]
    pub strict: bool,
    /// Print the report as JSON
    #[arg(long)]
    pub json: bool,
    /// Remove the IMAP password kept in the OS keyring for [mail]'s account, and exit
    #[arg(long)]
    pub forget: bool,
    /// List the mails earlier fetches passed over for their size (no connection is made)
    #[arg(long)]
    pub skipped: bool,
    /// List the account's folders (to choose `folders` under [mail]) and exit; fetches nothing
    #[arg(long)]
    pub list_folders: bool,
}

#[derive(Debug, Subcommand)]
pub enum AssignmentCommand {
    /// Record where an engineer works now (stock C): open-ended ones can rotate (要調整)
    #[command(
        after_help = "Examples:\n  benchmatch assignment add 12 --client ひかり損保 --from 2025-04-01\n  \
benchmatch assignment add 12 --client 物流商事 --from 2026-10-01 --until 2027-03-31 --rate 68"
    )]
    Add {
        /// Engineer id
        engineer: i64,
        /// The client (現場) the engineer works at
        #[arg(long, value_name = "NAME")]
        client: String,
        /// First day on site (YYYY-MM-DD)
        #[arg(long, value_name = "DATE")]
        from: String,
        /// Last day (YYYY-MM-DD), or `open` / 長期 / 未定 for no end [default: open]
        #[arg(long, value_name = "DATE|open")]
        until: Option<String>,
        /// Monthly rate in 万円
        #[arg(long, value_name = "N")]
        rate: Option<f64>,
    },
    /// End (or re-date) the engineer's current assignment; free from the next day
    End {
        /// Engineer id
        engineer: i64,
        /// Last day of the assignment (YYYY-MM-DD)
        date: String,
    },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    /// Number of engineers to create
    #[arg(long, default_value_t = 300)]
    pub engineers: usize,
    /// Number of openings to create
    #[arg(long, default_value_t = 60)]
    pub openings: usize,
    /// Seed of the generator: the same seed gives the same data
    #[arg(long, default_value_t = 42)]
    pub seed: u64,
    /// Replace the data of a database that is not empty
    #[arg(long)]
    pub force: bool,
    /// Do not open the dashboard afterwards
    #[arg(long)]
    pub no_open: bool,
    /// Leave out the demo's proposals (an unsigned offer, parallel proposals, a signed one)
    #[arg(long)]
    pub no_proposals: bool,
    /// Date the demo treats as today (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// Engineers from CSV (header documented in README) or JSON (an array of records)
    Engineers {
        /// .csv or .json file, - for JSON on stdin, or a workbook (.xlsx, .xls, .ods)
        file: PathBuf,
        /// Workbook sheet to read [default: the first]
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Run the whole import, then roll it back: the same checks, nothing stored
        #[arg(long)]
        dry_run: bool,
    },
    /// Openings from postings (text, .eml, mbox, folders of them) or from CSV / JSON
    #[command(
        after_help = "Postings are parsed, forwarded copies of an opening already stored are linked to it as \
sources, and files imported before add nothing. .json and .csv files go to the structured import.\n\n\
Examples:\n  benchmatch import openings inbox.mbox\n  benchmatch import openings ~/Mail/案件/\n  \
pbpaste | benchmatch import openings -"
    )]
    Openings {
        /// Text, .eml or mbox files, folders (searched recursively), .csv / .json, or - for stdin
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Workbook sheet to read [default: the first]
        #[arg(long, value_name = "NAME")]
        sheet: Option<String>,
        /// Workbooks: print how columns map to fields and check the rows; store nothing
        #[arg(long)]
        dry_run: bool,
    },
    /// Mail: sort each mail (or each part of a multi-item mail) into openings,
    /// engineer offers and other; store openings and offers (all or nothing per file)
    Mail {
        /// .eml files, mbox files, text files, folders of them, or - for stdin
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// Date for mails without a Date header (YYYY-MM-DD) [default: now]
        #[arg(long, value_name = "DATE")]
        received: Option<String>,
        /// Print the report as JSON
        #[arg(long)]
        json: bool,
    },
    /// A whole export (from `benchmatch export`) into an empty database
    All {
        /// JSON file written by `benchmatch export`
        file: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct ParseArgs {
    /// A posting as text or one email (.eml); - or nothing reads stdin
    #[arg(value_name = "FILE|-")]
    pub file: Option<PathBuf>,
    /// When the posting arrived (YYYY-MM-DD): a month without a year is the next one on or
    /// after it [default: the mail's Date header, else today]
    #[arg(long, value_name = "DATE")]
    pub received: Option<String>,
    /// Print JSON (keys documented in docs/postings.md)
    #[arg(long)]
    pub json: bool,
    /// Also name the learned reading rules that changed the requirements, and why
    #[arg(long)]
    pub explain: bool,
}

/// Which engineers take part: the active pool (the default), or the stale and inactive too.
#[derive(Debug, Args)]
pub struct PoolArgs {
    /// Only the active pool: leave out partner engineers not re-offered within
    /// `[offers] stale_days` and engineers marked inactive (the default)
    #[arg(long, conflicts_with = "include_stale")]
    pub fresh_only: bool,
    /// Take in stale partner engineers (marked stale) and inactive engineers too
    #[arg(long)]
    pub include_stale: bool,
}

/// How a report is given: text on the terminal (the default), JSON, or an Excel workbook.
#[derive(Debug, Args)]
pub struct ReportOutput {
    /// Print JSON (keys documented in README and docs/)
    #[arg(long)]
    pub json: bool,
    /// Write a formatted Excel workbook to this file instead of printing
    #[arg(long, value_name = "FILE", conflicts_with = "json")]
    pub xlsx: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RankArgs {
    /// Opening id (see `benchmatch openings`)
    pub opening: i64,
    /// How many candidates to show
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Also list excluded engineers with the hard limits they break
    #[arg(long)]
    pub all: bool,
    /// Rank as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub pool: PoolArgs,
    /// Also show own staff on open-ended assignments who could rotate in (要調整)
    #[arg(long)]
    pub rotation: bool,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct FreeArgs {
    /// Month to look at (YYYY-MM) [default: next month]
    #[arg(long, value_name = "YYYY-MM", conflicts_with_all = ["from", "to"])]
    pub month: Option<String>,
    /// Start of the window (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", requires = "to")]
    pub from: Option<String>,
    /// End of the window (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", requires = "from")]
    pub to: Option<String>,
    /// Only engineers with this skill (any alias; repeat for several)
    #[arg(long = "skill", value_name = "NAME")]
    pub skills: Vec<String>,
    /// Treat this date as today (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub pool: PoolArgs,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct ParseOfferArgs {
    /// A text or .eml file holding the offer, or - for stdin [default: -]
    pub file: Option<PathBuf>,
    /// Date the offer was received (YYYY-MM-DD): anchors `12月~` [default: the mail's Date, else today]
    #[arg(long, value_name = "DATE")]
    pub received: Option<String>,
    /// Print JSON: one object, or an array when the text holds several offers
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ClassifyArgs {
    /// A text or .eml file, or - for stdin
    pub file: PathBuf,
    /// Date the mail was received (YYYY-MM-DD) [default: the mail's Date, else today]
    #[arg(long, value_name = "DATE")]
    pub received: Option<String>,
    /// Print JSON: the decision, the scores and every cue with its weight
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct OffersArgs {
    /// One engineer's offers, newest first; without it, every partner engineer offered by mail
    pub engineer: Option<i64>,
    /// Treat this date as today (YYYY-MM-DD), for what counts as stale
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Leave out stale partner engineers
    #[arg(long)]
    pub fresh_only: bool,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EngineersArgs {
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Entity {
    Engineer,
    Opening,
    /// A proposal with its story: every stage with date, note and rate
    Proposal,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// What to show
    #[arg(value_enum)]
    pub what: Entity,
    /// Its id
    pub id: i64,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// Opening id
    pub opening: i64,
    /// Engineer id
    pub engineer: i64,
    /// Rate proposed, 万円/month
    #[arg(long)]
    pub rate: Option<f64>,
    /// A note kept with the proposal
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Write to this file (created owner-readable only) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// For sharing outside the team: names become initials, stations become areas,
    /// notes and raw posting texts are left out
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// Where to write the copy [default: backups/ beside the database, timestamped]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct RestoreArgs {
    /// A backup made by `benchmatch backup`; it is checked before anything is replaced
    pub file: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum SkillsCommand {
    /// List canonical skills with their aliases
    List {
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Show which canonical skill a term means
    Lookup {
        /// A skill as written, in any case or width (ＪＡＶＡ, ポスグレ, k8s)
        term: String,
    },
    /// Teach the taxonomy a new alias (saved in the user skills file)
    AddAlias {
        /// The new spelling
        alias: String,
        /// The canonical skill it means
        canonical: String,
    },
    /// The reading rules learned from corrections (drops, aliases, moves to 尚可), with
    /// the firm each came from and whether it is in force yet
    Rules {
        /// Forget one stored correction by its id
        #[arg(long, value_name = "ID")]
        forget: Option<i64>,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where the config file and the user skills file live
    Path,
    /// Set a value in the config file: `company NAME` adds a name of our own company
    /// (mail addresses us by it; it is never a client)
    #[command(after_help = "Example:\n  benchmatch config set company 株式会社ミライテック")]
    Set {
        /// The setting: company
        key: String,
        /// The value
        value: String,
    },
    /// Print the configuration in effect (defaults merged with the file)
    Show,
}

#[derive(Debug, Args)]
pub struct PipelineArgs {
    /// Only proposals at this stage (repeat for several); closed ones are hidden otherwise
    #[arg(long = "stage", value_name = "STAGE")]
    pub stages: Vec<String>,
    /// Also list closed proposals (started, declined, rejected, withdrawn)
    #[arg(long)]
    pub all: bool,
    /// Only this engineer's proposals
    #[arg(long, value_name = "ID")]
    pub engineer: Option<i64>,
    /// Only proposals for this opening
    #[arg(long, value_name = "ID")]
    pub opening: Option<i64>,
    /// Count days to start from this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Stages: proposed, interview, interviewed, offered, signed, started, declined, rejected, withdrawn.\n\
Examples:\n  benchmatch stage 5 interview --note '12/3 15:00 web'\n  benchmatch stage 5 interviewed --note '1次: 好感触'\n  \
benchmatch stage 5 offered --withdraw-others --start 2027-01-06\n  benchmatch stage 5 signed --on 2026-12-06\n  benchmatch stage 5 --partner-confirmed"
)]
pub struct StageArgs {
    /// Proposal id (see `benchmatch pipeline`)
    pub proposal: i64,
    /// The new stage; leave out to only add a note or the partner's confirmation
    pub stage: Option<String>,
    /// Note kept with this change (interview feedback, reasons)
    #[arg(long, value_name = "TEXT", default_value = "")]
    pub note: String,
    /// The partner confirmed the engineer's commitment (partner engineers)
    #[arg(long)]
    pub partner_confirmed: bool,
    /// Withdraw the engineer's other open proposals in the same step (on offered or signed)
    #[arg(long, conflicts_with = "keep_others")]
    pub withdraw_others: bool,
    /// Do not ask about the engineer's other open proposals
    #[arg(long)]
    pub keep_others: bool,
    /// The day the move happened (YYYY-MM-DD), when it is not today: a contract signed
    /// yesterday books from yesterday
    #[arg(long, value_name = "DATE")]
    pub on: Option<String>,
    /// The start date agreed at 内定 (YYYY-MM-DD), with offered or signed (or alone on an
    /// offered or signed proposal): shown on the board; the booking starts on it
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum EditCommand {
    /// Edit an opening's requirements in $EDITOR (as TOML), or with --set for scripts
    #[command(
        after_help = "Keys for --set: title, rate_min, rate_max, rate_text, settle_min_h, settle_max_h, \
location, remote, start, duration, interviews, headcount, max_depth, depth_with_fee, freelancer_ok, \
foreign_ok, age_limit, must, nice, notes. An empty value or 'none' clears a field.\n\
Examples:\n  benchmatch edit opening 3 --set must=Java:3,AWS --set rate_max=75\n  \
benchmatch edit opening 3 --set nice+=Docker --set must-=PHP"
    )]
    Opening(EditOpeningArgs),
    /// Edit an engineer's profile with --set (the dashboard's form has the same fields)
    #[command(
        after_help = "Keys for --set (or their labels): available_from, availability_confirmed, foreign, \
japanese_level, age_band, rate, cost, station, remote_pref, skills, notes. An empty value clears a field.\n\
Examples:\n  benchmatch edit engineer 7 --set available_from=2027-01-01 --set availability_confirmed=2026-12-05\n  \
benchmatch edit engineer 7 --set 'skills=Java 5, ポスグレ 2' --set remote_pref=一部"
    )]
    Engineer(EditEngineerArgs),
    /// Change an unsigned proposal's rate or note (each change goes into its story)
    #[command(after_help = "Keys for --set: rate (万円; empty clears), note.\n\
Examples:\n  benchmatch edit proposal 4 --set rate=65\n  \
benchmatch edit proposal 4 --set 'note=面談は火曜午後希望'")]
    Proposal(EditEngineerArgs),
}

#[derive(Debug, Args)]
pub struct EditEngineerArgs {
    /// Engineer id
    pub id: i64,
    /// KEY=VALUE to change (repeat)
    #[arg(long = "set", value_name = "KEY=VALUE", required = true)]
    pub sets: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EditOpeningArgs {
    /// Opening id
    pub id: i64,
    /// KEY=VALUE to change without an editor (repeat); must+= and must-= add and remove skills
    #[arg(long = "set", value_name = "KEY=VALUE")]
    pub sets: Vec<String>,
    /// Who made the change [default: $USER]
    #[arg(long, value_name = "NAME")]
    pub by: Option<String>,
    /// Places of the ranking compared before and after
    #[arg(long, default_value_t = 10)]
    pub top: usize,
    /// Rank as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReplayArgs {
    /// Do it without asking
    #[arg(long, short = 'y')]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct HistoryArgs {
    /// Opening id
    pub opening: i64,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Opening id
    pub opening: i64,
    /// Answer "none available": counts as the first response
    #[arg(long, required = true)]
    pub none: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only openings received on or after this date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    #[command(flatten)]
    pub output: ReportOutput,
}

#[derive(Debug, Args)]
pub struct PitchArgs {
    /// A proposal id, or an opening id and an engineer id
    #[arg(num_args = 1..=2, required = true, value_name = "PROPOSAL | OPENING ENGINEER")]
    pub ids: Vec<i64>,
    /// Write to this file (created owner-readable only) instead of stdout
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Treat this date as today (YYYY-MM-DD), for "free from"
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum ClientCommand {
    /// Create or update a client: rank now, rank expected in six months, relationship
    Set {
        /// Client name as it appears on openings
        name: String,
        /// Rank now: A (best) to D
        #[arg(long)]
        rank: Option<String>,
        /// Rank expected in six months: A to D
        #[arg(long)]
        expected: Option<String>,
        /// How the past went (replaces the relationship text)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
}

#[derive(Debug, Subcommand)]
pub enum PartnerCommand {
    /// Create or update a partner's contact and notes
    Set {
        /// Partner company name
        name: String,
        /// Contact person, mail or phone
        #[arg(long)]
        contact: Option<String>,
        /// Reliability notes (replaces the notes text)
        #[arg(long, value_name = "TEXT")]
        note: Option<String>,
    },
    /// Record an incident (e.g. an engineer swapped before the start)
    Incident {
        /// Partner company name
        name: String,
        /// What happened
        text: String,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Only this engineer
    #[arg(long, value_name = "ID")]
    pub engineer: Option<i64>,
    /// Only errors (contradictions), not warnings (missing or stale)
    #[arg(long)]
    pub errors_only: bool,
    /// Check as of this date (YYYY-MM-DD) [default: today]
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Print JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  benchmatch serve init --host hub.example.lan --firm ミライテック\n  \
benchmatch serve add-member sato --role rep\n  benchmatch serve --listen 0.0.0.0:8443\n  \
benchmatch serve revoke sato\n  benchmatch serve backup /backup/hub-2026-03-02.sqlite"
)]
pub struct ServeArgs {
    #[command(subcommand)]
    pub command: Option<ServeCommand>,
    /// Where the hub keeps its database and certificates [default: a `hub` folder next to the database]
    #[arg(long, global = true, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Address and port to listen on
    #[arg(long, default_value = "0.0.0.0:8443", value_name = "ADDR:PORT")]
    pub listen: String,
    /// Keep the hub's rows in this PostgreSQL database instead of hub.sqlite
    /// (postgres://USER@HOST/DB; the password from PGPASSWORD)
    #[arg(long, global = true, value_name = "URL")]
    pub postgres: Option<String>,
}

/// A member's role at the hub: tech never receives cost (nor, so, margin).
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum RoleArg {
    Rep,
    Tech,
    Manager,
}

#[derive(Debug, Subcommand)]
pub enum ServeCommand {
    /// Make the firm's certificate authority (ca.pem, for every laptop) and the hub's certificate, once
    Init {
        /// A name laptops reach the hub by (host name or IP address; repeat)
        #[arg(long = "host", required = true, value_name = "NAME")]
        hosts: Vec<String>,
        /// The firm's name, shown in the certificates
        #[arg(long, default_value = "benchmatch")]
        firm: String,
    },
    /// Add a member and print their token, once (the hub keeps only its hash)
    AddMember {
        name: String,
        #[arg(long, value_enum, default_value = "rep")]
        role: RoleArg,
    },
    /// Refuse a member's token from now on
    Revoke { name: String },
    /// List the members and their roles
    Members,
    /// A consistent copy of the hub's database, even while it serves
    Backup { file: PathBuf },
}

#[derive(Debug, Args)]
pub struct SyncArgs {
    #[command(subcommand)]
    pub command: Option<SyncCommand>,
}

#[derive(Debug, Subcommand)]
pub enum SyncCommand {
    /// Conflicts the hub decided against this laptop (open ones; --all for every one)
    Conflicts {
        #[arg(long)]
        all: bool,
    },
    /// Put back the value this laptop lost in conflict N; it goes to the hub on the next sync
    Restore { id: i64 },
    /// Close conflict N without restoring
    Dismiss { id: i64 },
}
