//! Mail in the trade's style: the greeting names us (`株式会社… 〇〇様`), the sender signs
//! below. Our own name never becomes a client, nor a bare mail domain; a stated end client
//! is the client; one company written two ways is one record.

use crate::common::{fixture, Sandbox};

const OWN: &str = "株式会社ミライテック";

fn eml(from: &str, subject: &str, body: &str) -> String {
    format!(
        "From: {from}\r\nTo: sales@miraitech.example\r\nSubject: {subject}\r\n\
Date: Mon, 7 Dec 2026 09:00:00 +0900\r\nMIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
}

fn mails() -> Vec<(&'static str, String)> {
    vec![
        (
            "greeting_then_signature.eml",
            eml(
                "=?utf-8?b?5bGx55Sw?= <yamada@kaze-sys.example>",
                "【Java】保険 契約管理 / 渋谷",
                "株式会社ミライテック\n営業ご担当者様\n\nいつもお世話になっております。\n風システムの山田です。\n\n\
【案件名】契約管理システム改修\n【単価】～70万円\n【必須】Java 3年以上\n【場所】渋谷\n【開始】1月～\n\n\
--\n風システム株式会社 営業部\n山田\n",
            ),
        ),
        (
            "greeting_on_one_line.eml",
            eml(
                "sales@b-link.example",
                "【Python】データ基盤 / フルリモート",
                "(株)ミライテック 佐藤様\n\nお世話になっております。\n\n【案件名】データ基盤構築\n\
【単価】～80万円\n【必須】Python 3年以上\n【場所】フルリモート\n【開始】即日\n",
            ),
        ),
        (
            "end_client_stated.eml",
            eml(
                "\"株式会社ソラ 田中\" <tanaka@sora.example>",
                "【Go】物流API / 品川",
                "株式会社ミライテック　様\n\n【案件名】物流API開発\n【エンド】大和ロジ株式会社\n\
【単価】～75万円\n【必須】Go 2年以上\n【場所】品川\n【開始】2月～\n",
            ),
        ),
        (
            "sora_again.eml",
            eml(
                "\"株式会社ソラ 田中\" <tanaka@sora.example>",
                "【Ruby】予約サイト / 五反田",
                "株式会社ミライテック　様\n\n【案件名】予約サイト改修\n\
【単価】～68万円\n【必須】Ruby 3年以上\n【場所】五反田\n【開始】即日\n",
            ),
        ),
        (
            "partner_written_otherwise.eml",
            eml(
                "\"(株)ソラ 鈴木\" <suzuki@sora.example>",
                "【PHP】EC保守 / 新宿",
                "株式会社ミライテック\nご担当者様\n\n【案件名】EC保守\n【単価】～60万円\n\
【必須】PHP 2年以上\n【場所】新宿\n【開始】即日\n",
            ),
        ),
    ]
}

fn clients(sb: &Sandbox) -> Vec<Option<String>> {
    let doc: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    doc["openings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["client"].as_str().map(str::to_string))
        .collect()
}

fn import_all(sb: &Sandbox) {
    let dir = sb.path("mail");
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in mails() {
        std::fs::write(dir.join(name), text).unwrap();
    }
    sb.ok(&["import", "mail", dir.to_str().unwrap()]);
}

#[test]
fn our_own_name_in_the_greeting_never_becomes_a_client() {
    let sb = Sandbox::new();
    // Even before the firm's name is configured, a greeting names no sender.
    import_all(&sb);
    let got = clients(&sb);
    assert_eq!(got.len(), 5, "{got:?}");
    for c in got.iter().flatten() {
        assert!(!c.contains("ミライテック"), "{got:?}");
        assert!(!c.contains(".example"), "bare domain as client: {got:?}");
    }
    assert!(got.contains(&Some("風システム株式会社".into())), "{got:?}");
    assert!(got.contains(&Some("大和ロジ株式会社".into())), "{got:?}");
    // A mail that signs nothing and greets us: no client rather than a domain or us.
    assert!(got.contains(&None), "{got:?}");
}

#[test]
fn a_configured_company_name_is_never_a_client_however_written() {
    let sb = Sandbox::new();
    sb.ok(&["config", "set", "company", OWN]);
    let shown = sb.ok(&["config", "show"]);
    assert!(shown.contains(OWN), "{shown}");
    let dir = sb.path("mail");
    std::fs::create_dir_all(&dir).unwrap();
    // The only company on the page is ours (as ㈱), where a signature would be:
    // only the configured name keeps it from being the client.
    std::fs::write(
        dir.join("only_us.eml"),
        eml(
            "info@someone.example",
            "【C#】製造 / 川崎",
            "いつもお世話になっております。\n【案件名】生産管理\n【単価】～65万円\n【必須】C# 3年以上\n\
【場所】川崎\n【開始】即日\n\n--\n㈱ミライテック\n",
        ),
    )
    .unwrap();
    sb.ok(&["import", "mail", dir.to_str().unwrap()]);
    for c in clients(&sb).iter().flatten() {
        assert!(!c.contains("ミライテック"), "{c}");
    }
}

#[test]
fn one_company_written_two_ways_is_one_client() {
    let sb = Sandbox::new();
    import_all(&sb);
    let doc: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    let names: Vec<&str> = doc["clients"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["name"].as_str())
        .filter(|n| n.contains("ソラ"))
        .collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// Partner mail as it arrives, in one mailbox: ISO-2022-JP, Shift_JIS in base64, UTF-8
/// quoted-printable, multipart/alternative with HTML; each greets us under another spelling
/// (`株式会社…`, `(株)…`, `…株式会社 御中`, `各位`), and a colleague forwards one from our
/// own name (`tests/fixtures/mail/own_company.py` writes it).
#[test]
fn in_a_real_mailbox_our_name_is_never_a_client_and_the_writer_is() {
    let sb = Sandbox::new();
    sb.ok(&["config", "set", "company", OWN]);
    let mbox = fixture("mail/own_company.mbox");
    sb.ok(&["import", "mail", mbox.to_str().unwrap()]);
    let doc: serde_json::Value = serde_json::from_str(&sb.ok(&["export"])).unwrap();
    assert_eq!(doc["openings"].as_array().map(Vec::len), Some(5), "{doc}");
    let client_of = |title: &str| {
        doc["openings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["title"] == title)
            .unwrap_or_else(|| panic!("no opening {title}: {doc}"))["client"]
            .as_str()
            .map(str::to_string)
    };
    for c in doc["clients"].as_array().unwrap() {
        let name = c["name"].as_str().unwrap_or_default();
        assert!(
            !name.contains("ミライテック"),
            "our name as a client: {name}"
        );
        assert!(
            !name.contains(".example"),
            "a bare domain as a client: {name}"
        );
    }
    assert_eq!(
        client_of("保険契約管理システム改修").as_deref(),
        Some("風システム株式会社")
    );
    assert!(
        client_of("データ基盤構築").is_some_and(|c| c.contains("ソラ")),
        "{doc}"
    );
    assert_eq!(
        client_of("物流API開発").as_deref(),
        Some("大和ロジ株式会社")
    );
    // Only a mail domain: no client rather than the domain or us.
    assert_eq!(client_of("EC保守"), None);
    // Forwarded from our own name: the firm that wrote the original.
    assert_eq!(
        client_of("生産管理システム開発").as_deref(),
        Some("風システム株式会社")
    );
}
