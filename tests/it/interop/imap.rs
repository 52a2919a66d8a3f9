//! `fetch` against a real Dovecot on 127.0.0.1 with a self-signed certificate, started per test
//! (needs `dovecot-imapd` and root, as `.ci/run` provides; fails otherwise).

use serde_json::Value;
use std::io::{Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::common::Sandbox;

const PASSWORD: &str = "Tr0ub4dor&3-secret";
/// Dovecot runs the mailbox as this (non-root) user: nobody.
const MAIL_UID: u32 = 65534;

fn fixture(rel: &str) -> Vec<u8> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// A Dovecot serving IMAPS for user `rep` from a Maildir in a temporary folder.
pub(super) struct Dovecot {
    dir: tempfile::TempDir,
    port: u16,
    /// Plain IMAP (port 143 style), where login needs STARTTLS first (`ssl = required`).
    plain_port: u16,
}

fn run(cmd: &mut Command) {
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{cmd:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// On-disk Maildir++ name of a folder (modified UTF-7, as Dovecot 2.3 stores it).
fn folder_dir(folder: &str) -> String {
    if folder == "INBOX" {
        String::new()
    } else {
        format!(".{}", benchmatch::fetch::imap::utf7_encode(folder))
    }
}

impl Dovecot {
    /// Start a server; where Dovecot cannot run (not installed, not root) the test fails.
    fn start() -> Dovecot {
        let available = Path::new("/usr/sbin/dovecot").exists()
            && Command::new("id")
                .arg("-u")
                .output()
                .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
        assert!(
            available,
            "/usr/sbin/dovecot (run as root) is needed for the IMAP fetch tests; .ci/run installs dovecot-imapd"
        );
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(d, std::fs::Permissions::from_mode(0o755)).unwrap();
        for sub in ["run", "state", "home"] {
            std::fs::create_dir_all(d.join(sub)).unwrap();
        }
        Self::make_certs(d);
        let port = free_port();
        let plain_port = free_port();
        std::fs::write(
            d.join("users"),
            format!(
                "rep:{{PLAIN}}{PASSWORD}:{MAIL_UID}:{MAIL_UID}::{}::\n",
                d.join("home").display()
            ),
        )
        .unwrap();
        let dh = if Path::new("/usr/share/dovecot/dh.pem").exists() {
            "ssl_dh = </usr/share/dovecot/dh.pem\n"
        } else {
            ""
        };
        let conf = format!(
            r#"base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = required
ssl_cert = <{d}/cert.pem
ssl_key = <{d}/key.pem
{dh}default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
auth_mechanisms = plain login
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {d}/users
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {d}/users
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
}}
service imap-login {{
  inet_listener imap {{
    port = {plain_port}
  }}
  inet_listener imaps {{
    port = {port}
    ssl = yes
  }}
}}
"#,
            d = d.display()
        );
        std::fs::write(d.join("dovecot.conf"), conf).unwrap();
        let s = Dovecot {
            dir,
            port,
            plain_port,
        };
        s.make_folder("INBOX");
        s.make_folder("案件");
        s.launch();
        s
    }

    fn conf(&self) -> PathBuf {
        self.dir.path().join("dovecot.conf")
    }

    fn launch(&self) {
        self.chown();
        // The daemon keeps inherited pipes open: give it none, and wait only for the fork.
        let status = Command::new("/usr/sbin/dovecot")
            .arg("-c")
            .arg(self.conf())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("run dovecot");
        assert!(status.success(), "dovecot: {}", self.log());
        let until = Instant::now() + Duration::from_secs(10);
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                Instant::now() < until,
                "dovecot did not start: {}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("dovecot.log")).unwrap_or_default()
    }

    fn stop(&self) {
        let pid_file = self.dir.path().join("run/master.pid");
        let Ok(pid) = std::fs::read_to_string(&pid_file) else {
            return;
        };
        let pid = pid.trim().to_string();
        let _ = Command::new("kill").arg(&pid).status();
        let until = Instant::now() + Duration::from_secs(10);
        while Path::new(&format!("/proc/{pid}")).exists() && Instant::now() < until {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = std::fs::remove_file(pid_file);
    }

    pub(super) fn make_certs(d: &Path) {
        let ossl = |args: &[&str]| run(Command::new("openssl").current_dir(d).args(args));
        let ec = [
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
        ];
        ossl(
            &[
                &["req", "-x509"][..],
                &ec,
                &[
                    "-keyout",
                    "ca.key",
                    "-out",
                    "ca.pem",
                    "-days",
                    "2",
                    "-subj",
                    "/CN=benchmatch test CA",
                ],
            ]
            .concat(),
        );
        ossl(
            &[
                &["req"][..],
                &ec,
                &[
                    "-keyout",
                    "key.pem",
                    "-out",
                    "leaf.csr",
                    "-subj",
                    "/CN=localhost",
                ],
            ]
            .concat(),
        );
        std::fs::write(
            d.join("ext.cnf"),
            "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n",
        )
        .unwrap();
        ossl(&[
            "x509",
            "-req",
            "-in",
            "leaf.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "cert.pem",
            "-days",
            "2",
            "-extfile",
            "ext.cnf",
        ]);
    }

    fn maildir(&self, folder: &str) -> PathBuf {
        self.dir
            .path()
            .join("home/Maildir")
            .join(folder_dir(folder))
    }

    fn make_folder(&self, folder: &str) {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(self.maildir(folder).join(sub)).unwrap();
        }
        if folder != "INBOX" {
            let subs = self.dir.path().join("home/Maildir/subscriptions");
            let mut f = std::fs::OpenOptions::new()
                .create(true)
                .append(true)
                .open(subs)
                .unwrap();
            writeln!(f, "{folder}").unwrap();
        }
    }

    /// Deliver mails the way a mail server does: a file in new/.
    fn deliver(&self, folder: &str, mails: &[Vec<u8>]) {
        static N: AtomicUsize = AtomicUsize::new(0);
        for m in mails {
            let n = N.fetch_add(1, Ordering::Relaxed);
            let name = format!("{}.M{n}P{}.test", 1_700_000_000 + n, std::process::id());
            std::fs::write(self.maildir(folder).join("new").join(name), m).unwrap();
        }
        self.chown();
    }

    fn chown(&self) {
        run(Command::new("chown")
            .arg("-R")
            .arg(format!("{MAIL_UID}:{MAIL_UID}"))
            .arg(self.dir.path().join("home")));
    }

    /// Throw away Dovecot's UID list and indexes: the folder gets a new UIDVALIDITY.
    fn renumber(&self, folder: &str) {
        self.stop();
        // UIDVALIDITY comes from the clock: make sure a second has passed.
        std::thread::sleep(Duration::from_millis(1100));
        for e in std::fs::read_dir(self.maildir(folder)).unwrap() {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            if name.starts_with("dovecot") {
                let _ = std::fs::remove_file(&p);
            }
        }
        // Mails already moved to cur/ keep their flags; Dovecot numbers them afresh.
        self.launch();
    }

    /// Every mail file of a folder carries the \Seen flag (`:2,…S`)?
    fn flags_seen(&self, folder: &str) -> Vec<bool> {
        let mut out = Vec::new();
        for sub in ["cur", "new"] {
            for e in std::fs::read_dir(self.maildir(folder).join(sub)).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().to_string();
                let flags = name
                    .rsplit_once(":2,")
                    .map(|(_, f)| f.to_string())
                    .unwrap_or_default();
                out.push(flags.contains('S'));
            }
        }
        out
    }
}

impl Drop for Dovecot {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A sandbox whose config points at the server (or at `port` through a proxy).
fn sandbox(server: &Dovecot, port: u16, extra: &str) -> Sandbox {
    let sb = Sandbox::new();
    let cfg = sb.dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        format!(
            "[mail]\nhost = \"127.0.0.1\"\nport = {port}\nuser = \"rep\"\nfolders = [\"INBOX\", \"案件\"]\nca_file = \"{}\"\ntimeout_seconds = 10\n{extra}",
            server.dir.path().join("ca.pem").display()
        ),
    )
    .unwrap();
    sb
}

struct Fetched {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn fetch(sb: &Sandbox, password: &str, args: &[&str]) -> Fetched {
    let mut cmd = sb.cmd(&[&["fetch"][..], args].concat());
    cmd.env("BENCHMATCH_IMAP_PASSWORD", password);
    let out = cmd.output().unwrap();
    Fetched {
        ok: out.status.success(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn inbox_mails() -> Vec<Vec<u8>> {
    [
        "mail/iso2022jp.eml",
        "mail/shift_jis.eml",
        "mail/multi_numbered.eml",
        "offers/mails/01-card-issue-example.eml",
        "other/01-webinar-ai.eml",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

fn anken_mails() -> Vec<Vec<u8>> {
    [
        "offers/openings/01-brackets.eml",
        "offers/openings/05-english.eml",
    ]
    .iter()
    .map(|f| fixture(f))
    .collect()
}

fn later_mails() -> Vec<Vec<u8>> {
    ["mail/utf8_qp.eml", "offers/mails/02-brackets.eml"]
        .iter()
        .map(|f| fixture(f))
        .collect()
}

/// (openings, partner engineers offered) in a database.
fn counts(sb: &Sandbox) -> (usize, usize) {
    let openings: Vec<Value> = serde_json::from_str(&sb.ok(&["openings", "--json"])).unwrap();
    let offers: Vec<Value> = serde_json::from_str(&sb.ok(&["offers", "--json"])).unwrap();
    (openings.len(), offers.len())
}

/// What `import mail` makes of the same mails: fetch must store exactly that.
fn imported(mails: &[Vec<u8>]) -> (usize, usize) {
    let sb = Sandbox::new();
    let dir = sb.path("mails");
    std::fs::create_dir_all(&dir).unwrap();
    for (i, m) in mails.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:03}.eml")), m).unwrap();
    }
    sb.ok(&["import", "mail", dir.to_str().unwrap()]);
    counts(&sb)
}

fn assert_no_password(sb: &Sandbox, outputs: &[&Fetched]) {
    let secret = PASSWORD.as_bytes();
    let contains = |hay: &[u8]| hay.windows(secret.len()).any(|w| w == secret);
    for entry in walk(sb.dir.path()) {
        let bytes = std::fs::read(&entry).unwrap();
        assert!(!contains(&bytes), "password found in {}", entry.display());
    }
    for f in outputs {
        assert!(!f.stdout.contains(PASSWORD) && !f.stderr.contains(PASSWORD));
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

#[test]
fn first_fetch_then_incremental_then_new_mail() {
    let server = Dovecot::start();
    server.deliver("INBOX", &inbox_mails());
    server.deliver("案件", &anken_mails());
    let sb = sandbox(&server, server.port, "");
    let first = fetch(&sb, PASSWORD, &[]);
    assert!(first.ok, "{}\n{}", first.stderr, server.log());
    assert!(first.stderr.contains("fetched 7 mails"), "{}", first.stderr);
    assert!(first.stderr.contains("案件: 2 new"), "{}", first.stderr);
    let all: Vec<Vec<u8>> = inbox_mails().into_iter().chain(anken_mails()).collect();
    let want = imported(&all);
    assert!(
        want.0 >= 4 && want.1 >= 1,
        "fixtures hold openings and offers: {want:?}"
    );
    assert_eq!(counts(&sb), want, "fetch stores what import mail stores");

    let again = fetch(&sb, PASSWORD, &[]);
    assert!(again.ok, "{}", again.stderr);
    assert!(again.stderr.contains("fetched 0 mails"), "{}", again.stderr);
    assert_eq!(counts(&sb), want);

    server.deliver("INBOX", &later_mails());
    let third = fetch(&sb, PASSWORD, &["--json"]);
    assert!(third.ok, "{}", third.stderr);
    let report: Value = serde_json::from_str(&third.stdout).unwrap();
    assert_eq!(report["mails"], 2);
    let all: Vec<Vec<u8>> = all.into_iter().chain(later_mails()).collect();
    assert_eq!(counts(&sb), imported(&all));
    // Nothing on the server changed: no mail was marked seen.
    assert!(server.flags_seen("INBOX").iter().all(|s| !s));
    assert_no_password(&sb, &[&first, &again, &third]);
}

#[test]
fn wrong_password_is_one_line_and_stores_nothing() {
    let server = Dovecot::start();
    server.deliver("INBOX", &inbox_mails());
    let sb = sandbox(&server, server.port, "");
    let wrong = "not-the-password-42";
    let out = fetch(&sb, wrong, &[]);
    assert!(!out.ok);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
    assert!(out.stderr.contains("login refused"), "{}", out.stderr);
    assert!(!out.stderr.contains(wrong) && !out.stdout.contains(wrong));
    assert_eq!(counts(&sb), (0, 0));
    assert_no_password(&sb, &[&out]);
}

#[test]
fn uidvalidity_change_refetches_without_duplicates() {
    let server = Dovecot::start();
    server.deliver("INBOX", &inbox_mails());
    let sb = sandbox(&server, server.port, "");
    assert!(fetch(&sb, PASSWORD, &[]).ok);
    let before = counts(&sb);
    server.renumber("INBOX");
    let out = fetch(&sb, PASSWORD, &[]);
    assert!(out.ok, "{}", out.stderr);
    assert!(out.stderr.contains("renumbered"), "{}", out.stderr);
    assert!(out.stderr.contains("INBOX: 5 new"), "{}", out.stderr);
    assert_eq!(counts(&sb), before, "read again, stored once");
}

#[test]
fn mark_seen_only_when_asked() {
    let server = Dovecot::start();
    server.deliver("案件", &anken_mails());
    let sb = sandbox(&server, server.port, "");
    assert!(fetch(&sb, PASSWORD, &["--folder", "案件"]).ok);
    assert!(server.flags_seen("案件").iter().all(|s| !s));
    server.deliver("案件", &later_mails());
    let out = fetch(&sb, PASSWORD, &["--folder", "案件", "--mark-seen"]);
    assert!(out.ok, "{}", out.stderr);
    assert!(out.stderr.contains("marked 2 mails seen"), "{}", out.stderr);
    assert_eq!(server.flags_seen("案件").iter().filter(|s| **s).count(), 2);
}

/// A proxy that passes `limit` bytes from the server, then cuts both sides.
fn cutting_proxy(target: u16, limit: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        if let Ok((client, _)) = listener.accept() {
            let server = TcpStream::connect(("127.0.0.1", target)).unwrap();
            let (mut c2, mut s2) = (client.try_clone().unwrap(), server.try_clone().unwrap());
            std::thread::spawn(move || {
                let _ = std::io::copy(&mut c2, &mut s2);
            });
            let sent = Arc::new(AtomicUsize::new(0));
            let mut buf = [0u8; 4096];
            let (mut client, mut server) = (client, server);
            loop {
                let n = match server.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => n,
                };
                let total = sent.fetch_add(n, Ordering::Relaxed) + n;
                let n = if total > limit {
                    n - (total - limit).min(n)
                } else {
                    n
                };
                if client.write_all(&buf[..n]).is_err() || total > limit {
                    break;
                }
            }
            let _ = client.shutdown(std::net::Shutdown::Both);
            let _ = server.shutdown(std::net::Shutdown::Both);
        }
    });
    port
}

#[test]
fn a_dropped_connection_loses_nothing_and_duplicates_nothing() {
    let server = Dovecot::start();
    let one: Vec<Vec<u8>> = inbox_mails().into_iter().chain(anken_mails()).collect();
    let mails: Vec<Vec<u8>> = (0..4).flat_map(|_| one.clone()).collect();
    server.deliver("INBOX", &mails);
    // Cut well into the mails: the TLS handshake and login take a few KB, then batches of 2.
    let total: usize = mails.iter().map(Vec::len).sum();
    let proxy = cutting_proxy(server.port, 5_000 + total / 3);
    let sb = sandbox(&server, proxy, "batch = 2\n");
    let cut = fetch(&sb, PASSWORD, &["--folder", "INBOX", "--strict"]);
    assert!(!cut.ok, "the proxy cut the connection: {}", cut.stderr);
    assert!(cut.stderr.contains("fetch stopped after"), "{}", cut.stderr);
    let partial = counts(&sb);
    assert!(partial.0 > 0, "some batches were stored before the cut");
    // The next fetch, straight to the server, goes on where the cut one stopped.
    point_at(&sb, server.port);
    let out = fetch(&sb, PASSWORD, &["--folder", "INBOX"]);
    assert!(out.ok, "{}", out.stderr);
    let want = imported(&mails);
    assert_eq!(
        counts(&sb),
        want,
        "after the cut ({partial:?} stored) nothing lost or doubled"
    );
}

/// Point the sandbox's config straight at the server.
fn point_at(sb: &Sandbox, port: u16) {
    let cfg = sb.dir.path().join("config/config.toml");
    let text: Vec<String> = std::fs::read_to_string(&cfg)
        .unwrap()
        .lines()
        .map(|l| {
            if l.starts_with("port = ") {
                format!("port = {port}")
            } else {
                l.to_string()
            }
        })
        .collect();
    std::fs::write(&cfg, text.join("\n")).unwrap();
}

#[test]
fn offline_is_one_line_and_exit_zero() {
    // No server needed: nothing listens on this port.
    let sb = Sandbox::new();
    let cfg = sb.dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    let port = free_port();
    std::fs::write(
        cfg.join("config.toml"),
        format!(
            "[mail]\nhost = \"127.0.0.1\"\nport = {port}\nuser = \"rep\"\ntimeout_seconds = 2\n"
        ),
    )
    .unwrap();
    let out = fetch(&sb, PASSWORD, &[]);
    assert!(out.ok, "{}", out.stderr);
    assert_eq!(
        out.stderr.trim_end(),
        "offline: 0 fetched, last fetch never"
    );
    let strict = fetch(&sb, PASSWORD, &["--strict"]);
    assert!(!strict.ok);
}

/// Port 143 with STARTTLS: Dovecot says LOGINDISABLED until TLS, and the fetch stores what
/// IMAPS stores.
#[test]
fn starttls_on_the_plain_port_fetches_like_imaps() {
    let server = Dovecot::start();
    server.deliver("INBOX", &inbox_mails());
    server.deliver("案件", &anken_mails());
    let sb = sandbox(&server, server.plain_port, "security = \"starttls\"\n");
    let got = fetch(&sb, PASSWORD, &[]);
    assert!(got.ok, "{}\n{}", got.stderr, server.log());
    assert!(got.stderr.contains("fetched 7 mails"), "{}", got.stderr);
    let all: Vec<Vec<u8>> = inbox_mails().into_iter().chain(anken_mails()).collect();
    assert_eq!(counts(&sb), imported(&all));
    assert_no_password(&sb, &[&got]);
    // TLS from the first byte on the plain port is refused, in one line.
    let sb = sandbox(&server, server.plain_port, "");
    let got = fetch(&sb, PASSWORD, &["--strict"]);
    assert!(!got.ok);
    assert!(got.stderr.contains("TLS"), "{}", got.stderr);
    assert_eq!(got.stderr.trim().lines().count(), 1, "{}", got.stderr);
}

#[test]
fn list_folders_shows_the_servers_folders_by_their_names() {
    let server = Dovecot::start();
    server.make_folder("2026年 終了案件");
    let sb = sandbox(&server, server.port, "");
    let got = fetch(&sb, PASSWORD, &["--list-folders"]);
    assert!(got.ok, "{}\n{}", got.stderr, server.log());
    let lines: Vec<&str> = got.stdout.lines().collect();
    assert!(
        lines.contains(&"INBOX  (fetched: in folders under [mail])"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"案件  (fetched: in folders under [mail])"),
        "{lines:?}"
    );
    assert!(lines.contains(&"2026年 終了案件"), "{lines:?}");
    // Over STARTTLS too.
    let sb = sandbox(&server, server.plain_port, "security = \"starttls\"\n");
    let again = fetch(&sb, PASSWORD, &["--list-folders"]);
    assert!(again.ok, "{}", again.stderr);
    assert_eq!(again.stdout, got.stdout);
}

#[test]
fn a_password_in_the_config_file_is_refused() {
    let sb = Sandbox::new();
    let cfg = sb.dir.path().join("config");
    std::fs::create_dir_all(&cfg).unwrap();
    std::fs::write(
        cfg.join("config.toml"),
        format!("[mail]\nhost = \"h\"\nuser = \"rep\"\npassword = \"{PASSWORD}\"\n"),
    )
    .unwrap();
    let err = sb.fails(&["fetch"]);
    assert!(err.contains("password"), "{err}");
    assert!(!err.contains(PASSWORD), "{err}");
}

/// 5,000 mails of mixed kinds through a real server: the figure in README.
#[test]
#[ignore = "timing; run with --ignored --nocapture"]
fn fetch_5000_mails_timing() {
    let server = Dovecot::start();
    let kinds: Vec<Vec<u8>> = inbox_mails().into_iter().chain(anken_mails()).collect();
    let mut mails = Vec::with_capacity(5000);
    let mut rng = fastrand::Rng::with_seed(42);
    let pick = |rng: &mut fastrand::Rng, xs: &[&'static str]| xs[rng.usize(..xs.len())];
    const SKILLS: &[&str] = &[
        "Java",
        "Python",
        "Go",
        "PHP",
        "C#",
        "React",
        "AWS",
        "Ruby",
        "TypeScript",
        "Kotlin",
        "Vue.js",
        "Oracle",
        "Linux",
        "Azure",
        "Swift",
        "SAP",
        "COBOL",
        "Salesforce",
    ];
    const PLACES: &[&str] = &[
        "品川",
        "新宿",
        "渋谷",
        "大手町",
        "横浜",
        "川崎",
        "大阪",
        "名古屋",
        "福岡",
        "豊洲",
    ];
    const WORDS: &[&str] = &[
        "既存",
        "システム",
        "の",
        "改修",
        "および",
        "新規",
        "機能",
        "追加",
        "を",
        "担当",
        "して",
        "いただきます",
        "顧客",
        "折衝",
        "設計",
        "テスト",
        "運用",
        "保守",
        "チーム",
        "リーダー",
        "補佐",
        "金融",
        "物流",
        "小売",
        "製造",
        "公共",
        "クラウド",
        "移行",
        "バッチ",
        "画面",
    ];
    for i in 0..5000 {
        if i % 2 == 0 {
            // A distinct opening each time, so sorting, dedupe and storage have real work.
            let words: Vec<&str> = (0..40).map(|_| pick(&mut rng, WORDS)).collect();
            let (must, nice, place) = (
                pick(&mut rng, SKILLS),
                pick(&mut rng, SKILLS),
                pick(&mut rng, PLACES),
            );
            mails.push(
                format!(
                    "From: sales{i}@partner{}.example.jp\r\nTo: rep@example.co.jp\r\nSubject: 【案件】{must}開発 No.{i}\r\nDate: Thu, 04 Dec 2026 09:{:02}:00 +0900\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n【案件名】{must}案件 No.{i}\r\n【概要】{}\r\n【必須スキル】{must} {}年以上\r\n【尚可】{nice}\r\n【単価】{}〜{}万円\r\n【場所】{place}（リモート併用）\r\n【開始】2027年1月〜\r\n【商流】貴社社員まで\r\n",
                    i % 97,
                    i % 60,
                    words.join(""),
                    1 + i % 5,
                    50 + i % 20,
                    70 + i % 20
                )
                .into_bytes(),
            );
        } else {
            mails.push(kinds[i % kinds.len()].clone());
        }
    }
    server.deliver("INBOX", &mails);
    let sb = sandbox(&server, server.port, "");
    let t = Instant::now();
    // BENCHMATCH_BIN=target/release/benchmatch times the release build.
    let mut cmd = sb.cmd(&["fetch", "--folder", "INBOX"]);
    if let Ok(bin) = std::env::var("BENCHMATCH_BIN") {
        let mut c = Command::new(bin);
        c.args(["fetch", "--folder", "INBOX"])
            .env("BENCHMATCH_DB", sb.db())
            .env("BENCHMATCH_CONFIG_DIR", sb.dir.path().join("config"));
        cmd = c;
    }
    let o = cmd
        .env("BENCHMATCH_IMAP_PASSWORD", PASSWORD)
        .output()
        .unwrap();
    let out = Fetched {
        ok: o.status.success(),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    };
    let secs = t.elapsed().as_secs_f64();
    assert!(out.ok, "{}", out.stderr);
    eprintln!("fetched 5000 mails in {secs:.1} s: {}", out.stderr.trim());
    assert!(out.stderr.contains("fetched 5000 mails"), "{}", out.stderr);
}

#[test]
fn an_untrusted_certificate_is_refused() {
    let server = Dovecot::start();
    let sb = sandbox(&server, server.port, "");
    // The same config without the test authority: the self-made certificate is not trusted.
    let cfg = sb.dir.path().join("config/config.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let text: Vec<&str> = text.lines().filter(|l| !l.starts_with("ca_file")).collect();
    std::fs::write(&cfg, text.join("\n")).unwrap();
    let out = fetch(&sb, PASSWORD, &[]);
    assert!(!out.ok);
    assert_eq!(out.stderr.trim_end().lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("TLS") && out.stderr.contains("certificate"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains(PASSWORD));
    assert!(
        out.stderr.contains("ca_file"),
        "the way out is named: {}",
        out.stderr
    );
}
