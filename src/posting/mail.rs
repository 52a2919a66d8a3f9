//! Email in: `.eml` messages and mbox mailboxes, decoded by mail-parser, and plain text
//! files in the charsets Japanese business mail uses.
//!
//! Openings arrive as ISO-2022-JP, Shift_JIS, EUC-JP or UTF-8, quoted-printable or
//! base64, sometimes HTML only; the sender, subject and Date header travel with
//! the posting as its source.

use chrono::{DateTime, TimeZone, Utc};
use mail_parser::decoders::charsets::map::charset_decoder;
use mail_parser::{MessageParser, PartType};

use super::html::html_to_text;

/// One decoded mail: who sent it, about what, when, and its text.
#[derive(Debug, Clone, PartialEq)]
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
    let sender = msg.from().and_then(|a| a.first()).map(|a| {
        let name = a.name().map(str::trim).filter(|n| !n.is_empty());
        match (name, a.address()) {
            (Some(n), Some(ad)) => format!("{n} <{ad}>"),
            (Some(n), None) => n.to_string(),
            (None, Some(ad)) => ad.to_string(),
            (None, None) => String::new(),
        }
    });
    let sender = sender.filter(|s| !s.is_empty());
    let subject = msg
        .subject()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty());
    let date = msg
        .date()
        .filter(|d| d.is_valid())
        .and_then(|d| Utc.timestamp_opt(d.to_timestamp(), 0).single());
    let mut body = String::new();
    collect_text(&msg, &mut body, 0);
    if body.trim().is_empty() {
        return Err(MailError::NoText);
    }
    Ok(Mail {
        sender,
        subject,
        date,
        body,
    })
}

/// The message's text bodies (HTML converted), then those of attached messages (forwarded as attachment).
fn collect_text(msg: &mail_parser::Message<'_>, out: &mut String, depth: usize) {
    for part in msg.text_bodies() {
        let text = match &part.body {
            PartType::Text(t) => t.to_string(),
            PartType::Html(h) => html_to_text(h),
            _ => continue,
        };
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str(&text);
    }
    if depth < 2 {
        for part in msg.attachments() {
            if let PartType::Message(inner) = &part.body {
                out.push('\n');
                collect_text(inner, out, depth + 1);
            }
        }
    }
}

/// Looks like one mail: header lines (`From:`, `Subject:`, `Received:` …) before the first blank line.
pub fn looks_like_mail(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(8192)];
    let text = String::from_utf8_lossy(head);
    let mut known = 0;
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            break;
        }
        if i == 0 && line.starts_with("From ") {
            continue;
        }
        if line.starts_with([' ', '\t']) {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-') {
            return false;
        }
        let n = name.to_ascii_lowercase();
        if [
            "from",
            "to",
            "subject",
            "date",
            "received",
            "return-path",
            "message-id",
            "mime-version",
            "content-type",
            "delivered-to",
            "cc",
            "reply-to",
            "sender",
        ]
        .contains(&n.as_str())
        {
            known += 1;
        }
    }
    known >= 2
}

/// An mbox: a `From ` separator line, then a message.
pub fn looks_like_mbox(bytes: &[u8]) -> bool {
    bytes.starts_with(b"From ") && looks_like_mail(bytes)
}

/// Decode a plain text file: UTF-8 (with or without BOM), UTF-16 with BOM, ISO-2022-JP,
/// Shift_JIS or EUC-JP; whichever decodes cleanly.
pub fn decode_text(bytes: &[u8]) -> Result<String, MailError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(MailError::Empty);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_with("utf-16", bytes).ok_or(MailError::Undecodable);
    }
    if looks_binary(bytes) {
        return Err(MailError::Binary);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(bytes) {
        if !s.contains("\u{1b}$B") && !s.contains("\u{1b}$@") {
            return Ok(s.to_string());
        }
    }
    if bytes.windows(3).any(|w| w == b"\x1b$B" || w == b"\x1b$@") {
        if let Some(s) = decode_with("iso-2022-jp", bytes) {
            return Ok(s);
        }
    }
    let mut best: Option<(usize, String)> = None;
    for cs in ["shift_jis", "euc-jp"] {
        if let Some(s) = decode_with(cs, bytes) {
            let bad = s.chars().filter(|&c| c == '\u{FFFD}').count();
            if best.as_ref().is_none_or(|(b, _)| bad < *b) {
                best = Some((bad, s));
            }
        }
    }
    match best {
        // A stray bad byte is tolerated; a text full of them is not Japanese at all.
        Some((bad, s)) if bad * 100 <= s.chars().count() => Ok(s),
        _ => Err(MailError::Undecodable),
    }
}

fn decode_with(charset: &str, bytes: &[u8]) -> Option<String> {
    charset_decoder(charset.as_bytes()).map(|f| f(bytes))
}

/// NUL bytes or many control bytes: an image, an archive, a spreadsheet.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&c| c < 0x20 && !matches!(c, b'\n' | b'\r' | b'\t' | 0x1b | 0x0c))
        .count();
    control * 20 > sample.len()
}

/// A subject without `Re:`, `Fw:`, `[転送]` prefixes: the title of a mail with no title label.
pub fn clean_subject(s: &str) -> String {
    let mut t = s.trim();
    loop {
        let before = t.len();
        for p in [
            "re:",
            "re：",
            "fw:",
            "fwd:",
            "fw：",
            "転送:",
            "転送：",
            "[転送]",
            "【転送】",
            "返信:",
        ] {
            if t.len() >= p.len()
                && t.is_char_boundary(p.len())
                && t[..p.len()].eq_ignore_ascii_case(p)
            {
                t = t[p.len()..].trim_start();
            }
        }
        if t.len() == before {
            break;
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_charsets() {
        assert_eq!(decode_text("案件".as_bytes()).unwrap(), "案件");
        assert_eq!(
            decode_text(b"\xEF\xBB\xBF\xE6\xA1\x88\xE4\xBB\xB6").unwrap(),
            "案件"
        );
        // 案件 in Shift_JIS, EUC-JP and ISO-2022-JP.
        assert_eq!(decode_text(b"\x88\xc4\x8c\x8f").unwrap(), "案件");
        assert_eq!(decode_text(b"\xb0\xc6\xb7\xef").unwrap(), "案件");
        assert_eq!(decode_text(b"\x1b$B0F7o\x1b(B").unwrap(), "案件");
        assert_eq!(decode_text(b"\0\x01\x02PNG"), Err(MailError::Binary));
        assert_eq!(decode_text(b"  \n"), Err(MailError::Empty));
        assert_eq!(
            decode_text(&[0x81u8, 0x20, 0x81, 0x20, 0x81, 0x20, 0xff, 0xfe, 0xfd, 0x81]),
            Err(MailError::Undecodable)
        );
    }

    #[test]
    fn mail_headers_and_body() {
        let raw = b"From: =?UTF-8?B?5bGx55Sw?= <yamada@example.co.jp>\r\nSubject: =?ISO-2022-JP?B?GyRCMEY3bxsoQg==?=\r\nDate: Thu, 20 Nov 2025 09:30:00 +0900\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n\xe5\x8d\x98\xe4\xbe\xa1\xef\xbc\x9a65\xe4\xb8\x87\r\n";
        let m = read_mail(raw).unwrap();
        assert_eq!(m.sender.as_deref(), Some("山田 <yamada@example.co.jp>"));
        assert_eq!(m.subject.as_deref(), Some("案件"));
        assert_eq!(m.date.unwrap().to_rfc3339(), "2025-11-20T00:30:00+00:00");
        assert!(m.body.contains("単価：65万"));
        assert!(looks_like_mail(raw));
        assert!(!looks_like_mail("【案件名】Java\n単価: 65万".as_bytes()));
    }

    #[test]
    fn attachment_only_mail_has_no_text() {
        let raw = b"From: a@example.com\r\nSubject: x\r\nContent-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nJVBERi0=\r\n--b--\r\n";
        assert_eq!(read_mail(raw), Err(MailError::NoText));
    }

    #[test]
    fn subjects_lose_reply_marks() {
        assert_eq!(clean_subject("Re: Fw: 【案件】Java"), "【案件】Java");
        assert_eq!(clean_subject("RE：転送: 案件"), "案件");
    }
}
