//! `fetch` against a scripted IMAP server in the test (TLS by rustls, a certificate made by
//! `openssl` as for Dovecot): a fake mailbox that can lie, flood, trickle and withhold, one
//! test per way a server broke fetch before.

use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use super::imap::Dovecot;
use crate::common::Sandbox;

const PASSWORD: &str = "hostile-pass-9";

/// What the fake server does beyond answering honestly.
#[derive(Clone, Default)]
struct Script {
    uidvalidity: u32,
    /// Announced UIDNEXT; the highest UID + 1 when None.
    uidnext: Option<u32>,
    /// (uid, mail); a size given here is announced instead of the real one.
    mails: Vec<(u32, Vec<u8>, Option<u64>)>,
    /// UIDs whose body is never sent.
    withhold: Vec<u32>,
    /// (uid, bytes): this body is sent as a literal of that many bytes instead of the mail.
    oversize: Vec<(u32, usize)>,
    /// After EXAMINE, endless `* OK` lines.
    untagged_flood: bool,
    /// For a body FETCH, endless `{0}` literals in one response.
    literal_flood: bool,
    /// The greeting trickles out one byte a second, forever.
    trickle: bool,
    /// Plain TCP first (port 143 style): STARTTLS offered (and LOGIN disabled until then)
    /// when true, not offered at all when `plain_only`.
    starttls: bool,
    plain_only: bool,
    /// After its STARTTLS OK, the server sends a line in plain text (what an attacker in the
    /// middle would inject).
    inject_after_starttls: bool,
    /// Offer AUTH=XOAUTH2 (with SASL-IR unless `no_sasl_ir`) and accept this token.
    xoauth2_token: Option<String>,
    no_sasl_ir: bool,
    /// What LIST answers: (attributes, modified UTF-7 name).
    folders: Vec<(&'static str, &'static str)>,
    /// Every LOGIN is refused, as after the password was changed on the server.
    refuse_login: bool,
}

/// What the server saw, for the test to check.
#[derive(Default)]
struct Seen {
    commands: Vec<String>,
    passwords: Vec<String>,
    /// Each command, and whether it came over TLS.
    secured: Vec<(String, bool)>,
}

trait Rw: Read + Write + Send {}
impl<T: Read + Write + Send> Rw for T {}

struct Server {
    port: u16,
    certs: tempfile::TempDir,
    script: Arc<Mutex<Script>>,
    seen: Arc<Mutex<Seen>>,
}

impl Server {
    fn start(script: Script) -> Server {
        let certs = tempfile::tempdir().unwrap();
        Dovecot::make_certs(certs.path());
        let tls = server_config(certs.path());
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let script = Arc::new(Mutex::new(script));
        let seen = Arc::new(Mutex::new(Seen::default()));
        let (s2, seen2) = (script.clone(), seen.clone());
        std::thread::spawn(move || {
            for tcp in listener.incoming() {
                let Ok(tcp) = tcp else { return };
                let script = s2.lock().unwrap().clone();
                let seen = seen2.clone();
                let tls = tls.clone();
                std::thread::spawn(move || {
                    let stream: Box<dyn Rw> = if script.starttls || script.plain_only {
                        Box::new(tcp)
                    } else {
                        let conn = rustls::ServerConnection::new(tls.clone()).unwrap();
                        Box::new(rustls::StreamOwned::new(conn, tcp))
                    };
                    let _ = serve(stream, &script, &seen, &tls);
                });
            }
        });
        Server {
            port,
            certs,
            script,
            seen,
        }
    }

    fn sandbox(&self, extra: &str) -> Sandbox {
        let sb = Sandbox::new();
        let cfg = sb.dir.path().join("config");
        std::fs::create_dir_all(&cfg).unwrap();
        std::fs::write(
            cfg.join("config.toml"),
            format!(
                "[mail]\nhost = \"127.0.0.1\"\nport = {}\nuser = \"rep\"\nfolders = [\"INBOX\"]\nca_file = \"{}\"\ntimeout_seconds = 10\n{extra}",
                self.port,
                self.certs.path().join("ca.pem").display()
            ),
        )
        .unwrap();
        sb
    }
}

fn server_config(d: &Path) -> Arc<rustls::ServerConfig> {
    use rustls::pki_types::pem::PemObject as _;
    use rustls::pki_types::{CertificateDer, PrivateKeyDer};
    let chain: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(d.join("cert.pem"))
        .unwrap()
        .map(|c| c.unwrap())
        .collect();
    let key = PrivateKeyDer::from_pem_file(d.join("key.pem")).unwrap();
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Arc::new(
        rustls::ServerConfig::builder_with_provider(provider)
            .with_safe_default_protocol_versions()
            .unwrap()
            .with_no_client_auth()
            .with_single_cert(chain, key)
            .unwrap(),
    )
}

/// `a:b,c` (with `*` the highest) as the UIDs of the mailbox it names.
fn uid_set(set: &str, mailbox: &[u32]) -> Vec<u32> {
    let top = mailbox.iter().copied().max().unwrap_or(0);
    let n = |s: &str| if s == "*" { top } else { s.parse().unwrap() };
    let mut out = Vec::new();
    for part in set.split(',') {
        let (a, b) = part.split_once(':').unwrap_or((part, part));
        let (a, b) = (n(a).min(n(b)), n(a).max(n(b)));
        out.extend(mailbox.iter().copied().filter(|u| (a..=b).contains(u)));
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn serve(
    stream: Box<dyn Rw>,
    script: &Script,
    seen: &Mutex<Seen>,
    tls: &Arc<rustls::ServerConfig>,
) -> std::io::Result<()> {
    let mut s = BufReader::new(stream);
    let mut secured = !(script.starttls || script.plain_only);
    if script.trickle {
        for b in b"* OK trickling along\r\n".iter().cycle() {
            s.get_mut().write_all(&[*b])?;
            s.get_mut().flush()?;
            std::thread::sleep(std::time::Duration::from_secs(1));
        }
    }
    let w = |s: &mut BufReader<_>, bytes: &[u8]| -> std::io::Result<()> {
        let inner: &mut _ = s.get_mut();
        Write::write_all(inner, bytes)
    };
    w(&mut s, b"* OK scripted server ready\r\n")?;
    let uids: Vec<u32> = script.mails.iter().map(|m| m.0).collect();
    loop {
        let mut line = String::new();
        if s.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let line = line.trim_end().to_string();
        let (tag, cmd) = line.split_once(' ').unwrap_or((&line, ""));
        let tag = tag.to_string();
        seen.lock().unwrap().commands.push(cmd.to_string());
        seen.lock()
            .unwrap()
            .secured
            .push((cmd.to_string(), secured));
        let upper = cmd.to_ascii_uppercase();
        if upper == "CAPABILITY" {
            let mut caps = "IMAP4rev1 IDLE".to_string();
            if script.starttls && !secured {
                caps.push_str(" STARTTLS LOGINDISABLED");
            }
            if script.xoauth2_token.is_some() {
                caps.push_str(" AUTH=XOAUTH2");
                if !script.no_sasl_ir {
                    caps.push_str(" SASL-IR");
                }
            }
            w(
                &mut s,
                format!("* CAPABILITY {caps}\r\n{tag} OK caps\r\n").as_bytes(),
            )?;
        } else if upper == "STARTTLS" && script.starttls && !secured {
            w(&mut s, format!("{tag} OK begin TLS now\r\n").as_bytes())?;
            if script.inject_after_starttls {
                w(
                    &mut s,
                    b"* OK [CAPABILITY IMAP4rev1 AUTH=PLAIN] injected\r\n",
                )?;
            }
            s.get_mut().flush()?;
            let conn = rustls::ServerConnection::new(tls.clone()).unwrap();
            let plain = s.into_inner();
            s = BufReader::new(Box::new(rustls::StreamOwned::new(conn, plain)));
            secured = true;
        } else if let Some(rest) = upper.strip_prefix("AUTHENTICATE XOAUTH2") {
            let Some(token) = &script.xoauth2_token else {
                w(&mut s, format!("{tag} NO no such mechanism\r\n").as_bytes())?;
                continue;
            };
            let mut blob = cmd["AUTHENTICATE XOAUTH2".len()..].trim().to_string();
            if rest.trim().is_empty() {
                w(&mut s, b"+ \r\n")?;
                blob.clear();
                s.read_line(&mut blob)?;
            }
            let expected = base64::Engine::encode(
                &base64::engine::general_purpose::STANDARD,
                format!("user=rep\x01auth=Bearer {token}\x01\x01"),
            );
            if blob.trim() == expected {
                w(&mut s, format!("{tag} OK authenticated\r\n").as_bytes())?;
            } else {
                // As Gmail does: a challenge carrying the reason, then NO after the empty reply.
                w(
                    &mut s,
                    b"+ eyJzdGF0dXMiOiI0MDEiLCJzY2hlbWVzIjoiQmVhcmVyIn0=\r\n",
                )?;
                let mut empty = String::new();
                s.read_line(&mut empty)?;
                w(
                    &mut s,
                    format!("{tag} NO [AUTHENTICATIONFAILED] Invalid credentials (Failure)\r\n")
                        .as_bytes(),
                )?;
            }
        } else if upper.starts_with("LIST") {
            for (attrs, name) in &script.folders {
                w(
                    &mut s,
                    format!("* LIST ({attrs}) \"/\" \"{name}\"\r\n").as_bytes(),
                )?;
            }
            w(&mut s, format!("{tag} OK listed\r\n").as_bytes())?;
        } else if upper.starts_with("LOGIN") {
            if script.starttls && !secured {
                w(
                    &mut s,
                    format!("{tag} NO [PRIVACYREQUIRED] STARTTLS first\r\n").as_bytes(),
                )?;
                continue;
            }
            // `LOGIN user pass`, each an atom or a quoted string.
            let args = &cmd["LOGIN".len()..];
            let pass = if args.trim_end().ends_with('"') {
                args.rsplit('"').nth(1).unwrap_or("").to_string()
            } else {
                args.split_whitespace().last().unwrap_or("").to_string()
            };
            let ok = pass == PASSWORD && !script.refuse_login;
            seen.lock().unwrap().passwords.push(pass);
            let reply = if ok { "OK logged in" } else { "NO wrong" };
            w(&mut s, format!("{tag} {reply}\r\n").as_bytes())?;
        } else if upper.starts_with("EXAMINE") || upper.starts_with("SELECT") {
            let next = script
                .uidnext
                .unwrap_or(uids.iter().max().copied().unwrap_or(0) + 1);
            w(
                &mut s,
                format!(
                    "* {} EXISTS\r\n* OK [UIDVALIDITY {}] ok\r\n* OK [UIDNEXT {next}] ok\r\n",
                    uids.len(),
                    script.uidvalidity
                )
                .as_bytes(),
            )?;
            if script.untagged_flood {
                loop {
                    w(&mut s, b"* OK flood flood flood flood flood\r\n")?;
                }
            }
            w(&mut s, format!("{tag} OK done\r\n").as_bytes())?;
        } else if let Some(rest) = upper.strip_prefix("UID FETCH ") {
            let (set, items) = rest.split_once(' ').unwrap_or((rest, ""));
            for uid in uid_set(set, &uids) {
                let seq = uids.iter().position(|u| *u == uid).unwrap() + 1;
                let (_, mail, announced) = script.mails.iter().find(|m| m.0 == uid).unwrap();
                if items.contains("RFC822.SIZE") {
                    let size = announced.unwrap_or(mail.len() as u64);
                    let subject = mail
                        .split(|b| *b == b'\n')
                        .find(|l| l.to_ascii_lowercase().starts_with(b"subject:"))
                        .map(|l| [l, b"\n"].concat())
                        .unwrap_or_default();
                    let subject = [&subject[..], b"\r\n"].concat();
                    w(
                        &mut s,
                        format!(
                            "* {seq} FETCH (UID {uid} RFC822.SIZE {size} BODY[HEADER.FIELDS (SUBJECT)] {{{}}}\r\n",
                            subject.len()
                        )
                        .as_bytes(),
                    )?;
                    w(&mut s, &subject)?;
                    w(&mut s, b")\r\n")?;
                } else if items.contains("BODY.PEEK[]") {
                    if script.withhold.contains(&uid) {
                        continue;
                    }
                    if script.literal_flood {
                        w(
                            &mut s,
                            format!("* {seq} FETCH (UID {uid} BODY[] {{0}}\r\n").as_bytes(),
                        )?;
                        loop {
                            w(&mut s, b" X {0}\r\n")?;
                        }
                    }
                    if let Some((_, n)) = script.oversize.iter().find(|o| o.0 == uid) {
                        w(
                            &mut s,
                            format!("* {seq} FETCH (UID {uid} BODY[] {{{n}}}\r\n").as_bytes(),
                        )?;
                        let chunk = vec![b'x'; 1 << 20];
                        let mut left = *n;
                        while left > 0 {
                            let k = left.min(chunk.len());
                            w(&mut s, &chunk[..k])?;
                            left -= k;
                        }
                        w(&mut s, b")\r\n")?;
                        continue;
                    }
                    w(
                        &mut s,
                        format!("* {seq} FETCH (UID {uid} BODY[] {{{}}}\r\n", mail.len())
                            .as_bytes(),
                    )?;
                    w(&mut s, mail)?;
                    w(&mut s, b")\r\n")?;
                } else {
                    w(&mut s, format!("* {seq} FETCH (UID {uid})\r\n").as_bytes())?;
                }
            }
            w(&mut s, format!("{tag} OK fetched\r\n").as_bytes())?;
        } else if upper.starts_with("LOGOUT") {
            w(&mut s, format!("* BYE\r\n{tag} OK bye\r\n").as_bytes())?;
            return Ok(());
        } else {
            w(&mut s, format!("{tag} BAD unknown\r\n").as_bytes())?;
        }
    }
}

/// A short opening mail of our own, distinct per `n` (its own skill, place, rate and sender).
fn opening(n: u32, subject: &str) -> Vec<u8> {
    let skill = [
        "Java", "Python", "Go", "Ruby", "PHP", "C#", "Kotlin", "Swift",
    ][n as usize % 8];
    let place = [
        "品川",
        "渋谷",
        "新宿",
        "大手町",
        "横浜",
        "川崎",
        "池袋",
        "五反田",
    ][n as usize % 8];
    format!(
        "From: sales{n}@partner{n}.example\r\nTo: rep@example.jp\r\nSubject: {subject}\r\nDate: Mon, 7 Dec 2026 09:00:00 +0900\r\nMessage-ID: <hostile-{n}@partner.example>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n【案件名】{skill}開発 {place}案件 {n}号\r\n【単価】{}万円\r\n【場所】{place}\r\n【必須スキル】{skill} {}年以上\r\n【期間】2027年{}月〜長期\r\n",
        50 + 3 * n,
        1 + n % 5,
        1 + n % 12
    )
    .into_bytes()
}

fn fetch(sb: &Sandbox, args: &[&str], env_password: bool) -> (bool, String, String) {
    let mut cmd = sb.cmd(&[&["fetch"][..], args].concat());
    if env_password {
        cmd.env("BENCHMATCH_IMAP_PASSWORD", PASSWORD);
    } else {
        cmd.env_remove("BENCHMATCH_IMAP_PASSWORD");
    }
    let out = cmd.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn openings(sb: &Sandbox) -> usize {
    let v: Vec<Value> = serde_json::from_str(&sb.ok(&["openings", "--json"])).unwrap();
    v.len()
}

fn last_uid(sb: &Sandbox) -> u64 {
    let (ok, out, err) = fetch(sb, &["--json"], true);
    assert!(ok, "{err}");
    let v: Value = serde_json::from_str(&out).unwrap();
    v["folders"][0]["last_uid"].as_u64().unwrap()
}

#[test]
fn a_mail_over_the_limit_is_passed_over_and_told_and_never_blocks_the_folder() {
    let server = Server::start(Script {
        uidvalidity: 7,
        mails: vec![
            (1, opening(1, "Java案件 1"), None),
            // Announced at 60 MB: never asked for.
            (2, opening(2, "巨大な添付 2"), Some(60 * 1024 * 1024)),
            (3, opening(3, "Java案件 3"), None),
            // Announced small, sent at 33 MB: read past, not kept.
            (4, opening(4, "嘘のサイズ 4"), None),
            (5, opening(5, "Java案件 5"), None),
        ],
        oversize: vec![(4, 33 * 1024 * 1024)],
        ..Script::default()
    });
    let sb = server.sandbox("batch = 2\n");
    let (ok, out, err) = fetch(&sb, &[], true);
    assert!(ok, "{out}{err}");
    assert!(
        err.contains(
            "too large, not stored: INBOX UID 2 \"巨大な添付 2\" (60 MB; the limit is 32 MB)"
        ),
        "{err}"
    );
    assert!(
        err.contains("too large, not stored: INBOX UID 4 \"嘘のサイズ 4\" (33 MB"),
        "{err}"
    );
    assert_eq!(openings(&sb), 3);
    // The body of UID 2 was never asked for.
    let commands = server.seen.lock().unwrap().commands.clone();
    let bodies: Vec<u32> = commands
        .iter()
        .filter(|c| c.ends_with("(UID BODY.PEEK[])"))
        .flat_map(|c| uid_set(c.split(' ').nth(2).unwrap(), &[1, 2, 3, 4, 5]))
        .collect();
    assert_eq!(bodies, vec![1, 3, 4, 5], "{commands:?}");
    // The mark is past them all: the next fetch finds nothing new.
    assert_eq!(last_uid(&sb), 5);
    assert_eq!(openings(&sb), 3);
    // Both are recorded, and listed later without a connection (and once only, though
    // the next fetch ran since).
    drop(server);
    let listed = sb.ok(&["fetch", "--skipped"]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert!(
        listed.contains("INBOX UID 2 \"巨大な添付 2\" (60 MB; the limit is 32 MB)"),
        "{listed}"
    );
    assert!(
        listed.contains("INBOX UID 4 \"嘘のサイズ 4\" (33 MB"),
        "{listed}"
    );
    let json: Vec<Value> = serde_json::from_str(&sb.ok(&["fetch", "--skipped", "--json"])).unwrap();
    let uids: Vec<u64> = json.iter().filter_map(|m| m["uid"].as_u64()).collect();
    assert_eq!(uids.len(), 2, "{json:?}");
    assert!(uids.contains(&2) && uids.contains(&4), "{json:?}");
}

#[test]
fn nothing_passed_over_is_said_so() {
    let sb = Sandbox::new();
    assert_eq!(
        sb.ok(&["fetch", "--skipped"]).trim(),
        "no mail was passed over for its size"
    );
}

#[test]
fn uids_are_asked_for_in_windows_so_no_line_grows_with_the_folder() {
    // Mails far apart in a folder of 165k UIDs: every FETCH names a window, never `n:*`.
    let server = Server::start(Script {
        uidvalidity: 9,
        uidnext: Some(165_001),
        mails: vec![
            (5, opening(5, "a"), None),
            (70_000, opening(6, "b"), None),
            (165_000, opening(7, "c"), None),
        ],
        ..Script::default()
    });
    let sb = server.sandbox("");
    let (ok, out, err) = fetch(&sb, &[], true);
    assert!(ok, "{out}{err}");
    assert_eq!(openings(&sb), 3);
    let commands = server.seen.lock().unwrap().commands.clone();
    let windows: Vec<&String> = commands
        .iter()
        .filter(|c| c.contains("RFC822.SIZE"))
        .collect();
    assert_eq!(windows.len(), 9, "{windows:?}");
    for c in &windows {
        let set = c.split(' ').nth(2).unwrap();
        let (a, b) = set.split_once(':').unwrap();
        let (a, b): (u32, u32) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(b - a < 20_000, "{c}");
    }
    assert!(!commands.iter().any(|c| c.contains(":*")), "{commands:?}");
}

#[test]
fn an_untagged_flood_is_cut_off_with_one_line() {
    let server = Server::start(Script {
        uidvalidity: 1,
        mails: vec![(1, opening(1, "x"), None)],
        untagged_flood: true,
        ..Script::default()
    });
    let sb = server.sandbox("");
    let (ok, _, err) = fetch(&sb, &[], true);
    assert!(!ok);
    assert!(err.contains("more than 80000 untagged responses"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

#[test]
fn a_literal_flood_is_cut_off_with_one_line() {
    let server = Server::start(Script {
        uidvalidity: 1,
        mails: vec![(1, opening(1, "x"), None)],
        literal_flood: true,
        ..Script::default()
    });
    let sb = server.sandbox("");
    let (ok, _, err) = fetch(&sb, &[], true);
    assert!(!ok);
    assert!(
        err.contains("more than 8 literals in one response"),
        "{err}"
    );
}

#[test]
fn a_trickling_server_is_stopped_at_the_deadline() {
    let server = Server::start(Script {
        trickle: true,
        ..Script::default()
    });
    let sb = server.sandbox("deadline_seconds = 3\n");
    // The trickle never ends, so the fetch ends only by its deadline: the check is that it
    // ended with the deadline's error and stored nothing. The guard only keeps a broken
    // deadline from hanging the suite; it measures nothing.
    let mut child = sb
        .cmd(&["fetch", "--strict"])
        .env("BENCHMATCH_IMAP_PASSWORD", PASSWORD)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let guard = std::time::Instant::now() + std::time::Duration::from_secs(300);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > guard {
            let _ = child.kill();
            panic!("fetch still ran long after its 3 s deadline: the deadline did not stop it");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains("stopped at the deadline of 3 s"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert_eq!(openings(&sb), 0);
}

#[test]
fn a_mail_the_server_does_not_send_holds_the_mark_and_is_asked_for_again() {
    let mails = vec![
        (1, opening(1, "one"), None),
        (2, opening(2, "two"), None),
        (3, opening(3, "three"), None),
    ];
    let server = Server::start(Script {
        uidvalidity: 3,
        mails: mails.clone(),
        withhold: vec![2],
        ..Script::default()
    });
    let sb = server.sandbox("");
    let (ok, out, err) = fetch(&sb, &[], true);
    assert!(ok, "{out}{err}");
    assert!(
        err.contains("not sent by the server: INBOX UID 2 (asked again next fetch)"),
        "{err}"
    );
    assert_eq!(openings(&sb), 2);
    // The server now sends it: stored, and nothing twice.
    server.script.lock().unwrap().withhold.clear();
    assert_eq!(last_uid(&sb), 3);
    assert_eq!(openings(&sb), 3);
}

#[test]
fn uids_going_back_are_read_again_like_a_new_uidvalidity() {
    let server = Server::start(Script {
        uidvalidity: 5,
        mails: vec![(40, opening(1, "one"), None), (41, opening(2, "two"), None)],
        ..Script::default()
    });
    let sb = server.sandbox("");
    assert_eq!(last_uid(&sb), 41);
    // Same UIDVALIDITY, but the folder now ends below the mark.
    server.script.lock().unwrap().mails = vec![
        (1, opening(1, "one"), None),
        (2, opening(2, "two"), None),
        (3, opening(3, "three"), None),
    ];
    let (ok, out, err) = fetch(&sb, &[], true);
    assert!(ok, "{out}{err}");
    assert!(err.contains("folder renumbered on the server"), "{err}");
    assert_eq!(openings(&sb), 3);
}

#[test]
fn password_command_gives_the_first_line_and_forget_says_nothing_is_stored() {
    let server = Server::start(Script {
        uidvalidity: 1,
        mails: vec![(1, opening(1, "x"), None)],
        ..Script::default()
    });
    let sb = server.sandbox(&format!(
        "password_command = \"printf '{PASSWORD}\\\\nsecond line\\\\n'\"\n"
    ));
    let (ok, out, err) = fetch(&sb, &[], false);
    assert!(ok, "{out}{err}");
    assert_eq!(server.seen.lock().unwrap().passwords, vec![PASSWORD]);
    assert_eq!(openings(&sb), 1);
    let failing = server.sandbox("password_command = \"exit 3\"\n");
    let (ok, _, err) = fetch(&failing, &[], false);
    assert!(!ok && err.contains("password_command failed"), "{err}");
    let (ok, _, err) = fetch(&sb, &["--forget"], false);
    assert!(ok && err.contains("nothing to forget"), "{err}");
}

/// A password typed at the prompt (in a real terminal, tmux) is kept in the OS keyring once it
/// logs in; the next fetch and the dashboard read it from there without asking; a kept password
/// the server refuses is removed; `--forget` removes it. Fails without tmux or a keyring.
#[test]
fn a_typed_password_is_kept_in_the_os_keyring_until_forgotten() {
    use crate::tui_pty::{quote, require_tmux, Tmux};
    require_tmux();
    assert!(
        benchmatch::fetch::keychain::available(),
        "this platform has no OS keyring"
    );
    let server = Server::start(Script {
        uidvalidity: 1,
        mails: three_openings(),
        ..Script::default()
    });
    let sb = server.sandbox("\n[company]\nasked = true\n");
    // An account of its own, so no other run's entry is found.
    let user = format!("rep-{}-{}", std::process::id(), server.port);
    let cfg = sb.path("config").join("config.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    std::fs::write(
        &cfg,
        text.replace("user = \"rep\"", &format!("user = \"{user}\"")),
    )
    .unwrap();
    let account = format!("{user}@127.0.0.1:{}", server.port);
    let forget = |sb: &Sandbox| fetch(sb, &["--forget"], false);
    let (ok, _, err) = forget(&sb);
    assert!(ok && err.contains("nothing to forget"), "{err}");

    let tmux = Tmux {
        socket: sb.path("tmux.sock"),
    };
    let cmd = format!(
        "env -u BENCHMATCH_IMAP_PASSWORD BENCHMATCH_DB={} BENCHMATCH_CONFIG_DIR={} {} fetch; echo \"exit=$?\"; sleep 30",
        quote(&sb.db()),
        quote(&sb.path("config")),
        quote(Path::new(env!("CARGO_BIN_EXE_benchmatch"))),
    );
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "160",
        "-y",
        "30",
        &cmd,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    tmux.wait_for(&format!("IMAP password for {account}:"), 15);
    tmux.send(&["-l", PASSWORD]);
    tmux.send(&["Enter"]);
    let screen = tmux.wait_for("exit=", 30);
    assert!(screen.contains("exit=0"), "{screen}");
    assert!(
        screen.contains("password kept in the OS keyring"),
        "{screen}"
    );
    assert!(
        !screen.contains(PASSWORD),
        "the typed password was echoed: {screen}"
    );
    assert_eq!(openings(&sb), 3);

    // No terminal, no environment, no command: the kept password logs in.
    server
        .script
        .lock()
        .unwrap()
        .mails
        .push((4, opening(4, "four"), None));
    let (ok, out, err) = fetch(&sb, &[], false);
    assert!(ok, "{out}{err}");
    assert!(
        !err.contains("password kept"),
        "kept only when typed: {err}"
    );
    assert_eq!(openings(&sb), 4);
    assert_eq!(
        server.seen.lock().unwrap().passwords,
        vec![PASSWORD, PASSWORD]
    );
    // The dashboard's `g` takes it too.
    server
        .script
        .lock()
        .unwrap()
        .mails
        .push((5, opening(5, "five"), None));
    let dash = Tmux {
        socket: sb.path("tmux-dash.sock"),
    };
    let cmd_dash = format!(
        "env -u BENCHMATCH_IMAP_PASSWORD NO_COLOR=1 BENCHMATCH_DB={} BENCHMATCH_CONFIG_DIR={} {} --lang en; echo \"exit=$?\"; sleep 30",
        quote(&sb.db()),
        quote(&sb.path("config")),
        quote(Path::new(env!("CARGO_BIN_EXE_benchmatch"))),
    );
    let out = dash.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        &cmd_dash,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    dash.wait_for("4 openings", 15);
    dash.send(&["g"]);
    dash.wait_for("fetched 1 mail", 30);
    dash.send(&["q"]);
    dash.wait_for("exit=0", 10);
    assert_eq!(openings(&sb), 5);
    assert_eq!(server.seen.lock().unwrap().passwords.len(), 3);

    // The password changed on the server: the kept one is refused and removed.
    server.script.lock().unwrap().refuse_login = true;
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok);
    assert!(
        err.contains("login refused")
            && err.contains("the password kept in the OS keyring was removed"),
        "{err}"
    );
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok && err.contains("no IMAP password"), "{err}");

    // Kept again (typed once more), then forgotten by `--forget`.
    server.script.lock().unwrap().refuse_login = false;
    tmux.run(&["kill-server"]);
    let tmux = Tmux {
        socket: sb.path("tmux2.sock"),
    };
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "160",
        "-y",
        "30",
        &cmd,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    tmux.wait_for(&format!("IMAP password for {account}:"), 15);
    tmux.send(&["-l", PASSWORD]);
    tmux.send(&["Enter"]);
    tmux.wait_for("exit=0", 30);
    let (ok, _, err) = forget(&sb);
    assert!(
        ok && err.contains("removed the password kept in the OS keyring"),
        "{err}"
    );
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok && err.contains("no IMAP password"), "{err}");
    let (ok, _, err) = forget(&sb);
    assert!(ok && err.contains("nothing to forget"), "{err}");
    // Nothing secret reached the database or the config.
    for f in [sb.db(), cfg] {
        let bytes = std::fs::read(&f).unwrap_or_default();
        assert!(
            !bytes
                .windows(PASSWORD.len())
                .any(|w| w == PASSWORD.as_bytes()),
            "{}",
            f.display()
        );
    }
}

#[test]
fn a_ca_file_that_never_ends_is_refused() {
    let server = Server::start(Script::default());
    let sb = server.sandbox("");
    let cfg = sb.dir.path().join("config/config.toml");
    let text = std::fs::read_to_string(&cfg).unwrap();
    let ca: PathBuf = server.certs.path().join("ca.pem");
    std::fs::write(&cfg, text.replace(&ca.display().to_string(), "/dev/zero")).unwrap();
    let (ok, _, err) = fetch(&sb, &[], true);
    assert!(!ok);
    assert!(err.contains("/dev/zero"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
}

/// Peak memory and time of `fetch` for the README, under `/usr/bin/time -v`:
/// `BENCHMATCH_BIN=target/release/benchmatch cargo test --test it imap_hostile::measure -- --ignored --nocapture`
#[test]
#[ignore = "measurement; run with --ignored --nocapture"]
fn measure_fetch_peak_memory() {
    let bin = std::env::var("BENCHMATCH_BIN")
        .unwrap_or_else(|_| env!("CARGO_BIN_EXE_benchmatch").to_string());
    let mut big = opening(1, "30 MB");
    big.extend(
        std::iter::repeat_n(b"Java Spring AWS \r\n".as_slice(), 30 * 1024 * 1024 / 18).flatten(),
    );
    let scenarios = [
        (
            "one 60 MB mail (over the 32 MB limit: read past, told)",
            Script {
                uidvalidity: 1,
                mails: vec![(1, opening(1, "60 MB"), None)],
                oversize: vec![(1, 60 * 1024 * 1024)],
                ..Script::default()
            },
        ),
        (
            "one 30 MB mail (stored)",
            Script {
                uidvalidity: 1,
                mails: vec![(1, big, None)],
                ..Script::default()
            },
        ),
        (
            "a folder of 50,000 mails",
            Script {
                uidvalidity: 1,
                mails: (1..=50_000)
                    .map(|i| (i, opening(i, "bulk"), None))
                    .collect(),
                ..Script::default()
            },
        ),
    ];
    for (label, script) in scenarios {
        let server = Server::start(script);
        let sb = server.sandbox("deadline_seconds = 3600\n");
        let out = std::process::Command::new("/usr/bin/time")
            .arg("-v")
            .arg(&bin)
            .args(["fetch", "--json"])
            .env("BENCHMATCH_DB", sb.db())
            .env("BENCHMATCH_CONFIG_DIR", sb.dir.path().join("config"))
            .env("BENCHMATCH_IMAP_PASSWORD", PASSWORD)
            .env("LANG", "C")
            .output()
            .expect("/usr/bin/time");
        let err = String::from_utf8_lossy(&out.stderr);
        let pick = |key: &str| {
            err.lines()
                .find(|l| l.trim_start().starts_with(key))
                .map(|l| l.trim().to_string())
                .unwrap_or_default()
        };
        let report: Value = serde_json::from_slice(&out.stdout).unwrap_or_default();
        println!(
            "{label}: mails {} too_large {}; {}; {}",
            report["mails"],
            report["too_large"].as_array().map_or(0, Vec::len),
            pick("Elapsed (wall clock)"),
            pick("Maximum resident set size")
        );
    }
}

fn three_openings() -> Vec<(u32, Vec<u8>, Option<u64>)> {
    (1..=3)
        .map(|n| (n, opening(n, &format!("Java案件 {n}")), None))
        .collect()
}

/// The commands the server saw, with whether each came over TLS.
fn secured(server: &Server) -> Vec<(String, bool)> {
    server.seen.lock().unwrap().secured.clone()
}

#[test]
fn starttls_secures_the_connection_before_the_password_is_sent() {
    let server = Server::start(Script {
        uidvalidity: 3,
        mails: three_openings(),
        starttls: true,
        ..Script::default()
    });
    let sb = server.sandbox("security = \"starttls\"\n");
    let (ok, out, err) = fetch(&sb, &[], true);
    assert!(ok, "{out}{err}");
    assert_eq!(openings(&sb), 3);
    let seen = secured(&server);
    let verbs: Vec<(&str, bool)> = seen
        .iter()
        .map(|(c, tls)| (c.split(' ').next().unwrap_or(""), *tls))
        .take(4)
        .collect();
    // Capabilities asked in plain text, STARTTLS, asked again over TLS, and only then LOGIN.
    assert_eq!(
        verbs,
        [
            ("CAPABILITY", false),
            ("STARTTLS", false),
            ("CAPABILITY", true),
            ("LOGIN", true)
        ]
    );
    assert!(seen.iter().all(|(c, tls)| *tls || !c.contains(PASSWORD)));
}

#[test]
fn a_server_without_starttls_or_injecting_before_tls_is_refused_and_gets_no_password() {
    let plain = Server::start(Script {
        uidvalidity: 3,
        mails: three_openings(),
        plain_only: true,
        ..Script::default()
    });
    let sb = plain.sandbox("security = \"starttls\"\n");
    let (ok, _, err) = fetch(&sb, &["--strict"], true);
    assert!(!ok);
    assert!(err.contains("offers no STARTTLS"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(plain.seen.lock().unwrap().passwords.is_empty());

    let injecting = Server::start(Script {
        uidvalidity: 3,
        mails: three_openings(),
        starttls: true,
        inject_after_starttls: true,
        ..Script::default()
    });
    let sb = injecting.sandbox("security = \"starttls\"\n");
    let (ok, _, err) = fetch(&sb, &[], true);
    assert!(!ok);
    // Refused whether the injected line came with the OK (seen in the buffer) or after it
    // (then it breaks the TLS handshake).
    assert!(err.contains("TLS: "), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(injecting.seen.lock().unwrap().passwords.is_empty());
    assert_eq!(openings(&sb), 0);

    // TLS from the first byte against a plain server is refused too.
    let sb = plain.sandbox("");
    let (ok, _, err) = fetch(&sb, &[], true);
    assert!(!ok && err.contains("TLS"), "{err}");
}

#[test]
fn xoauth2_logs_in_with_the_token_command_with_or_without_an_initial_response() {
    for no_sasl_ir in [false, true] {
        let server = Server::start(Script {
            uidvalidity: 3,
            mails: three_openings(),
            xoauth2_token: Some("ya29.token-1".into()),
            no_sasl_ir,
            ..Script::default()
        });
        let sb = server
            .sandbox("auth = \"xoauth2\"\ntoken_command = \"printf 'ya29.token-1\\\\nrefresh'\"\n");
        // No password anywhere: the token is all it needs.
        let (ok, out, err) = fetch(&sb, &[], false);
        assert!(ok, "{out}{err}");
        assert_eq!(openings(&sb), 3);
        let seen = server.seen.lock().unwrap();
        assert!(seen.passwords.is_empty());
        assert!(seen
            .commands
            .iter()
            .any(|c| c.starts_with("AUTHENTICATE XOAUTH2")));
        assert!(!seen.commands.iter().any(|c| c.contains("ya29")));
    }
}

#[test]
fn a_refused_or_missing_token_is_one_line_and_stores_nothing() {
    let server = Server::start(Script {
        uidvalidity: 3,
        mails: three_openings(),
        xoauth2_token: Some("ya29.fresh".into()),
        ..Script::default()
    });
    let sb = server.sandbox("auth = \"xoauth2\"\ntoken_command = \"echo ya29.expired\"\n");
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(
        err.contains("login refused by the server") && err.contains("Invalid credentials"),
        "{err}"
    );
    assert!(!err.contains("ya29"), "{err}");
    assert_eq!(openings(&sb), 0);

    let sb = server.sandbox("auth = \"xoauth2\"\n");
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok && err.contains("needs token_command"), "{err}");

    let sb = server.sandbox("auth = \"xoauth2\"\ntoken_command = \"exit 4\"\n");
    let (ok, _, err) = fetch(&sb, &[], false);
    assert!(!ok && err.contains("token_command failed"), "{err}");
}

#[test]
fn list_folders_names_every_folder_decoded_and_marks_those_fetched() {
    let server = Server::start(Script {
        uidvalidity: 3,
        mails: three_openings(),
        folders: vec![
            ("\\HasNoChildren", "INBOX"),
            ("\\Noselect \\HasChildren", "&VbZpbQ-"),
            ("\\HasNoChildren", "&VbZpbQ-/&aEhO9g-"),
            ("\\HasNoChildren \\Trash", "Trash"),
        ],
        ..Script::default()
    });
    let sb = server.sandbox("");
    let (ok, out, err) = fetch(&sb, &["--list-folders"], true);
    assert!(ok, "{err}");
    assert_eq!(
        out,
        "INBOX  (fetched: in folders under [mail])\nTrash\n営業  (holds folders only)\n営業/案件\n"
    );
    // Listing fetches nothing.
    assert_eq!(openings(&sb), 0);
    let (ok, out, _) = fetch(&sb, &["--list-folders", "--json"], true);
    assert!(ok);
    let v: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v[3]["name"], "営業/案件");
    assert_eq!(v[2]["selectable"], false);
    // The listed name is the one `folders` takes: fetching it asks the server for it encoded.
    let (ok, _, err) = fetch(&sb, &["--folder", "営業/案件"], true);
    assert!(ok, "{err}");
    assert!(server
        .seen
        .lock()
        .unwrap()
        .commands
        .iter()
        .any(|c| c == "EXAMINE \"&VbZpbQ-/&aEhO9g-\"" || c == "EXAMINE &VbZpbQ-/&aEhO9g-"));
}

/// The dashboard's `g`: the fetch runs on its worker, the status line follows it, and the
/// openings it stores appear without a key.
#[test]
fn g_in_the_dashboard_fetches_in_the_background() {
    use benchmatch::fetch::background::Job;
    use benchmatch::tui::action::Action;
    use crossterm::event::KeyCode;
    let server = Server::start(Script {
        uidvalidity: 5,
        mails: vec![
            (1, opening(1, "Java案件 1"), None),
            (2, opening(2, "巨大な添付 2"), Some(60 * 1024 * 1024)),
            (3, opening(3, "Java案件 3"), None),
        ],
        ..Script::default()
    });
    let sb = server.sandbox("batch = 1\n");
    let config =
        benchmatch::config::Config::load(&sb.dir.path().join("config/config.toml")).unwrap();
    let tax = benchmatch::skills::Taxonomy::builtin();
    let store = benchmatch::store::Store::open(&sb.db(), tax).unwrap();
    let mut s = crate::tui_common::session_on(store, benchmatch::i18n::Lang::En, (100, 30));
    assert_eq!(s.app.data.openings.len(), 0);
    let mut job = Some(Job {
        db: sb.db(),
        skills: None,
        own_names: Vec::new(),
        mail: config.mail,
        credential: benchmatch::fetch::Credential::Password(PASSWORD.into()),
        places: benchmatch::geo::Places::builtin(),
    });
    s.fetcher = Some(Box::new(move || {
        job.take().ok_or_else(|| anyhow::anyhow!("started twice"))
    }));
    s.key(crate::tui_common::key(KeyCode::Char('g')));
    let status = |s: &benchmatch::tui::Session<'_>| {
        s.app
            .status
            .as_ref()
            .map(|x| x.text.clone())
            .unwrap_or_default()
    };
    // The key returns at once: the fetch is out on its worker, said on the status line.
    assert!(s.fetch_running());
    assert!(status(&s).contains("fetching mail"), "{}", status(&s));
    // A second `g` while it runs starts nothing.
    s.dispatch(Action::FetchMail);
    assert!(status(&s).contains("already running"), "{}", status(&s));
    let mut seen = Vec::new();
    // A guard against a hung worker only; nothing here is timed.
    let guard = std::time::Instant::now() + std::time::Duration::from_secs(120);
    while s.fetch_running() {
        assert!(
            std::time::Instant::now() < guard,
            "the fetch never ended: {seen:?}"
        );
        if s.poll_workers() {
            seen.push(status(&s));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let last = status(&s);
    assert_eq!(
        last, "fetched 2 mails, 2 new openings, 1 too large, not stored (fetch --skipped)",
        "{seen:?}"
    );
    // The openings the worker stored are on the dashboard, read through data_version.
    assert_eq!(s.app.data.openings.len(), 2);
    assert_eq!(openings(&sb), 2);
    assert!(sb.ok(&["fetch", "--skipped"]).contains("INBOX UID 2"));
}

/// `g` in the real binary in a real terminal (tmux): the status line follows the fetch, the
/// openings it stores appear, and keys keep working meanwhile. Fails without tmux.
#[test]
fn g_in_the_dashboard_in_a_real_terminal_fetches_from_the_server() {
    use crate::tui_pty::{quote, require_tmux, Tmux};
    require_tmux();
    let server = Server::start(Script {
        uidvalidity: 5,
        mails: vec![
            (1, opening(1, "Java案件 1"), None),
            (2, opening(2, "巨大な添付 2"), Some(60 * 1024 * 1024)),
            (3, opening(3, "Java案件 3"), None),
        ],
        ..Script::default()
    });
    let sb = server.sandbox("batch = 1\n\n[company]\nasked = true\n");
    let tmux = Tmux {
        socket: sb.path("tmux.sock"),
    };
    let cmd = format!(
        "env NO_COLOR=1 BENCHMATCH_DB={} BENCHMATCH_CONFIG_DIR={} BENCHMATCH_IMAP_PASSWORD={PASSWORD} {} --lang en; echo \"exit=$?\"; sleep 30",
        quote(&sb.db()),
        quote(&sb.path("config")),
        quote(Path::new(env!("CARGO_BIN_EXE_benchmatch"))),
    );
    let out = tmux.run(&[
        "new-session",
        "-d",
        "-s",
        "e2e",
        "-x",
        "120",
        "-y",
        "40",
        &cmd,
    ]);
    assert!(out.status.success(), "tmux new-session: {out:?}");
    tmux.wait_for("The database is empty", 15);
    tmux.send(&["g"]);
    tmux.wait_for("fetched 2 mails, 2 new openings, 1 too large", 60);
    // The stored openings are on the screen without another key; the 60 MB one is not.
    tmux.wait_for("Python開発 渋谷案件 1号", 10);
    let screen = tmux.wait_for("Ruby開発 大手町案件 3号", 10);
    assert!(screen.contains("2 openings"), "{screen}");
    assert!(!screen.contains("Go開発 新宿案件 2号"), "{screen}");
    // A second `g` fetches again: nothing new, said as such.
    tmux.send(&["g"]);
    tmux.wait_for("fetched 0 mails", 30);
    tmux.send(&["q"]);
    tmux.wait_for("exit=0", 10);
    assert_eq!(openings(&sb), 2);
}

#[test]
fn g_without_a_mailbox_is_one_quiet_line() {
    let mut s = crate::tui_common::session(benchmatch::i18n::Lang::En, (100, 30));
    s.dispatch(benchmatch::tui::action::Action::FetchMail);
    assert!(!s.fetch_running());
    let st = s.app.status.as_ref().unwrap();
    assert!(!st.error);
    assert_eq!(st.text, "no mail fetch: [mail]");
    // Set up but without a password: said, nothing started.
    s.fetcher = Some(Box::new(|| {
        anyhow::bail!("no IMAP password: set BENCHMATCH_IMAP_PASSWORD or password_command")
    }));
    s.dispatch(benchmatch::tui::action::Action::FetchMail);
    assert!(!s.fetch_running());
    assert!(s
        .app
        .status
        .as_ref()
        .unwrap()
        .text
        .contains("no IMAP password"));
}
