//! The real binary in a real pseudo-terminal (tmux): open an opening, move,
//! propose, search, quit; then the proposal is in the database and the shell
//! has its screen back. Fails when tmux is not installed (`.ci/run` installs it).

use std::path::Path;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

const BIN: &str = env!("CARGO_BIN_EXE_benchmatch");

/// A private tmux server (its socket in the test's temporary directory, so
/// nothing is left behind), killed when the test ends.
pub(crate) struct Tmux {
    pub(crate) socket: std::path::PathBuf,
}

impl Tmux {
    pub(crate) fn run(&self, args: &[&str]) -> Output {
        Command::new("tmux")
            .arg("-S")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs")
    }

    pub(crate) fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "e2e"]).stdout).into_owned()
    }

    pub(crate) fn send(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "e2e"];
        args.extend_from_slice(keys);
        let out = self.run(&args);
        assert!(out.status.success(), "send-keys {keys:?}: {out:?}");
    }

    /// Wait until the screen no longer shows `text` (a reload may land a frame later);
    /// the last screen either way.
    fn wait_without(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if !s.contains(text) || start.elapsed() > Duration::from_secs(secs) {
                return s;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Wait until the screen shows `text`; panic with the screen after `secs`.
    pub(crate) fn wait_for(&self, text: &str, secs: u64) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if s.contains(text) {
                return s;
            }
            if start.elapsed() > Duration::from_secs(secs) {
                panic!("timed out waiting for {text:?}; screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = self.run(&["kill-server"]);
    }
}

pub(crate) fn quote(p: &Path) -> String {
    format!("'{}'", p.display().to_string().replace('\'', r"'\''"))
}

/// The line of the screen holding `needle`.
fn line_with<'s>(screen: &'s str, needle: &str) -> &'s str {
    screen.lines().find(|l| l.contains(needle)).unwrap_or("")
}

#[test]
fn propose_and_search_through_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (tmux, db) = dashboard(dir.path());

    // Home: the triage queue, with the figures of the rows filled in by the worker.
    tmux.wait_for("openings · sort: newest", 10);
    tmux.wait_for("Top candidates for #", 10);

    // Enter opens the selected opening with its ranked candidates.
    tmux.send(&["Enter"]);
    let opening = tmux.wait_for("to discuss", 5);
    let id: i64 = opening
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix('#'))
        .and_then(|l| l.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no opening id on screen:\n{opening}"));
    let first = line_with(&opening, "Why ").to_string();

    // j moves to the second candidate: the breakdown follows.
    tmux.send(&["j"]);
    let start = Instant::now();
    let moved = loop {
        let s = tmux.screen();
        let why = line_with(&s, "Why ").to_string();
        if !why.is_empty() && why != first {
            break why;
        }
        assert!(
            start.elapsed() < Duration::from_secs(5),
            "j did not move:\n{s}"
        );
        std::thread::sleep(Duration::from_millis(50));
    };
    let name = moved
        .split("Why ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_default()
        .to_string();

    // p asks first (rate, then note), and proposes that candidate.
    propose(&tmux);
    let done = tmux.wait_for("Proposal recorded", 5);
    assert!(done.contains(&name), "{done}");

    // / searches as you type.
    tmux.send(&["/"]);
    tmux.wait_for("Type a name, skill", 5);
    tmux.send(&["-l", "java"]);
    let found = tmux.wait_for("matches", 5);
    assert!(found.contains("Java"), "{found}");

    // Esc back twice, q quits, and the shell gets its screen back.
    tmux.send(&["Escape"]);
    tmux.wait_for("to discuss", 5);
    tmux.send(&["q"]);
    let after = tmux.wait_for("exit=0", 5);
    assert!(
        !after.contains("to discuss"),
        "the dashboard is gone:\n{after}"
    );

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&db, tax).unwrap();
    let proposals = store.proposals().unwrap();
    assert_eq!(proposals.len(), 1, "{proposals:?}");
    assert_eq!(proposals[0].opening_id, id);
    let engineer = store.engineer(proposals[0].engineer_id).unwrap();
    assert_eq!(engineer.name, name);
    let o = store.opening(id).unwrap();
    assert_eq!(o.status, benchmatch::domain::OpeningStatus::Proposed);
    assert!(o.answered_at.is_some());
}

/// Fail, never skip, when tmux is missing: these walks are the end-to-end proof.
pub(crate) fn require_tmux() {
    assert!(
        Command::new("tmux").arg("-V").output().is_ok(),
        "tmux is not installed: the end-to-end dashboard walks need it (apt-get install tmux)"
    );
}

/// Start the dashboard on a fresh demo database in tmux.
fn dashboard(dir: &Path) -> (Tmux, std::path::PathBuf) {
    require_tmux();
    let db = dir.join("e2e.db");
    let config = dir.join("config");
    let made = Command::new(BIN)
        .args([
            "demo",
            "--engineers",
            "300",
            "--openings",
            "60",
            "--seed",
            "42",
        ])
        .args([
            "--today",
            "2026-03-02",
            "--no-open",
            "--no-proposals",
            "--db",
        ])
        .arg(&db)
        .env("BENCHMATCH_CONFIG_DIR", &config)
        .output()
        .unwrap();
    assert!(made.status.success(), "{made:?}");
    let tmux = Tmux {
        socket: dir.join("tmux.sock"),
    };
    launch(&tmux, &config, &db);
    // The first dashboard asks, once, which company we are; an empty answer skips it.
    tmux.wait_for("Your company's name", 15);
    tmux.send(&["Enter"]);
    // Asked once: the answer (even none) is remembered in the config.
    let start = Instant::now();
    while !std::fs::read_to_string(config.join("config.toml"))
        .is_ok_and(|t| t.contains("asked = true"))
    {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "the company answer was not saved"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (tmux, db)
}

/// Run the dashboard (English, today 2026-03-02) in the tmux session `e2e`, replacing
/// any session of that name.
fn launch(tmux: &Tmux, config: &Path, db: &Path) {
    launch_in(tmux, config, db, "en", (120, 40), Some("2026-03-02"));
}

/// [`launch`] in `lang` on a terminal of `size` (columns, rows); `today` as given, else the
/// real date (what the command line used for an import).
fn launch_in(
    tmux: &Tmux,
    config: &Path,
    db: &Path,
    lang: &str,
    size: (u16, u16),
    today: Option<&str>,
) {
    let today = today.map_or(String::new(), |d| format!("BENCHMATCH_TODAY={d} "));
    let cmd = format!(
        "env {today}NO_COLOR=1 BENCHMATCH_CONFIG_DIR={} {} --db {} --lang {lang}; echo \"exit=$?\"; sleep 30",
        quote(config),
        quote(Path::new(BIN)),
        quote(db)
    );
    let (w, h) = (size.0.to_string(), size.1.to_string());
    // A session already there gets the new command in its pane: killing the last session
    // stops the server, and a new one started while it exits fails now and then.
    if tmux.run(&["has-session", "-t", "e2e"]).status.success() {
        let out = tmux.run(&["respawn-pane", "-k", "-t", "e2e", &cmd]);
        assert!(out.status.success(), "tmux respawn-pane: {out:?}");
        let _ = tmux.run(&["resize-window", "-t", "e2e", "-x", &w, "-y", &h]);
        return;
    }
    let out = tmux.run(&[
        "-u",
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        &w,
        "-y",
        &h,
        &cmd,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
}

/// Move the selected proposal one stage through the menu: `downs` rows down, no note.
fn stage(tmux: &Tmux, downs: usize, expect: &str) {
    tmux.send(&["t"]);
    tmux.wait_for("Move to stage", 5);
    for _ in 0..downs {
        tmux.send(&["j"]);
    }
    tmux.send(&["Enter"]);
    if matches!(expect, "offered" | "signed") {
        // The agreed start first, prefilled: Enter keeps it.
        tmux.wait_for("Agreed start", 5);
        tmux.send(&["Enter"]);
    }
    tmux.wait_for("Note (interview feedback", 5);
    tmux.send(&["Enter"]);
    tmux.wait_for(&format!("is now {expect}"), 5);
}

#[test]
fn a_proposal_walks_to_signed_and_the_unsigned_flag_disappears() {
    let dir = tempfile::tempdir().unwrap();
    let (tmux, db) = dashboard(dir.path());
    tmux.wait_for("Top candidates for #", 10);
    tmux.send(&["Enter"]);
    let opened = tmux.wait_for("to discuss", 5);
    let name = opened
        .split("Why ")
        .nth(1)
        .and_then(|rest| rest.split(':').next())
        .unwrap_or_default()
        .to_string();
    propose(&tmux);
    tmux.wait_for("Proposal recorded", 5);

    // The pipeline: proposed → interview → interviewed (with feedback) → offered.
    tmux.send(&["4"]);
    tmux.wait_for("1 proposals", 5);
    stage(&tmux, 0, "interview");
    tmux.send(&["t"]);
    tmux.wait_for("Move to stage", 5);
    tmux.send(&["Enter"]);
    tmux.wait_for("Note (interview feedback", 5);
    tmux.send(&["-l", "clear answers, wants remote"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("is now interviewed", 5);
    // From interviewed, offered is third: interview, interviewed, offered.
    stage(&tmux, 2, "offered");
    let offered = tmux.wait_for("UNSIGNED", 5);
    assert!(offered.contains("1 unsigned"), "{offered}");

    // Signed: the flag is gone.
    stage(&tmux, 0, "signed");
    let signed = tmux.screen();
    assert!(!signed.contains("UNSIGNED"), "{signed}");
    assert!(signed.contains("0 unsigned"), "{signed}");

    // Signing booked the engineer: who's free no longer lists them.
    tmux.send(&["2"]);
    tmux.wait_for("Own", 5);
    let free = if name.is_empty() {
        tmux.screen()
    } else {
        tmux.wait_without(&name, 5)
    };
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);

    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&db, tax).unwrap();
    let board = store.pipeline().unwrap();
    assert_eq!(board.len(), 1, "{board:?}");
    assert_eq!(board[0].stage, benchmatch::pipeline::Stage::Signed);
    assert!(board[0].signed_at.is_some());
    let events = store.proposal_events(board[0].id).unwrap();
    let stages: Vec<_> = events.iter().map(|e| e.stage.as_str()).collect();
    assert_eq!(
        stages,
        ["proposed", "interview", "interviewed", "offered", "signed"]
    );
    assert!(events
        .iter()
        .any(|e| e.note == "clear answers, wants remote"));
    let o = store.opening(board[0].opening_id).unwrap();
    assert_eq!(o.status, benchmatch::domain::OpeningStatus::Won);
    let (pool, _) = store.load_available().unwrap();
    let same_name = pool.iter().filter(|e| e.name == name).count();
    if same_name == 1 {
        assert!(!free.contains(&name), "{name} is booked:\n{free}");
    }
    let booked = pool.iter().find(|e| e.id == board[0].engineer_id).unwrap();
    assert!(
        booked.available_from > Some(chrono::NaiveDate::from_ymd_opt(2026, 7, 1).unwrap()),
        "{booked:?}"
    );
}

/// `p`, then Enter on the rate and Enter on the note.
fn propose(tmux: &Tmux) {
    tmux.send(&["p"]);
    tmux.wait_for("Rate (万円", 5);
    tmux.send(&["Enter"]);
    tmux.wait_for("Note (optional)", 5);
    tmux.send(&["Enter"]);
}

#[test]
fn propose_confirm_then_undo_through_a_real_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let (tmux, db) = dashboard(dir.path());
    tmux.wait_for("Top candidates for #", 10);
    tmux.send(&["Enter"]);
    tmux.wait_for("to discuss", 5);
    tmux.send(&["p"]);
    tmux.wait_for("Rate (万円", 5);
    tmux.send(&["C-u"]);
    tmux.send(&["-l", "66"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("Note (optional)", 5);
    tmux.send(&["-l", "rate agreed by phone"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("Proposal recorded", 5);
    tmux.send(&["u"]);
    tmux.wait_for("Undo this?", 5);
    tmux.send(&["y"]);
    tmux.wait_for("undone: 'proposed", 5);
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);
    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&db, tax).unwrap();
    assert!(store.proposals().unwrap().is_empty());
}

/// A roster as a rep keeps one: Japanese headers, the trade's words, partners named under
/// 所属 (one company written two ways), and who is on site where, with no end (長期).
fn rep_roster(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("要員一覧").unwrap();
    ws.write_string(0, 0, "要員一覧 (12月)").unwrap();
    let rows: [[&str; 12]; 5] = [
        [
            "氏名",
            "所属",
            "雇用形態",
            "単価",
            "スキル",
            "稼働可能日",
            "リモート",
            "現在の現場",
            "参画開始日",
            "契約終了日",
            "NG",
            "最寄駅",
        ],
        [
            "山田 太郎",
            "自社",
            "正社員",
            "65万",
            "Java(6年)、Spring Boot 4年",
            "",
            "常駐可",
            "ひかり損保",
            "2025/4/1",
            "長期",
            "",
            "渋谷",
        ],
        [
            "佐藤 花子",
            "(株)テックブリッジ",
            "正社員",
            "60",
            "Python 4年",
            "即日",
            "リモート可",
            "",
            "",
            "",
            "金融NG",
            "品川",
        ],
        [
            "鈴木 一郎",
            "株式会社テックブリッジ",
            "個人事業主",
            "70",
            "AWS 3年、Go 2年",
            "2月〜",
            "一部リモート",
            "",
            "",
            "",
            "",
            "新宿",
        ],
        [
            "高橋 次郎",
            "自社",
            "契約社員",
            "55",
            "Java 2年",
            "随時",
            "常駐可",
            "",
            "",
            "",
            "",
            "池袋",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32 + 2, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn a_reps_roster_imports_on_the_first_try_and_the_opening_shows_who_could_rotate() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("day.db");
    let config = dir.path().join("config");
    let roster = dir.path().join("roster.xlsx");
    rep_roster(&roster);
    let posting = dir.path().join("posting.txt");
    std::fs::write(
        &posting,
        "件名：【Java】保険会社向け契約管理システム開発\n\n【案件名】契約管理システム開発\n\
【単価】～75万円\n【必須】Java 3年以上\n【場所】渋谷\n【開始】即日\n",
    )
    .unwrap();
    let tmux = Tmux {
        socket: dir.path().join("tmux.sock"),
    };
    let out = tmux.run(&[
        "-u",
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        "sh",
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    let bm = format!(
        "env NO_COLOR=1 BENCHMATCH_CONFIG_DIR={} {} --db {}",
        quote(&config),
        quote(Path::new(BIN)),
        quote(&db)
    );
    // The roster, as written, on the first try; then the posting.
    tmux.send(&[
        &format!(
            "{bm} import engineers {} ; echo \"roster-exit $?\"",
            quote(&roster)
        ),
        "Enter",
    ]);
    // The echoed command line holds `$?`; only the finished command prints the code.
    let screen = tmux.wait_for("roster-exit 0", 20);
    assert!(screen.contains("imported 4 engineers"), "{screen}");
    assert!(screen.contains("new partner"), "{screen}");
    tmux.send(&[
        &format!(
            "{bm} import openings {} ; echo \"posting-exit $?\"",
            quote(&posting)
        ),
        "Enter",
    ]);
    // The first posting import asks, once, which company we are (mail greets us by it).
    tmux.wait_for("Your company's name", 20);
    tmux.send(&["-l", "Mirai Tech Co., Ltd."]);
    tmux.send(&["Enter"]);
    tmux.wait_for("posting-exit 0", 20);
    let config_text = std::fs::read_to_string(config.join("config.toml")).unwrap();
    assert!(
        config_text.contains("Mirai Tech Co., Ltd."),
        "{config_text}"
    );

    // One partner, however the roster wrote its name.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let partners: i64 = conn
        .query_row("SELECT count(*) FROM partners", [], |r| r.get(0))
        .unwrap();
    assert_eq!(partners, 1);
    drop(conn);

    // The dashboard: open the opening; under its candidates, who could rotate in.
    tmux.send(&["clear", "Enter"]);
    tmux.send(&[&format!("{bm} --lang en"), "Enter"]);
    tmux.wait_for("openings · sort", 15);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Rotation (要調整) 1", 10);
    let row = line_with(&screen, "since ");
    assert!(row.contains("山田 太郎"), "{screen}");
    assert!(row.contains("ひかり損保 since 2025-04-01"), "{screen}");
    tmux.send(&["q"]);
}

/// A revision that lowers the cap below a proposal's rate flags the proposal on the
/// board; the rep edits the unsigned proposal's rate (`r`) and the pitch (`P`) says the
/// new rate.
#[test]
fn a_lowered_cap_flags_the_proposal_and_a_new_rate_reaches_the_pitch() {
    let dir = tempfile::tempdir().unwrap();
    let (tmux, db) = dashboard(dir.path());
    let config = dir.path().join("config");
    tmux.wait_for("Top candidates for #", 10);
    tmux.send(&["Enter"]);
    tmux.wait_for("to discuss", 5);
    tmux.send(&["p"]);
    tmux.wait_for("Rate (万円", 5);
    tmux.send(&["C-u"]);
    tmux.send(&["-l", "68"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("Note (optional)", 5);
    tmux.send(&["Enter"]);
    tmux.wait_for("Proposal recorded", 5);
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);

    // The client lowers the cap: a new revision, from the command line.
    let tax = benchmatch::skills::Taxonomy::builtin();
    let opening = {
        let store = benchmatch::store::Store::open(&db, tax).unwrap();
        let p = store.proposals().unwrap()[0].clone();
        assert_eq!(p.rate, benchmatch::domain::Man::new(68.0));
        p.opening_id
    };
    let out = Command::new(BIN)
        .args([
            "edit",
            "opening",
            &opening.to_string(),
            "--set",
            "rate_max=65",
            "--db",
        ])
        .arg(&db)
        .env("BENCHMATCH_CONFIG_DIR", &config)
        .env("BENCHMATCH_TODAY", "2026-03-02")
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");

    launch(&tmux, &config, &db);
    tmux.wait_for("Top candidates for #", 10);
    tmux.send(&["4"]);
    tmux.wait_for("1 proposals", 5);
    let board = tmux.wait_for("rate 68万 > cap 65万", 5);
    assert!(
        line_with(&board, "rate 68万 > cap").contains("proposed"),
        "{board}"
    );

    // The terms follow the opening: 64万 with a note, the flag goes.
    tmux.send(&["r"]);
    tmux.wait_for("Rate (万円) | note:", 5);
    tmux.send(&["C-u"]);
    tmux.send(&["-l", "64 | cap lowered to 65"]);
    tmux.send(&["Enter"]);
    tmux.wait_for("Proposal updated", 5);
    let board = tmux.wait_without("rate 68万 > cap", 5);
    assert!(!board.contains("> cap"), "{board}");
    tmux.send(&["P"]);
    let pitch = tmux.wait_for("Rate: JPY 640,000 per month", 5);
    assert!(!pitch.contains("680,000"), "{pitch}");
    tmux.send(&["Escape"]);
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);
    let store = benchmatch::store::Store::open(&db, tax).unwrap();
    let p = store.proposals().unwrap()[0].clone();
    assert_eq!(p.rate, benchmatch::domain::Man::new(64.0));
}

/// A roster of one own engineer with what the sheet must show: NG, nationality, age and a
/// skill outside the dictionary; no running assignment yet.
fn sheet_roster(path: &Path) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    let rows: [[&str; 10]; 2] = [
        [
            "氏名",
            "フリガナ",
            "所属",
            "単価",
            "スキル",
            "年齢",
            "国籍",
            "NG",
            "最寄駅",
            "備考",
        ],
        [
            "高橋 美咲",
            "タカハシ ミサキ",
            "自社",
            "66万",
            "Java 6年、MuleSoft 2年",
            "34",
            "ベトナム",
            "夜勤NG",
            "渋谷",
            "",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            if !v.is_empty() {
                ws.write_string(r as u32, c as u16, *v).unwrap();
            }
        }
    }
    wb.save(path).unwrap();
}

/// The engineer sheet shows NG, nationality, age and skills outside the dictionary; a
/// running assignment entered there with `A` puts the engineer in the opening's 要調整.
#[test]
fn the_sheet_shows_what_a_rep_checks_and_an_assignment_entered_with_a_makes_rotation() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("sheet.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[company]\nnames = [\"Mirai Tech\"]\nasked = true\n",
    )
    .unwrap();
    let roster = dir.path().join("roster.xlsx");
    sheet_roster(&roster);
    let posting = dir.path().join("posting.txt");
    std::fs::write(
        &posting,
        "【案件名】保険契約管理システム開発\n【単価】～75万円\n【必須】Java 3年以上\n【場所】渋谷\n【開始】即日\n",
    )
    .unwrap();
    for args in [
        vec!["import", "engineers", roster.to_str().unwrap()],
        vec!["import", "openings", posting.to_str().unwrap()],
    ] {
        let out = Command::new(BIN)
            .args(&args)
            .arg("--db")
            .arg(&db)
            .env("BENCHMATCH_CONFIG_DIR", &config)
            .env("BENCHMATCH_TODAY", "2026-03-02")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let tmux = Tmux {
        socket: dir.path().join("tmux.sock"),
    };
    launch(&tmux, &config, &db);
    tmux.wait_for("openings · sort", 15);
    tmux.send(&["3"]);
    tmux.wait_for("高橋 美咲", 5);
    tmux.send(&["Enter"]);
    let sheet = tmux.wait_for("MuleSoft", 5);
    assert!(sheet.contains("(not in the skill"), "{sheet}");
    assert!(
        line_with(&sheet, "Will not take (NG)").contains("夜勤"),
        "{sheet}"
    );
    let facts = line_with(&sheet, "Foreign");
    assert!(
        facts.contains("Foreign yes") && facts.contains("30代"),
        "{sheet}"
    );

    // On site at ひかり損保 since April, open-ended.
    tmux.send(&["A"]);
    tmux.wait_for("On site at:", 5);
    tmux.send(&["C-u"]);
    tmux.send(&["-l", "ひかり損保 2025-04-01 open"]);
    tmux.send(&["Enter"]);
    let sheet = tmux.wait_for("2025-04-01 –", 5);
    assert!(
        line_with(&sheet, "2025-04-01 –").contains("ひかり損保"),
        "{sheet}"
    );
    tmux.send(&["1"]);
    tmux.wait_for("openings · sort", 5);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("Rotation (要調整) 1", 10);
    let row = line_with(&screen, "since ");
    assert!(
        row.contains("高橋 美咲") && row.contains("ひかり損保"),
        "{screen}"
    );
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);
}

/// The rep's roster again, in Japanese on an 80×24 terminal: the opening's 要調整 group
/// names who is on site, and the sheet's lines fit the pane without clipping.
#[test]
fn in_japanese_at_80x24_the_rotation_group_and_the_sheet_fit() {
    require_tmux();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("ja.db");
    let config = dir.path().join("config");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(
        config.join("config.toml"),
        "[company]\nnames = [\"株式会社ミライテック\"]\nasked = true\n",
    )
    .unwrap();
    let roster = dir.path().join("roster.xlsx");
    rep_roster(&roster);
    let posting = dir.path().join("posting.txt");
    std::fs::write(
        &posting,
        "【案件名】契約管理システム開発\n【単価】～75万円\n【必須】Java 3年以上\n【場所】渋谷\n【開始】即日\n",
    )
    .unwrap();
    for args in [
        vec!["import", "engineers", roster.to_str().unwrap()],
        vec!["import", "openings", posting.to_str().unwrap()],
    ] {
        let out = Command::new(BIN)
            .args(&args)
            .arg("--db")
            .arg(&db)
            .env("BENCHMATCH_CONFIG_DIR", &config)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let tmux = Tmux {
        socket: dir.path().join("tmux.sock"),
    };
    // The import read 即日 as its own day: the dashboard runs on that day too.
    launch_in(&tmux, &config, &db, "ja", (80, 24), None);
    tmux.wait_for("1 案件", 15);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("要調整 (ローテーション) 1名", 10);
    let row = line_with(&screen, "ひかり損保");
    assert!(
        row.contains("山田 太郎") && row.contains("2025-04-01〜"),
        "{screen}"
    );
    // No line runs past the terminal's 80 columns (wide characters count two).
    for line in screen.lines() {
        let w = unicode_width::UnicodeWidthStr::width(line);
        assert!(w <= 80, "{w} columns: {line}\n{screen}");
    }
    // The engineers tab: 山田's sheet, his site under 参画履歴, age and nationality on a line.
    tmux.send(&["3"]);
    tmux.wait_for("人材 4名", 5);
    tmux.send(&["/"]);
    tmux.send(&["-l", "山田"]);
    tmux.wait_for("山田 太郎", 5);
    tmux.send(&["Enter"]);
    let sheet = tmux.wait_for("参画履歴", 5);
    // No reading entered: the title names him without kanji initials.
    assert!(!sheet.contains("山.太."), "{sheet}");
    assert!(line_with(&sheet, "所属").contains("弊社"), "{sheet}");
    assert!(sheet.contains("ひかり損保"), "{sheet}");
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 5);
}
