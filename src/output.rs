//! What leaves the program: files written owner-only through a rename, never over a
//! database, and JSON in which no character can move a terminal.
//!
//! Every `--json` and every export goes through [`to_json_pretty`]; every file a command
//! writes (exports, pitches, skills files) through [`write_private`].

use serde::Serialize;
use std::io::{Read, Write};
use std::path::Path;

/// Why an output file was not written.
#[derive(Debug, thiserror::Error)]
pub enum OutputError {
    #[error("{path}: is a SQLite database; refusing to overwrite it (choose another file)")]
    Database { path: String },
    #[error("{path}: belongs to the SQLite database {db}; refusing to overwrite it")]
    DatabaseCompanion { path: String, db: String },
    #[error("{path}: not a regular file ({kind}); refusing to replace it")]
    NotRegular { path: String, kind: &'static str },
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
}

/// The first bytes of SQLite's files: the database, its write-ahead log (two byte
/// orders) and its rollback journal.
const SQLITE_MAGIC: &[&[u8]] = &[
    b"SQLite format 3\0",
    &[0x37, 0x7f, 0x06, 0x82],
    &[0x37, 0x7f, 0x06, 0x83],
    &[0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7],
];

fn is_sqlite_file(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else {
        return false;
    };
    if !f.metadata().is_ok_and(|m| m.is_file()) {
        return false;
    }
    let mut head = Vec::with_capacity(16);
    if f.take(16).read_to_end(&mut head).is_err() {
        return false;
    }
    SQLITE_MAGIC.iter().any(|m| head.starts_with(m))
}

/// Refuse an output path that is a database (any SQLite file, the live one included,
/// whatever link or name leads to it), a database's `-wal`, `-shm` or `-journal`, or
/// anything but a regular file.
pub fn check_target(path: &Path) -> Result<(), OutputError> {
    let shown = path.display().to_string();
    if let Ok(meta) = std::fs::metadata(path) {
        if let Some(kind) = crate::input::special_kind(&meta) {
            return Err(OutputError::NotRegular { path: shown, kind });
        }
        if is_sqlite_file(path) {
            return Err(OutputError::Database { path: shown });
        }
    }
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    for suffix in ["-wal", "-shm", "-journal"] {
        if let Some(base) = name.strip_suffix(suffix) {
            let db = path.with_file_name(base);
            if !base.is_empty() && is_sqlite_file(&db) {
                return Err(OutputError::DatabaseCompanion {
                    path: shown,
                    db: db.display().to_string(),
                });
            }
        }
    }
    Ok(())
}

/// Write a file owner-readable only (0600), via a temporary file in the same folder
/// renamed into place, so a reader never sees half a file; databases are refused
/// ([`check_target`]).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), OutputError> {
    check_target(path)?;
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.{}-{:08x}.tmp",
        path.file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("export"),
        std::process::id(),
        fastrand::u32(..)
    ));
    let result = (|| -> std::io::Result<()> {
        // create_new: never follows a link planted at the temporary name.
        let mut f = create_private_file(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(source) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(OutputError::Io {
            path: path.display().to_string(),
            source,
        });
    }
    Ok(())
}

/// Characters a terminal may act on even inside a JSON string: DEL, the C1 controls
/// (U+0080–U+009F, `U+009B` is a CSI), the bidi embeddings, overrides, isolates and
/// marks that reorder what is shown, and the line and paragraph separators.
pub fn is_unsafe_char(c: char) -> bool {
    matches!(c,
        '\u{7f}'..='\u{9f}'
        | '\u{061c}'
        | '\u{200e}' | '\u{200f}'
        | '\u{2028}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}')
}

/// serde_json's pretty printer, with [`is_unsafe_char`] written as `\uXXXX` escapes
/// (controls below U+0020 serde_json escapes already).
struct SafeFormatter<'a>(serde_json::ser::PrettyFormatter<'a>);

impl serde_json::ser::Formatter for SafeFormatter<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe_char(c) {
                w.write_all(&fragment.as_bytes()[start..i])?;
                write!(w, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        w.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(w)
    }
}

/// Pretty JSON with nothing a terminal would act on: the one serializer of every
/// `--json` and export.
pub fn to_json_pretty<T: Serialize + ?Sized>(value: &T) -> serde_json::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(256);
    let mut ser = serde_json::Serializer::with_formatter(
        &mut out,
        SafeFormatter(serde_json::ser::PrettyFormatter::new()),
    );
    value.serialize(&mut ser)?;
    Ok(out)
}

/// Create an empty file readable and writable by its owner only.
pub fn create_private_file(path: &Path) -> std::io::Result<std::fs::File> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A byte a terminal would act on: C0 controls but newline, DEL, and the UTF-8 of
    /// C1 controls, bidi controls and line separators.
    pub(crate) fn terminal_active(out: &[u8]) -> Option<usize> {
        let s = std::str::from_utf8(out).ok()?;
        s.char_indices()
            .find(|&(_, c)| (c < ' ' && c != '\n') || is_unsafe_char(c))
            .map(|(i, _)| i)
    }

    /// Text rich in what a terminal acts on, mixed with anything else.
    fn hostile_text() -> impl Strategy<Value = String> {
        let nasty = prop::sample::select(vec![
            '\u{1b}', '\u{7}', '\u{7f}', '\u{80}', '\u{9b}', '\u{9d}', '\u{9f}', '\u{202a}',
            '\u{202e}', '\u{2066}', '\u{2069}', '\u{200f}', '\u{2028}', '"', '\\', 'あ',
        ]);
        prop::collection::vec(prop_oneof![any::<char>(), nasty], 0..24)
            .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        #[test]
        fn no_output_holds_a_character_a_terminal_acts_on(
            texts in proptest::collection::vec(hostile_text(), 0..6),
            key in hostile_text(),
        ) {
            let mut map = std::collections::BTreeMap::new();
            map.insert(key, texts.clone());
            let out = to_json_pretty(&map).unwrap();
            prop_assert_eq!(terminal_active(&out), None);
            // And it still means the same.
            let back: std::collections::BTreeMap<String, Vec<String>> =
                serde_json::from_slice(&out).unwrap();
            prop_assert_eq!(back, map);
        }
    }

    #[test]
    fn c1_and_bidi_controls_are_escaped() {
        let out = to_json_pretty(&"a\u{9b}31m\u{202e}b\u{7f}\u{1b}").unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            r#""a\u009b31m\u202eb\u007f\u001b""#
        );
    }

    #[test]
    fn databases_and_their_companions_are_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        rusqlite::Connection::open(&db)
            .unwrap()
            .execute_batch("PRAGMA journal_mode=WAL; CREATE TABLE t(a);")
            .unwrap();
        let err = write_private(&db, b"{}").unwrap_err().to_string();
        assert!(err.contains("is a SQLite database"), "{err}");
        for companion in ["x.db-wal", "x.db-shm", "x.db-journal"] {
            let err = write_private(&dir.path().join(companion), b"{}")
                .unwrap_err()
                .to_string();
            assert!(err.contains("belongs to the SQLite database"), "{err}");
        }
        let fine = dir.path().join("out.json");
        write_private(&fine, b"{}").unwrap();
        write_private(&fine, b"[]").unwrap();
        assert_eq!(std::fs::read(&fine).unwrap(), b"[]");
    }
}
