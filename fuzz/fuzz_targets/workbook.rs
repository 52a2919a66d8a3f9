//! Any bytes as a workbook file (.xlsx, .ods, .xls are told apart by their first bytes):
//! read within tight limits, a read may refuse with a message, never panic, never reach the
//! deadline (that was the truncated .ods calamine spun on forever).
//!
//! An input whose first byte is odd is spliced instead into one entry of a roster .xlsx that
//! benchmatch's own writer made, and zipped again intact: random bytes seldom make a zip, so
//! this is how the fuzzer reaches the sheet, shared-string and style readers.
#![no_main]

use benchmatch::xlsx::bounds::Limits;
use benchmatch::xlsx::read::{read_within, Kind};
use benchmatch::xlsx::write::{to_bytes, Cell, Sheet};
use libfuzzer_sys::fuzz_target;
use std::io::{Read, Write};
use std::time::Duration;

/// A small roster written by benchmatch's own `.xlsx` writer: its entries, decompressed.
fn roster_entries() -> Vec<(String, Vec<u8>)> {
    let sheet = Sheet {
        name: "名簿".into(),
        headers: ["氏名", "所属", "スキル", "単価", "稼働開始"]
            .map(String::from)
            .to_vec(),
        rows: (1..6)
            .map(|i| {
                vec![
                    Cell::text(format!("技術 {i}")),
                    Cell::text("正社員"),
                    Cell::text("Java(5年)、AWS"),
                    Cell::Number(60.0 + f64::from(i)),
                    Cell::text("即日"),
                ]
            })
            .collect(),
        highlight: vec![false; 5],
    };
    let Ok(bytes) = to_bytes(&[sheet]) else {
        return Vec::new();
    };
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return Vec::new();
    };
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            let mut out = Vec::new();
            f.read_to_end(&mut out).ok()?;
            Some((f.name().to_string(), out))
        })
        .collect()
}

/// `data[1]` picks an entry, `data[2..4]` where in it `data[4..]` goes, replacing the rest.
fn spliced(data: &[u8]) -> Option<Vec<u8>> {
    let mut entries = roster_entries();
    if entries.is_empty() || data.len() < 4 {
        return None;
    }
    let e = usize::from(data[1]) % entries.len();
    let body = &mut entries[e].1;
    let at = usize::from(u16::from_le_bytes([data[2], data[3]])) % (body.len() + 1);
    body.truncate(at);
    body.extend_from_slice(&data[4..]);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in &entries {
        w.start_file(name.as_str(), opts).ok()?;
        w.write_all(bytes).ok()?;
    }
    Some(w.finish().ok()?.into_inner())
}

fuzz_target!(|data: &[u8]| {
    let bytes = match data.first() {
        Some(b) if b % 2 == 1 => match spliced(data) {
            Some(b) => b,
            None => return,
        },
        _ => data.to_vec(),
    };
    let path = std::env::temp_dir().join(format!("benchmatch-fuzz-{}.book", std::process::id()));
    if std::fs::write(&path, &bytes).is_err() {
        return;
    }
    let limits = Limits {
        file_bytes: 1024 * 1024,
        entry_bytes: 16 * 1024 * 1024,
        total_bytes: 32 * 1024 * 1024,
        entries: 100,
        cells: 1_000_000,
        deadline: Duration::from_secs(10),
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap_or_default();
    for kind in [Kind::Engineers, Kind::Openings] {
        if let Err(e) = read_within(&path, kind, None, today, limits) {
            assert!(!e.contains("not read within"), "{e}");
            // A panic on the reader's thread comes back as this line.
            assert!(!e.contains("the reader failed"), "{e}");
        }
    }
});
