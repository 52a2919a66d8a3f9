//! The pipeline commands on the real binary: a demo database in a temporary directory.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    /// A fresh database with the standard demo data.
    fn demo() -> Env {
        let env = Env {
            dir: tempfile::tempdir().unwrap(),
        };
        let out = env.run(&[
            "demo",
            "--no-open",
            "--no-proposals",
            "--today",
            "2026-11-26",
            "--engineers",
            "50",
            "--openings",
            "10",
        ]);
        assert!(out.status.success(), "{}", stderr(&out));
        env
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("bm.db")
    }

    fn config_dir(&self) -> PathBuf {
        self.dir.path().join("config")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_benchmatch"));
        c.arg("--db")
            .arg(self.db())
            .args(args)
            .env("BENCHMATCH_CONFIG_DIR", self.config_dir())
            .env("LANG", "C")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("EDITOR")
            .env_remove("VISUAL")
            .stdin(std::process::Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Run and expect success; stdout as text.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?} failed: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    }

    /// Run and expect exit 1 with a one-line error; the error.
    fn fails(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert_eq!(out.status.code(), Some(1), "{args:?} should fail");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
        assert!(err.starts_with("benchmatch: "), "{err}");
        err
    }

    fn json(&self, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(args)).unwrap()
    }

    /// The first engineer of the demo with this affiliation.
    fn engineer(&self, affiliation: &str) -> i64 {
        self.json(&["engineers", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["affiliation"] == affiliation)
            .and_then(|e| e["id"].as_i64())
            .unwrap()
    }

    fn propose(&self, opening: i64, engineer: i64) -> i64 {
        let out = self.ok(&["propose", &opening.to_string(), &engineer.to_string()]);
        out.split_whitespace()
            .nth(1)
            .and_then(|w| w.trim_end_matches(':').parse().ok())
            .unwrap_or_else(|| panic!("no proposal id in {out}"))
    }

    fn item(&self, id: i64) -> Value {
        self.json(&["pipeline", "--all", "--json", "--as-of", "2026-11-26"])
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .cloned()
            .unwrap()
    }
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn one_proposal_from_proposed_to_signed_loses_the_unsigned_flag() {
    let env = Env::demo();
    let id = env.propose(1, 5);
    let p = env.item(id);
    for key in [
        "id",
        "opening_id",
        "engineer_id",
        "stage",
        "unsigned",
        "days_to_start",
        "parallel",
        "urgent",
        "revision",
        "outdated_revision",
        "engineer_name",
        "opening_title",
    ] {
        assert!(p.get(key).is_some(), "pipeline --json lacks {key}: {p}");
    }
    assert_eq!(p["stage"], "proposed");
    assert_eq!(p["unsigned"], false);
    let sid = id.to_string();
    env.ok(&["stage", &sid, "interview", "--note", "12/1 15:00 web"]);
    let out = env.ok(&["stage", &sid, "interviewed", "--note", "1次: 好感触"]);
    assert!(out.contains("interview round 1"), "{out}");
    let out = env.ok(&["stage", &sid, "offered"]);
    assert!(out.contains("a verbal yes is not a contract"), "{out}");
    let p = env.item(id);
    assert_eq!(p["unsigned"], true);
    assert_eq!(p["interviews"], 1);
    let text = env.ok(&["pipeline", "--as-of", "2026-11-26"]);
    assert!(text.contains("unsigned"), "{text}");
    env.ok(&["stage", &sid, "signed"]);
    let p = env.item(id);
    assert_eq!(p["stage"], "signed");
    assert_eq!(p["unsigned"], false);
    assert_eq!(p["urgent"], false);
    assert!(p["signed_at"].is_string());
    let text = env.ok(&["pipeline", "--as-of", "2026-11-26"]);
    assert!(!text.contains("unsigned ("), "{text}");
}

#[test]
fn illegal_stages_are_one_line_errors() {
    let env = Env::demo();
    let id = env.propose(1, 5).to_string();
    let e = env.fails(&["stage", &id, "signed"]);
    assert!(e.contains("cannot move from proposed to signed"), "{e}");
    let e = env.fails(&["stage", &id, "hired"]);
    assert!(e.contains("unknown stage 'hired'"), "{e}");
    env.fails(&["stage", "999", "offered"]);
    env.fails(&["pipeline", "--stage", "nope"]);
    assert_eq!(env.item(id.parse().unwrap())["stage"], "proposed");
}

#[test]
fn parallel_proposals_are_listed_and_withdrawn_together() {
    let env = Env::demo();
    let a = env.propose(1, 7);
    let b = env.propose(2, 7);
    let c = env.propose(3, 7);
    assert_eq!(env.item(a)["parallel"], serde_json::json!([b, c]));
    let out = env.ok(&["stage", &a.to_string(), "offered"]);
    assert!(out.contains("--withdraw-others"), "{out}");
    assert_eq!(
        env.item(b)["stage"],
        "proposed",
        "no terminal: nothing withdrawn"
    );
    let out = env.ok(&["stage", &a.to_string(), "--withdraw-others"]);
    assert!(out.contains("withdrew"), "{out}");
    assert_eq!(env.item(b)["stage"], "withdrawn");
    assert_eq!(env.item(c)["stage"], "withdrawn");
    assert_eq!(env.item(a)["parallel"], serde_json::json!([]));
    let open = env.json(&["pipeline", "--json"]);
    assert_eq!(
        open.as_array().unwrap().len(),
        1,
        "closed ones hidden by default"
    );
    let withdrawn = env.json(&["pipeline", "--json", "--stage", "withdrawn"]);
    assert_eq!(withdrawn.as_array().unwrap().len(), 2);
}

#[test]
fn partners_confirm_commitment_and_incidents_show_beside_their_engineers() {
    let env = Env::demo();
    let bp = env.engineer("partner");
    let own = env.engineer("own");
    let partner = env.json(&["show", "engineer", &bp.to_string(), "--json"])["partner"]
        .as_str()
        .unwrap()
        .to_string();
    let e = env.fails(&["partner", "incident", "No Such KK", "x"]);
    assert!(e.contains("no partner named"), "{e}");
    env.ok(&["partner", "incident", &partner, "着任前に要員差し替え"]);
    let list = env.json(&["partners", "--json"]);
    let p = list
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == partner.as_str())
        .unwrap();
    assert_eq!(p["incidents"][0]["text"], "着任前に要員差し替え");

    let id = env.propose(1, bp);
    let out = env.ok(&["propose", "2", &bp.to_string()]);
    assert!(out.contains("incident"), "{out}");
    assert_eq!(env.item(id)["partner_incidents"], 1);
    env.ok(&["stage", &id.to_string(), "offered"]);
    assert_eq!(env.item(id)["partner_unconfirmed"], true);
    env.ok(&["stage", &id.to_string(), "--partner-confirmed"]);
    let p = env.item(id);
    assert_eq!(p["partner_confirmed"], true);
    assert_eq!(p["partner_unconfirmed"], false);
    let pitch = env.run(&["pitch", &id.to_string()]);
    assert!(stderr(&pitch).contains("着任前に要員差し替え"));

    let own_id = env.propose(1, own).to_string();
    let e = env.fails(&["stage", &own_id, "--partner-confirmed"]);
    assert!(e.contains("for partner engineers"), "{e}");
}

#[test]
fn editing_an_opening_makes_a_revision_and_shows_the_ranking_move() {
    let env = Env::demo();
    let id = env.propose(1, 5);
    let out = env.json(&[
        "edit",
        "opening",
        "1",
        "--set",
        "max_depth=0",
        "--set",
        "rate_max=200",
        "--set",
        "nice+=Docker",
        "--by",
        "alice",
        "--as-of",
        "2026-11-26",
        "--json",
    ]);
    assert_eq!(out["revision"], 2);
    let fields: Vec<&str> = out["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"max_depth") && fields.contains(&"nice"),
        "{fields:?}"
    );
    assert!(out["movements"].is_array());
    for m in out["movements"].as_array().unwrap() {
        assert!(m["change"].is_string() && m["engineer_id"].is_i64(), "{m}");
        if m["change"] == "left" {
            assert!(!m["reason"].as_str().unwrap_or("").is_empty(), "{m}");
        }
    }
    assert_eq!(out["outdated_proposals"][0]["id"], id);
    assert_eq!(env.item(id)["outdated_revision"], true);

    let hist = env.json(&["history", "1", "--json"]);
    let revs = hist.as_array().unwrap();
    assert_eq!(revs.len(), 2);
    assert_eq!(revs[1]["changed_by"], "alice");
    assert_eq!(revs[1]["requirements"]["max_depth"], 0);
    assert!(revs[0]["requirements"]["max_depth"] != 0);
    let text = env.ok(&["history", "1"]);
    assert!(
        text.contains("rev 2") && text.contains("max_depth"),
        "{text}"
    );

    let text = env.ok(&["edit", "opening", "1", "--set", "max_depth=0"]);
    assert!(text.contains("no change"), "{text}");
}

#[test]
fn a_bad_edit_writes_nothing() {
    let env = Env::demo();
    let before = env.ok(&["show", "opening", "2", "--json"]);
    for bad in [
        "rate_min=999",
        "colour=red",
        "must=Java:many",
        "remote=sometimes",
        "max_depth=9",
    ] {
        env.fails(&["edit", "opening", "2", "--set", bad]);
    }
    let e = env.fails(&["edit", "opening", "2"]);
    assert!(e.contains("$EDITOR"), "{e}");
    assert_eq!(env.ok(&["show", "opening", "2", "--json"]), before);
    assert_eq!(
        env.json(&["history", "2", "--json"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    env.fails(&["edit", "opening", "404", "--set", "rate_max=1"]);
}

#[test]
fn the_editor_round_trip_stores_a_revision() {
    let env = Env::demo();
    let mut c = env.cmd(&["edit", "opening", "3", "--by", "bob"]);
    c.env("EDITOR", "sed -i -e 's/^# age_limit = $/age_limit = 45/'");
    let out = c.output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("age_limit: - → 45"), "{text}");
    assert_eq!(
        env.json(&["show", "opening", "3", "--json"])["age_limit"],
        45
    );

    // An editor that breaks the TOML: no terminal to ask, so abort with nothing written.
    let mut c = env.cmd(&["edit", "opening", "3"]);
    c.env("EDITOR", "sed -i -e 's/^title = /title = = /'");
    let out = c.output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nothing was written"),
        "{}",
        stderr(&out)
    );
    // Saving without a change is no revision.
    let mut c = env.cmd(&["edit", "opening", "3"]);
    c.env("EDITOR", "true");
    let out = c.output().unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("no change"));
    assert_eq!(
        env.json(&["history", "3", "--json"])
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn none_available_answers_and_stats_count_it() {
    let env = Env::demo();
    let out = env.ok(&["answer", "4", "--none"]);
    assert!(out.contains("none available"), "{out}");
    let e = env.fails(&["answer", "4", "--none"]);
    assert!(e.contains("already answered"), "{e}");
    // Without --none it is a usage error (clap's exit 2).
    assert!(!env.run(&["answer", "5"]).status.success());
    env.propose(5, 5);
    let s = env.json(&["stats", "--json"]);
    for key in [
        "openings",
        "answered",
        "answered_none",
        "median_response_hours",
        "p90_response_hours",
        "proposals_per_opening",
        "interview_rate",
        "win_rate",
    ] {
        assert!(s["overall"].get(key).is_some(), "stats lacks {key}: {s}");
    }
    assert_eq!(s["overall"]["openings"], 10);
    assert!(s["overall"]["answered_none"].as_u64().unwrap() >= 1);
    assert!(!s["by_rank"].as_array().unwrap().is_empty());
    assert_eq!(s["by_month"][0]["key"], "2026-11");
    let later = env.json(&["stats", "--json", "--from", "2027-01-01"]);
    assert_eq!(later["overall"]["openings"], 0);
    env.fails(&["stats", "--from", "2026-13-01"]);
    assert!(env.ok(&["stats"]).contains("median"));
}

#[test]
fn pitch_renders_the_message_with_overrides_and_to_a_private_file() {
    let env = Env::demo();
    let id = env.propose(1, 5).to_string();
    let ja = env.ok(&["pitch", &id, "--lang", "ja", "--as-of", "2026-11-26"]);
    for want in ["■氏名:", "■所属: 弊社", "■稼働開始:", "■単価:"] {
        assert!(ja.contains(want), "{want} missing:\n{ja}");
    }
    let en = env.ok(&["pitch", "2", "5", "--lang", "en"]);
    assert!(
        en.contains("Engineer:") && en.contains("Affiliation:"),
        "{en}"
    );

    let out = env.dir.path().join("pitch.txt");
    env.ok(&["pitch", &id, "--out", out.to_str().unwrap()]);
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(written.contains("Engineer:") || written.contains("氏名"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let templates = env.config_dir().join("templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("pitch.en.txt"),
        "{{ initials }} / {{ affiliation }}\n",
    )
    .unwrap();
    let mine = env.ok(&["pitch", &id, "--lang", "en"]);
    assert_eq!(mine.lines().count(), 1, "{mine}");
    assert!(mine.contains(" / own"), "{mine}");
    std::fs::write(templates.join("pitch.en.txt"), "{{ nosuch }}").unwrap();
    let e = env.fails(&["pitch", &id, "--lang", "en"]);
    assert!(e.contains("pitch.en.txt"), "{e}");
    // The name written with an underscore is read too, never silently passed over.
    std::fs::write(templates.join("pitch_ja.txt"), "所属: {{ affiliation }}\n").unwrap();
    let ja = env.ok(&["pitch", &id, "--lang", "ja"]);
    assert_eq!(ja.trim(), "所属: 弊社正社員", "{ja}");
    env.fails(&["pitch", "999"]);
    assert!(!env.run(&["pitch", "1", "2", "3"]).status.success());
}

fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, text).unwrap();
    p
}

#[test]
fn check_flags_inconsistent_profiles() {
    let env = Env::demo();
    let file = write(
        env.dir.path(),
        "eng.json",
        r#"[{"id": 900, "name": "検査 太郎", "affiliation": "own", "career_start": 2022,
             "cost": 70, "rate": 60, "last_checked": "2026-11-01",
             "skills": [{"name": "Java", "years": 10}]}]"#,
    );
    env.ok(&["import", "engineers", file.to_str().unwrap()]);
    let v = env.json(&[
        "check",
        "--json",
        "--as-of",
        "2026-11-26",
        "--engineer",
        "900",
    ]);
    let rules: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["rule"].as_str().unwrap())
        .collect();
    for r in [
        "skill_years_above_career",
        "cost_above_rate",
        "missing_station",
    ] {
        assert!(rules.contains(&r), "{r} not in {rules:?}");
    }
    assert!(v[0]["message"].is_string() && v[0]["severity"] == "error");
    let errors = env.json(&["check", "--json", "--errors-only", "--as-of", "2026-11-26"]);
    assert!(errors
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["severity"] == "error"));
    let text = env.ok(&["check", "--as-of", "2026-11-26"]);
    assert!(
        text.contains("cost 70万 is above the asking rate 60万"),
        "{text}"
    );
    let out = env.ok(&["propose", "1", "900"]);
    assert!(
        out.contains("above the asking rate"),
        "propose warns: {out}"
    );
}

#[test]
fn clients_get_ranks_and_relationships() {
    let env = Env::demo();
    env.ok(&[
        "client",
        "set",
        "新規商事",
        "--rank",
        "b",
        "--expected",
        "A",
        "--note",
        "紹介",
    ]);
    let e = env.fails(&["client", "set", "新規商事", "--rank", "E"]);
    assert!(e.contains("A, B, C, D"), "{e}");
    let list = env.json(&["clients", "--json"]);
    let c = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "新規商事")
        .unwrap();
    assert_eq!(c["rank"], "B");
    assert_eq!(c["rank_expected"], "A");
    assert_eq!(c["relationship"], "紹介");
    assert!(env.ok(&["clients"]).contains("新規商事"));
}

#[test]
fn urgent_days_come_from_the_config() {
    let env = Env::demo();
    let id = env.propose(3, 5);
    env.ok(&["stage", &id.to_string(), "offered"]);
    let days = env.item(id)["days_to_start"].as_i64().unwrap();
    std::fs::create_dir_all(env.config_dir()).unwrap();
    write(
        &env.config_dir(),
        "config.toml",
        &format!("[pipeline]\nurgent_days = {}\n", days - 1),
    );
    assert_eq!(env.item(id)["urgent"], false);
    write(
        &env.config_dir(),
        "config.toml",
        &format!("[pipeline]\nurgent_days = {days}\n"),
    );
    assert_eq!(env.item(id)["urgent"], true);
    write(
        &env.config_dir(),
        "config.toml",
        "[pipeline]\nurgentdays = 3\n",
    );
    env.fails(&["pipeline"]);
}

/// On a terminal `stage` asks before withdrawing the others; `script` provides the terminal.
#[test]
fn on_a_terminal_the_others_are_withdrawn_after_a_yes() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` for a pseudo-terminal");
        return;
    }
    let env = Env::demo();
    let a = env.propose(1, 7);
    let b = env.propose(2, 7);
    let line = format!(
        "{} --db {} stage {a} offered",
        env!("CARGO_BIN_EXE_benchmatch"),
        env.db().display()
    );
    let mut child = Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("BENCHMATCH_CONFIG_DIR", env.config_dir())
        .env("LANG", "C")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1500));
        stdin.write_all(b"y\n").unwrap();
    }
    let out = child.wait_with_output().unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}{}", stderr(&out));
    assert!(text.contains("[y/N]"), "{text}");
    assert_eq!(env.item(b)["stage"], "withdrawn", "{text}");
    assert_eq!(env.item(a)["stage"], "offered");
}

/// `demo` shows the pipeline at work: an unsigned offer near its start, one engineer
/// proposed twice, a signed contract whose engineer has left who's free.
#[test]
fn the_demo_has_proposals_in_several_stages_and_signing_books() {
    let env = Env {
        dir: tempfile::tempdir().unwrap(),
    };
    env.ok(&[
        "demo",
        "--no-open",
        "--today",
        "2026-11-26",
        "--engineers",
        "50",
        "--openings",
        "10",
    ]);
    let board = env.json(&["pipeline", "--json", "--all", "--as-of", "2026-11-26"]);
    let items = board.as_array().unwrap();
    assert_eq!(items.len(), 4, "{board:#}");
    assert!(items.iter().any(|p| p["unsigned"] == true));
    assert!(items
        .iter()
        .any(|p| !p["parallel"].as_array().unwrap().is_empty()));
    let signed = items.iter().find(|p| p["stage"] == "signed").unwrap();
    assert!(signed["events"].as_array().unwrap().len() >= 3);
    let engineer = signed["engineer_id"].as_i64().unwrap();
    let free = env.json(&[
        "free",
        "--from",
        "2026-11-26",
        "--to",
        "2027-06-30",
        "--json",
        "--as-of",
        "2026-11-26",
    ]);
    assert!(
        free.as_array()
            .unwrap()
            .iter()
            .all(|f| f["id"].as_i64() != Some(engineer)),
        "the signed engineer is booked"
    );
    // The story of a proposal from the command line.
    let shown = env.ok(&["show", "proposal", &signed["id"].to_string()]);
    assert!(shown.contains("history"), "{shown}");
}

#[test]
fn stage_on_a_past_day_dates_the_move() {
    let env = Env::demo();
    let id = env.propose(1, 5);
    let sid = id.to_string();
    env.ok(&["stage", &sid, "offered"]);
    let yesterday = (chrono::Local::now().date_naive() - chrono::Duration::days(1)).to_string();
    env.ok(&["stage", &sid, "signed", "--on", &yesterday]);
    let p = env.item(id);
    assert_eq!(p["stage"], "signed");
    assert!(
        p["signed_at"].as_str().unwrap().starts_with(&yesterday),
        "{p}"
    );
    // Never in the future, never a non-date: a one-line error and nothing moved.
    let id2 = env.propose(2, 6).to_string();
    let tomorrow = (chrono::Local::now().date_naive() + chrono::Duration::days(1)).to_string();
    let e = env.fails(&["stage", &id2, "interview", "--on", &tomorrow]);
    assert!(e.contains("cannot be dated after today"), "{e}");
    let e = env.fails(&["stage", &id2, "interview", "--on", "昨日"]);
    assert!(e.contains("--on"), "{e}");
    assert_eq!(env.item(id2.parse().unwrap())["stage"], "proposed");
}

#[test]
fn the_agreed_start_is_recorded_at_offer_and_shown_on_the_board() {
    let env = Env::demo();
    let id = env.propose(1, 5);
    let sid = id.to_string();
    let err = env.fails(&["stage", &sid, "interview", "--start", "2027-01-06"]);
    assert!(err.contains("offered or signed"), "{err}");
    let err = env.fails(&["stage", &sid, "offered", "--start", "2027-13-06"]);
    assert!(err.contains("--start"), "{err}");
    assert_eq!(env.item(id)["stage"], "proposed", "nothing written");
    env.ok(&["stage", &sid, "offered", "--start", "2027-01-06"]);
    let p = env.item(id);
    assert_eq!(p["start_on"], "2027-01-06");
    let text = env.ok(&["pipeline", "--as-of", "2026-11-26"]);
    assert!(text.contains("agreed start 2027-01-06"), "{text}");
    // Changed alone later, while offered.
    env.ok(&["stage", &sid, "--start", "2027-01-13"]);
    assert_eq!(env.item(id)["start_on"], "2027-01-13");
}

#[test]
fn a_new_must_the_proposed_engineer_lacks_is_flagged_on_the_board() {
    let env = Env::demo();
    let id = env.propose(1, 5);
    let board = env.ok(&["pipeline", "--as-of", "2026-11-26"]);
    assert!(!board.contains("new must"), "{board}");
    env.ok(&["edit", "opening", "1", "--set", "must+=COBOL:10"]);
    let board = env.ok(&["pipeline", "--as-of", "2026-11-26"]);
    assert!(board.contains("new must not met: COBOL:10"), "{board}");
    assert_eq!(env.item(id)["musts_unmet"], serde_json::json!(["COBOL:10"]));
}

/// A kanji name without its reading never puts kanji initials in a pitch: the pitch says
/// 未登録 and warns; once the reading is entered (`--set name_kana=…`), its initials.
#[test]
fn a_pitch_takes_initials_from_the_reading_and_never_prints_kanji() {
    let env = Env::demo();
    let csv = env.dir.path().join("roster.csv");
    std::fs::write(
        &csv,
        "氏名,所属,単価,スキル\n高橋 美咲,自社,66万,Java 6年\n",
    )
    .unwrap();
    env.ok(&["import", "engineers", csv.to_str().unwrap()]);
    let id = env
        .json(&["engineers", "--json"])
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == "高橋 美咲")
        .map(|e| e["id"].to_string())
        .unwrap();
    let out = env.run(&["pitch", "1", &id, "--lang", "ja", "--as-of", "2026-11-26"]);
    let (text, err) = (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr(&out),
    );
    assert!(out.status.success(), "{err}");
    assert!(text.contains("■氏名: （イニシャル未登録）"), "{text}");
    assert!(!text.contains("高.美."), "{text}");
    assert!(err.contains("イニシャル未登録"), "{err}");
    let checks = env.json(&[
        "check",
        "--json",
        "--engineer",
        &id,
        "--as-of",
        "2026-11-26",
    ]);
    assert!(
        checks
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["rule"] == "missing_initials"),
        "{checks}"
    );

    env.ok(&[
        "edit",
        "engineer",
        &id,
        "--set",
        "name_kana=タカハシ ミサキ",
    ]);
    let out = env.run(&["pitch", "1", &id, "--lang", "ja", "--as-of", "2026-11-26"]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(text.contains("■氏名: M.T."), "{text}");
    assert!(
        !stderr(&out).contains("イニシャル未登録"),
        "{}",
        stderr(&out)
    );
    let shown = env.json(&["show", "engineer", &id, "--json"]);
    assert_eq!(shown["name_kana"], "タカハシ ミサキ", "{shown}");
}
