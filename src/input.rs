//! Reading files, folders, mailboxes and stdin with one size limit.
//!
//! Every command that reads user input goes through here: postings, mail, engineer and
//! opening imports, exports taken back, the configuration. A file is read only when it is
//! a regular file or a pipe (never a device such as `/dev/zero`, whatever symlink points
//! at it), and never more than [`MAX_INPUT_BYTES`] + 1 bytes of it, so an endless stream
//! costs at most the limit. Inside folders anything but a regular file is passed over.

use std::io::{BufRead, Read};
use std::path::Path;

/// Largest single input: one file, one mail of a mailbox, or stdin.
///
/// Mailboxes on disk are streamed, so they may be larger; each of their mails is not.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// Why an input was not read.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error("{name}: not a regular file ({kind}); not read")]
    NotRegular { name: String, kind: &'static str },
    #[error("{name}: larger than {} MB; not read", MAX_INPUT_BYTES / 1024 / 1024)]
    TooLarge { name: String },
    #[error("{name}: {source}")]
    Io {
        name: String,
        source: std::io::Error,
    },
}

impl InputError {
    fn io(name: &str, source: std::io::Error) -> InputError {
        InputError::Io {
            name: name.to_string(),
            source,
        }
    }
}

/// What kind of file a path is, when it is not a regular one (`None` for a regular file).
///
/// Symlinks are followed: a link to `/dev/zero` is a device.
pub fn special_kind(meta: &std::fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            return Some("a FIFO");
        }
        if t.is_socket() {
            return Some("a socket");
        }
        if t.is_char_device() || t.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// Whether a path named on the command line may be read: a regular file, or a pipe
/// (`<(gunzip -c mail.gz)`), which is read up to the limit. Devices, sockets and
/// folders are refused.
pub fn check_named(path: &Path) -> Result<(), InputError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| InputError::io(&name, e))?;
    match special_kind(&meta) {
        None | Some("a FIFO") => Ok(()),
        Some(kind) => Err(InputError::NotRegular { name, kind }),
    }
}

/// Whether a file found inside a folder may be read: regular files only, since a FIFO
/// there would block the import forever. `Err` names what it is.
pub fn check_in_folder(path: &Path) -> Result<(), InputError> {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| InputError::io(&name, e))?;
    match special_kind(&meta) {
        None => Ok(()),
        Some(kind) => Err(InputError::NotRegular { name, kind }),
    }
}

/// Open a file named on the command line after [`check_named`]; the opened file is
/// checked again, so a swap between the check and the open changes nothing.
pub fn open(path: &Path) -> Result<std::fs::File, InputError> {
    check_named(path)?;
    let name = path.display().to_string();
    let f = std::fs::File::open(path).map_err(|e| InputError::io(&name, e))?;
    let meta = f.metadata().map_err(|e| InputError::io(&name, e))?;
    match special_kind(&meta) {
        None | Some("a FIFO") => Ok(f),
        Some(kind) => Err(InputError::NotRegular { name, kind }),
    }
}

/// At most [`MAX_INPUT_BYTES`] from a reader; one byte more is an error, and nothing
/// past it is read.
pub fn read_limited(reader: impl Read, name: &str) -> Result<Vec<u8>, InputError> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| InputError::io(name, e))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(InputError::TooLarge {
            name: name.to_string(),
        });
    }
    Ok(bytes)
}

/// A whole file (or stdin for `-`), within the limit.
pub fn read_path(path: &Path) -> Result<Vec<u8>, InputError> {
    if path.as_os_str() == "-" {
        return read_stdin();
    }
    let f = open(path)?;
    read_limited(f, &path.display().to_string())
}

/// Stdin, within the limit: `yes | benchmatch import openings -` stops at the limit.
pub fn read_stdin() -> Result<Vec<u8>, InputError> {
    read_limited(std::io::stdin().lock(), "stdin")
}

/// An input opened for streaming, its first bytes already read to tell a mailbox from a
/// mail from text; `reader` still yields them.
pub struct Peeked {
    pub head: Vec<u8>,
    pub reader: Box<dyn BufRead>,
}

impl Peeked {
    /// The whole input, within the limit.
    pub fn read_all(self, name: &str) -> Result<Vec<u8>, InputError> {
        read_limited(self.reader, name)
    }
}

/// Open a file (or stdin for `-`) and read its first `n` bytes. Stdin is read whole
/// within the limit, even a mailbox (only files on disk are streamed), so an endless
/// pipe ends at the limit too.
pub fn peek(path: &Path, n: usize) -> Result<Peeked, InputError> {
    let name = path.display().to_string();
    let mut inner: Box<dyn BufRead> = if path.as_os_str() == "-" {
        Box::new(std::io::Cursor::new(read_stdin()?))
    } else {
        Box::new(std::io::BufReader::with_capacity(1 << 16, open(path)?))
    };
    let mut head = Vec::with_capacity(n);
    (&mut inner)
        .take(n as u64)
        .read_to_end(&mut head)
        .map_err(|e| InputError::io(&name, e))?;
    let reader = Box::new(std::io::Cursor::new(head.clone()).chain(inner));
    Ok(Peeked { head, reader })
}

/// A configuration file if it exists (`Ok(None)` if not), within the limit.
pub fn read_optional_text(path: &Path) -> Result<Option<String>, String> {
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("{}: {e}", path.display())),
        Ok(_) => {}
    }
    check_in_folder(path).map_err(|e| e.to_string())?;
    let bytes = read_path(path).map_err(|e| e.to_string())?;
    String::from_utf8(bytes).map(Some).map_err(|e| {
        format!(
            "{}: not UTF-8 text (invalid byte at offset {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })
}

/// One message of a mailbox, or why it was passed over.
pub type MailboxItem = Result<Vec<u8>, MailboxError>;

/// A message of a mailbox that was not read.
#[derive(Debug, thiserror::Error)]
pub enum MailboxError {
    #[error("larger than {} MB; not read", MAX_INPUT_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("reading mailbox: {0}")]
    Io(#[from] std::io::Error),
}

/// The messages of an mbox, raw, with `>From ` quoting undone, streamed: only one
/// message (at most [`MAX_INPUT_BYTES`]) is held at a time, and a longer one is skipped
/// without being held, however long its lines.
pub struct Mailbox<R> {
    reader: R,
    limit: u64,
    /// A message has started (its `From ` line was read).
    open: bool,
    done: bool,
}

impl<R: BufRead> Mailbox<R> {
    pub fn new(reader: R) -> Mailbox<R> {
        Mailbox::with_limit(reader, MAX_INPUT_BYTES)
    }

    /// A smaller limit per message, for tests.
    pub fn with_limit(reader: R, limit: u64) -> Mailbox<R> {
        Mailbox {
            reader,
            limit,
            open: false,
            done: false,
        }
    }

    /// One line, at most `max` bytes of it (the rest of a longer line is left for the
    /// next call). `Ok(false)` at the end.
    fn line(&mut self, buf: &mut Vec<u8>, max: u64) -> std::io::Result<bool> {
        buf.clear();
        let n = (&mut self.reader).take(max).read_until(b'\n', buf)?;
        Ok(n > 0)
    }
}

impl<R: BufRead> Iterator for Mailbox<R> {
    type Item = MailboxItem;

    fn next(&mut self) -> Option<MailboxItem> {
        if self.done {
            return None;
        }
        // A line longer than this is cut into pieces; only a piece that starts a line
        // can be a `From ` separator.
        const PIECE: u64 = 64 * 1024;
        let mut line = Vec::with_capacity(128);
        let mut contents: Vec<u8> = Vec::new();
        let mut too_large = false;
        let mut at_line_start = true;
        loop {
            match self.line(&mut line, PIECE) {
                Ok(true) => {}
                Ok(false) => {
                    self.done = true;
                    if !self.open {
                        return None;
                    }
                    return Some(if too_large {
                        Err(MailboxError::TooLarge)
                    } else {
                        Ok(contents)
                    });
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(e.into()));
                }
            }
            let starts_line = at_line_start;
            at_line_start = line.ends_with(b"\n");
            if starts_line && line.starts_with(b"From ") {
                if self.open {
                    // The next message starts; ours ends. This line opens the next.
                    return Some(if too_large {
                        Err(MailboxError::TooLarge)
                    } else {
                        Ok(contents)
                    });
                }
                self.open = true;
                continue;
            }
            if !self.open || too_large {
                continue;
            }
            let piece: &[u8] = if starts_line && line.first() == Some(&b'>') {
                let i = line.iter().position(|&c| c != b'>').unwrap_or(line.len());
                if line[i..].starts_with(b"From ") {
                    &line[1..]
                } else {
                    &line
                }
            } else {
                &line
            };
            if contents.len() as u64 + piece.len() as u64 > self.limit {
                too_large = true;
                contents = Vec::new();
                continue;
            }
            contents.extend_from_slice(piece);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(data: &[u8], limit: u64) -> Vec<Result<Vec<u8>, String>> {
        Mailbox::with_limit(std::io::Cursor::new(data), limit)
            .map(|m| m.map_err(|e| e.to_string()))
            .collect()
    }

    #[test]
    fn splits_like_mail_parser_does() {
        let data = b"From a@b Mon Jan 1 00:00:00 2024\nSubject: one\n\n>From here\nbody\nFrom c@d Tue Jan 2 00:00:00 2024\nSubject: two\n\nx\n";
        let ours: Vec<Vec<u8>> = Mailbox::new(std::io::Cursor::new(&data[..]))
            .map(|m| m.unwrap())
            .collect();
        let theirs: Vec<Vec<u8>> =
            mail_parser::mailbox::mbox::MessageIterator::new(std::io::Cursor::new(&data[..]))
                .map(|m| m.unwrap().unwrap_contents())
                .collect();
        assert_eq!(ours, theirs);
        assert_eq!(ours.len(), 2);
    }

    #[test]
    fn a_message_over_the_limit_is_skipped_and_the_next_read() {
        let mut data = b"From a Mon Jan 1 00:00:00 2024\nSubject: big\n\n".to_vec();
        data.extend(std::iter::repeat_n(b'x', 10_000));
        data.extend_from_slice(b"\nFrom b Mon Jan 1 00:00:00 2024\nSubject: small\n\nok\n");
        let got = messages(&data, 1000);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().unwrap_err().contains("larger than"));
        assert!(got[1].as_ref().unwrap().ends_with(b"ok\n"));
    }

    #[test]
    fn a_from_inside_a_long_line_does_not_split() {
        let mut data = b"From a Mon Jan 1 00:00:00 2024\n\n".to_vec();
        data.extend(std::iter::repeat_n(b'y', 70_000));
        data.extend_from_slice(b"From inside\n");
        let got = messages(&data, 1 << 20);
        assert_eq!(got.len(), 1);
    }

    #[test]
    fn an_endless_reader_stops_after_the_limit() {
        let endless = std::io::repeat(b'a');
        let err = read_limited(endless, "stdin").unwrap_err();
        assert!(err.to_string().starts_with("stdin: larger than"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn devices_are_refused_even_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let link = dir.path().join("zero.txt");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        let err = read_path(&link).unwrap_err().to_string();
        assert!(err.contains("not a regular file (a device)"), "{err}");
        assert!(check_in_folder(&link).is_err());
    }
}
