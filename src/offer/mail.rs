//! Mail files → messages with sender, subject, date and text body.
//!
//! Interim: the postings work (issue 3) owns mail reading (MIME, Japanese
//! charsets, HTML to text) in `posting::mail`; this module mirrors its API
//! (`Mail`, `read_mail`, `looks_like_mail`, `looks_like_mbox`, `mbox_messages`,
//! `decode_text`) so `import mail` switches to it by changing one path.

use chrono::{DateTime, TimeZone, Utc};
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::MessageParser;

/// One decoded mail: who sent it, about what, when, and its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Mail {
    /// `Name <address>` as the From header gives it.
    pub sender: Option<String>,
    pub subject: Option<String>,
    /// The Date header, when it parses.
    pub date: Option<DateTime<Utc>>,
    pub body: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum MailError {
    #[error("not an email message (no headers)")]
    NotMail,
    #[error("mail has no text part (only attachments or an empty body)")]
    NoText,
    #[error("binary file, not text or email")]
    Binary,
    #[error("text is not UTF-8, Shift_JIS, EUC-JP or ISO-2022-JP (undecodable bytes)")]
    Undecodable,
    #[error("file is empty")]
    Empty,
}

/// Decode one RFC 5322 message.
pub fn read_mail(bytes: &[u8]) -> Result<Mail, MailError> {
    let msg = MessageParser::default()
        .parse(bytes)
        .ok_or(MailError::NotMail)?;
    let sender = msg.from().and_then(|a| a.first()).and_then(|a| {
        let name = a.name().map(str::trim).filter(|n| !n.is_empty());
        match (name, a.address()) {
            (Some(n), Some(ad)) => Some(format!("{n} <{ad}>")),
            (Some(n), None) => Some(n.to_string()),
            (None, Some(ad)) => Some(ad.to_string()),
            (None, None) => None,
        }
    });
    let mut body = String::new();
    for i in 0..msg.text_body_count() {
        if let Some(t) = msg.body_text(i) {
            if !body.is_empty() {
                body.push('\n');
            }
            body.push_str(&t);
        }
    }
    if body.trim().is_empty() {
        return Err(MailError::NoText);
    }
    Ok(Mail {
        sender,
        subject: msg
            .subject()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        date: msg
            .date()
            .filter(|d| d.is_valid())
            .and_then(|d| Utc.timestamp_opt(d.to_timestamp(), 0).single()),
        body,
    })
}

/// Looks like one mail: header lines (`From:`, `Subject:` …) before the first blank line.
pub fn looks_like_mail(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let text = String::from_utf8_lossy(head);
    let mut known = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if i == 0 && line.starts_with("From ") || line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
            return false;
        }
        let known_names = [
            "from",
            "to",
            "subject",
            "date",
            "received",
            "return-path",
            "message-id",
            "mime-version",
            "content-type",
            "cc",
            "reply-to",
            "sender",
        ];
        if known_names.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    known >= 2
}

/// An mbox: a `From ` separator line, then a message.
pub fn looks_like_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ") && looks_like_mail(bytes)
}

/// The messages of an mbox, raw.
pub fn mbox_messages<R: std::io::BufRead>(
    reader: R,
) -> impl Iterator<Item = std::io::Result<Vec<u8>>> {
    mail_parser::mailbox::mbox::MessageIterator::new(reader).map(|m| m.map(|m| m.unwrap_contents()))
}

/// Decode a plain text file: UTF-8 (with or without BOM), else ISO-2022-JP, Shift_JIS or EUC-JP.
pub fn decode_text(bytes: &[u8]) -> Result<String, MailError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(MailError::Empty);
    }
    if bytes[..bytes.len().min(8192)].contains(&0) {
        return Err(MailError::Binary);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.contains("\u{1b}$B") {
            return Ok(s.to_string());
        }
    }
    for cs in ["iso-2022-jp", "shift_jis", "euc-jp"] {
        if let Some(s) = charset_decoder(cs.as_bytes()).map(|f| f(bytes)) {
            if s.chars().filter(|&c| c == '\u{FFFD}').count() * 100 <= s.chars().count() {
                return Ok(s);
            }
        }
    }
    Err(MailError::Undecodable)
}

/// The address in `Name <address>`, or the whole text when it is one.
pub fn address_of(sender: &str) -> Option<&str> {
    let s = sender.trim();
    let a = match (s.rfind('<'), s.rfind('>')) {
        (Some(i), Some(j)) if i < j => &s[i + 1..j],
        _ => s,
    };
    a.contains('@').then_some(a.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_mail_and_an_mbox() {
        let eml = "From: 山田 <yamada@example.jp>\r\nSubject: =?UTF-8?B?5Lq65p2Q?=\r\nDate: Fri, 20 Nov 2026 10:00:00 +0900\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n氏名：T.K\r\n";
        let m = read_mail(eml.as_bytes()).unwrap();
        assert_eq!(m.subject.as_deref(), Some("人材"));
        assert_eq!(
            m.sender.as_deref().and_then(address_of),
            Some("yamada@example.jp")
        );
        assert_eq!(m.date.unwrap().to_rfc3339(), "2026-11-20T01:00:00+00:00");
        assert!(m.body.contains("T.K"));
        let mbox = format!(
            "From a@b Fri Nov 20 10:00:00 2026\n{eml}\nFrom a@b Fri Nov 20 11:00:00 2026\n{eml}"
        );
        assert!(looks_like_mbox(mbox.as_bytes()));
        let all: Vec<_> = mbox_messages(std::io::Cursor::new(mbox.as_bytes())).collect();
        assert_eq!(all.len(), 2);
        assert_eq!(decode_text("氏名：T.K".as_bytes()).unwrap(), "氏名：T.K");
        assert_eq!(decode_text(&[0xff, 0x00]), Err(MailError::Binary));
        assert_eq!(address_of("yamada@example.jp"), Some("yamada@example.jp"));
        assert_eq!(address_of("山田"), None);
    }
}
