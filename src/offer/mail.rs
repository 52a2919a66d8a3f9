//! Mail files → messages with sender, subject, date and text body.
//!
//! Interim: the postings work (issue 3) owns mail reading (MIME, Japanese
//! charsets, HTML to text); once it is on main, `import mail` reads through it
//! and this module goes. The [`Mail`] shape is what the importer needs from any reader.

use chrono::{DateTime, TimeZone, Utc};
use mail_parser::MessageParser;

/// One message as the importer needs it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    /// Display name of the sender, if any (`山田 太郎 (株式会社サンプル)`).
    pub from_name: Option<String>,
    /// Address of the sender (`yamada@sample.co.jp`).
    pub from_addr: Option<String>,
    pub subject: Option<String>,
    pub date: Option<DateTime<Utc>>,
    pub message_id: Option<String>,
    /// Text of every text part, HTML reduced to text.
    pub body: String,
}

impl Mail {
    /// A plain text file: all body, nothing known about its sender.
    pub fn plain(text: &str) -> Mail {
        Mail {
            body: text.trim_start_matches('\u{feff}').to_string(),
            ..Mail::default()
        }
    }

    /// `name <addr>` as stored with each source.
    pub fn sender(&self) -> Option<String> {
        match (&self.from_name, &self.from_addr) {
            (Some(n), Some(a)) => Some(format!("{n} <{a}>")),
            (None, Some(a)) => Some(a.clone()),
            (Some(n), None) => Some(n.clone()),
            (None, None) => None,
        }
    }
}

/// An mbox starts with a `From ` line; a message with a header block.
pub fn is_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ")
}

/// Whether a text starts with a mail header block (`From:`, `Subject:` ...).
pub fn looks_like_mail(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let mut headers = 0;
    for line in text.lines().take(40) {
        if line.is_empty() {
            break;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-') {
            return false;
        }
        let known = [
            "from", "to", "subject", "date", "message-id", "mime-version", "received", "return-path",
            "content-type", "cc", "reply-to",
        ];
        if known.contains(&name.to_ascii_lowercase().as_str()) {
            headers += 1;
        }
    }
    headers >= 2
}

/// One message from its raw bytes; `None` when nothing in it is readable.
pub fn parse_message(bytes: &[u8]) -> Option<Mail> {
    let msg = MessageParser::default().parse(bytes)?;
    let from = msg.from().and_then(|a| a.first());
    let mut body = String::new();
    for i in 0..msg.text_body_count() {
        if let Some(t) = msg.body_text(i) {
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(&t);
        }
    }
    Some(Mail {
        from_name: from.and_then(|f| f.name()).map(str::to_string),
        from_addr: from.and_then(|f| f.address()).map(str::to_string),
        subject: msg.subject().map(str::to_string),
        date: msg
            .date()
            .and_then(|d| Utc.timestamp_opt(d.to_timestamp(), 0).single()),
        message_id: msg.message_id().map(str::to_string),
        body,
    })
}

/// Every message in an mbox; a message that cannot be read is an error with its number.
pub fn mbox_messages(bytes: &[u8]) -> Vec<Result<Mail, String>> {
    let iter = mail_parser::mailbox::mbox::MessageIterator::new(std::io::Cursor::new(bytes));
    iter.enumerate()
        .map(|(i, m)| match m {
            Ok(m) => parse_message(m.contents())
                .ok_or_else(|| format!("message {}: not a readable mail", i + 1)),
            Err(e) => Err(format!("message {}: damaged mbox entry ({e})", i + 1)),
        })
        .collect()
}

/// Whatever a file holds: an mbox, one mail, or plain text.
pub fn read_any(bytes: &[u8]) -> Vec<Result<Mail, String>> {
    if is_mbox(bytes) {
        return mbox_messages(bytes);
    }
    if looks_like_mail(bytes) {
        return vec![parse_message(bytes).ok_or_else(|| "not a readable mail".to_string())];
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => vec![Ok(Mail::plain(t))],
        Err(e) => vec![Err(format!(
            "not UTF-8 text (invalid byte at offset {}) and not a mail",
            e.valid_up_to()
        ))],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_mail_and_an_mbox() {
        let eml = "From: 山田 <yamada@example.jp>\r\nSubject: =?UTF-8?B?5Lq65p2Q?=\r\nDate: Fri, 20 Nov 2026 10:00:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n氏名：T.K\r\n";
        let m = parse_message(eml.as_bytes()).unwrap();
        assert_eq!(m.subject.as_deref(), Some("人材"));
        assert_eq!(m.from_addr.as_deref(), Some("yamada@example.jp"));
        assert_eq!(m.date.unwrap().to_rfc3339(), "2026-11-20T01:00:00+00:00");
        assert!(m.body.contains("T.K"));
        let mbox = format!("From a@b Fri Nov 20 10:00:00 2026\n{}\nFrom a@b Fri Nov 20 11:00:00 2026\n{}", eml, eml);
        let all = read_any(mbox.as_bytes());
        assert_eq!(all.len(), 2);
        assert!(all.iter().all(Result::is_ok));
        assert_eq!(read_any("氏名：T.K".as_bytes())[0].as_ref().unwrap().body, "氏名：T.K");
        assert!(read_any(&[0xff, 0xfe, 0x00]).iter().all(Result::is_err));
    }
}
