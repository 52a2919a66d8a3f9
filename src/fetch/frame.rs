//! One IMAP response off the wire, bounded, before the codec reads it: its lines and
//! literals, with message bodies set aside so the codec never copies them.

use std::io::{BufRead, BufReader, Read};
use std::time::Instant;

use super::imap::{ImapError, Literal, MAX_LINE, MAX_LITERALS};
use super::link::{io_error, Link};

/// Largest literal parsed in place (a header field, a folder name); a longer one is a message
/// body, kept aside within the caller's limit.
const MAX_SMALL_LITERAL: u64 = 64 * 1024;

/// One response as read off the wire: its bytes for the codec, with every literal longer than
/// [`MAX_SMALL_LITERAL`] taken out (left as `{0}`) and kept here, in order.
pub(crate) struct Frame {
    pub(crate) bytes: Vec<u8>,
    pub(crate) large: Vec<Literal>,
}

/// One response: a line, and for every `{n}` at its end, n bytes and the line's rest.
/// Literals up to [`MAX_SMALL_LITERAL`] stay in place; longer ones are taken out, kept
/// while their total stays within `literal_max`, read past beyond it.
pub(crate) fn read_frame(
    stream: &mut BufReader<Link>,
    seconds: u64,
    deadline: Instant,
    literal_max: u64,
) -> Result<Frame, ImapError> {
    let mut bytes = Vec::new();
    let mut large = Vec::new();
    let (mut text, mut literals, mut kept) = (0usize, 0usize, 0u64);
    loop {
        let mut line = Vec::new();
        let room = MAX_LINE.saturating_sub(text).max(1) as u64;
        let n = (&mut *stream)
            .take(room)
            .read_until(b'\n', &mut line)
            .map_err(|e| io_error(e, seconds, deadline))?;
        if n == 0 {
            return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
        }
        if !line.ends_with(b"\n") {
            return Err(ImapError::Protocol("response line too long".into()));
        }
        text += line.len();
        let Some((open, size)) = literal_size(&line) else {
            bytes.extend_from_slice(&line);
            break;
        };
        literals += 1;
        if literals > MAX_LITERALS {
            return Err(ImapError::Protocol(format!(
                "more than {MAX_LITERALS} literals in one response"
            )));
        }
        let mut stream = (&mut *stream).take(size);
        if size <= MAX_SMALL_LITERAL {
            bytes.extend_from_slice(&line);
            let got = stream
                .read_to_end(&mut bytes)
                .map_err(|e| io_error(e, seconds, deadline))?;
            if (got as u64) < size {
                return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            continue;
        }
        bytes.extend_from_slice(&line[..open]);
        bytes.extend_from_slice(b"{0}\r\n");
        if kept + size <= literal_max {
            let mut buf = Vec::new();
            stream
                .read_to_end(&mut buf)
                .map_err(|e| io_error(e, seconds, deadline))?;
            if (buf.len() as u64) < size {
                return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            kept += size;
            large.push(Literal::Kept(buf));
        } else {
            let got = std::io::copy(&mut stream, &mut std::io::sink())
                .map_err(|e| io_error(e, seconds, deadline))?;
            if got < size {
                return Err(ImapError::Io(std::io::ErrorKind::UnexpectedEof.into()));
            }
            large.push(Literal::TooLarge(size));
        }
    }
    Ok(Frame { bytes, large })
}

/// `{123}` at the end of a line (before its CRLF) announces 123 bytes of literal: where the
/// `{` is, and the size.
pub(crate) fn literal_size(line: &[u8]) -> Option<(usize, u64)> {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\r' | b'\n') {
        end -= 1;
    }
    let inner = line[..end].strip_suffix(b"}")?;
    let open = inner.iter().rposition(|b| *b == b'{')?;
    let digits = &inner[open + 1..];
    if digits.is_empty() || digits.len() > 19 || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let size = std::str::from_utf8(digits).ok()?.parse().ok()?;
    Some((open, size))
}
