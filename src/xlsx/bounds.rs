//! What a workbook may expand to before calamine reads it: the zip entries' real sizes, the
//! XML well formed to its end, and the cell area the reader would allocate.
//!
//! calamine allocates a sheet's whole bounding box (two cells at A1 and XFD1048576 ask for
//! 549 GB), reserves what a shared-string count claims, and loops forever on some truncated
//! OpenDocument XML. Each of those is checked here from the file itself, through readers
//! that never hold more than one entry's XML event, so a hostile file is refused with one
//! line instead of taking the machine.

use quick_xml::events::{BytesStart, Event};
use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;
use std::time::{Duration, Instant};

/// The bounds a workbook is read within.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file on disk.
    pub file_bytes: u64,
    /// Largest decompressed zip entry (a sheet's XML).
    pub entry_bytes: u64,
    /// Largest sum of the decompressed entries.
    pub total_bytes: u64,
    /// Most zip entries.
    pub entries: usize,
    /// Most cells calamine may allocate for the sheets it reads whole (.ods, .xls).
    pub cells: u64,
    /// The whole read, checks included, ends by then or the file is refused.
    pub deadline: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 64 * 1024 * 1024,
            entry_bytes: 512 * 1024 * 1024,
            total_bytes: 1024 * 1024 * 1024,
            entries: 10_000,
            cells: 10_000_000,
            deadline: Duration::from_secs(120),
        }
    }
}

/// The container a workbook file is, by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Xlsx,
    Ods,
    Xls,
}

const MB: u64 = 1024 * 1024;

/// Check `path` against `limits`; the format to read it as, or why it is refused.
pub fn check(path: &Path, limits: &Limits, started: Instant) -> Result<Format, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > limits.file_bytes {
        return Err(format!(
            "workbook is larger than {} MB",
            limits.file_bytes / MB
        ));
    }
    let mut file = File::open(path).map_err(|e| e.to_string())?;
    let mut magic = [0u8; 8];
    let got = read_up_to(&mut file, &mut magic).map_err(|e| e.to_string())?;
    let magic = &magic[..got];
    if magic.starts_with(b"PK\x03\x04") {
        zip(path, limits, started)
    } else if magic.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        xls(path, limits, started).map(|()| Format::Xls)
    } else {
        Err("not a readable workbook: neither a zip (.xlsx, .ods) nor an .xls file".into())
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

pub(crate) fn late(limits: &Limits, started: Instant) -> Result<(), String> {
    if started.elapsed() > limits.deadline {
        return Err(format!(
            "workbook not read within {} s",
            limits.deadline.as_secs_f64()
        ));
    }
    Ok(())
}

/// Every entry of an .xlsx or .ods: declared and real size within the limits, XML well
/// formed to its end, shared strings and OpenDocument cell areas within the limits.
fn zip(path: &Path, limits: &Limits, started: Instant) -> Result<Format, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut archive = zip::ZipArchive::new(BufReader::new(file))
        .map_err(|e| format!("not a readable workbook: {e}"))?;
    if archive.len() > limits.entries {
        return Err(format!(
            "workbook has {} zip entries (at most {})",
            archive.len(),
            limits.entries
        ));
    }
    let format = if archive.index_for_name("content.xml").is_some() {
        Format::Ods
    } else if archive.index_for_name("xl/workbook.bin").is_some() {
        return Err("binary .xlsb workbooks are not read: save the sheet as .xlsx".into());
    } else {
        Format::Xlsx
    };
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive
            .by_index_raw(i)
            .map_err(|e| format!("not a readable workbook: {e}"))?;
        declared = declared.saturating_add(entry.size());
        if entry.size() > limits.entry_bytes {
            return Err(too_big(entry.name(), limits));
        }
    }
    if declared > limits.total_bytes {
        return Err(format!(
            "workbook expands to more than {} MB",
            limits.total_bytes / MB
        ));
    }
    let mut total: u64 = 0;
    let mut cells: u64 = 0;
    for i in 0..archive.len() {
        late(limits, started)?;
        let entry = archive
            .by_index(i)
            .map_err(|e| format!("not a readable workbook: {e}"))?;
        let name = entry.name().to_string();
        let mut counted = Counted {
            inner: entry.take(limits.entry_bytes + 1),
            n: 0,
        };
        let lower = name.to_ascii_lowercase();
        if lower.ends_with(".xml") || lower.ends_with(".rels") {
            let scan = scan_xml(&mut counted, &name, format, limits, started)?;
            if let Some(claimed) = scan.string_count {
                // Each <si><t/></si> takes at least 12 bytes; calamine reserves what is claimed.
                if claimed > counted.n / 12 + 1 {
                    return Err(format!(
                        "workbook entry '{name}' claims {claimed} shared strings in {} bytes",
                        counted.n
                    ));
                }
            }
            cells = cells.saturating_add(scan.cells);
        } else {
            std::io::copy(&mut counted, &mut std::io::sink())
                .map_err(|e| format!("workbook entry '{name}' unreadable: {e}"))?;
        }
        if counted.n > limits.entry_bytes {
            return Err(too_big(&name, limits));
        }
        total += counted.n;
        if total > limits.total_bytes {
            return Err(format!(
                "workbook expands to more than {} MB",
                limits.total_bytes / MB
            ));
        }
    }
    if cells > limits.cells {
        return Err(cells_error(cells, limits));
    }
    Ok(format)
}

fn too_big(name: &str, limits: &Limits) -> String {
    format!(
        "workbook entry '{name}' expands past {} MB",
        limits.entry_bytes / MB
    )
}

fn cells_error(cells: u64, limits: &Limits) -> String {
    format!(
        "workbook sheets span {cells} cells (at most {}); delete the empty rows and columns far from the data",
        limits.cells
    )
}

/// A reader that counts what passed through it.
struct Counted<R> {
    inner: R,
    n: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let k = self.inner.read(buf)?;
        self.n += k as u64;
        Ok(k)
    }
}

/// What one XML entry told.
#[derive(Default)]
struct Scan {
    /// `uniqueCount` of a shared-string table.
    string_count: Option<u64>,
    /// The cell area calamine's OpenDocument reader would allocate for the tables here.
    cells: u64,
}

/// One OpenDocument table's extent as calamine expands it: rows from the first to the last
/// with a value (repeats counted), times the columns up to the last value.
#[derive(Default)]
struct Table {
    row: u64,
    first: Option<u64>,
    last: u64,
    width: u64,
    /// Within the current row: column reached, last column with a value, repeats of the row.
    col: u64,
    row_width: u64,
    row_repeats: u64,
}

impl Table {
    fn area(&self) -> u64 {
        match self.first {
            Some(f) => (self.last - f + 1).saturating_mul(self.width),
            None => 0,
        }
    }
}

fn repeats(e: &BytesStart<'_>, attr: &[u8]) -> Result<u64, String> {
    match e.try_get_attribute(attr) {
        Ok(Some(a)) => std::str::from_utf8(&a.value)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .ok_or_else(|| "not a readable workbook: bad repeat count".to_string()),
        Ok(None) => Ok(1),
        Err(e) => Err(format!("not a readable workbook: {e}")),
    }
}

/// calamine's row and column caps on repeats.
const MAX_ROWS: u64 = 1_048_576;
const MAX_COLUMNS: u64 = 16_384;

fn scan_xml(
    r: &mut impl Read,
    name: &str,
    format: Format,
    limits: &Limits,
    started: Instant,
) -> Result<Scan, String> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(r));
    xml.config_mut().check_end_names = true;
    let mut buf = Vec::new();
    let mut depth: usize = 0;
    let mut scan = Scan::default();
    let mut table: Option<Table> = None;
    let ods = format == Format::Ods && name == "content.xml";
    let mut events: u64 = 0;
    let broken = |e: &dyn std::fmt::Display| format!("workbook entry '{name}' is broken: {e}");
    loop {
        events += 1;
        if events % 65_536 == 0 {
            late(limits, started)?;
        }
        buf.clear();
        let event = xml.read_event_into(&mut buf).map_err(|e| broken(&e))?;
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            if !empty {
                depth += 1;
            }
            let tag = e.name();
            let tag = tag.as_ref();
            if tag.ends_with(b"sst") && scan.string_count.is_none() {
                if let Ok(Some(a)) = e.try_get_attribute("uniqueCount") {
                    scan.string_count = std::str::from_utf8(&a.value)
                        .ok()
                        .and_then(|v| v.trim().parse::<u64>().ok());
                }
            }
            if ods {
                match tag {
                    b"table:table" if !empty => table = Some(Table::default()),
                    b"table:table-row" => {
                        if let Some(t) = table.as_mut() {
                            t.col = 0;
                            t.row_width = 0;
                            t.row_repeats = repeats(e, b"table:number-rows-repeated")?
                                .min(MAX_ROWS.saturating_sub(t.row));
                            if empty {
                                t.row = t.row.saturating_add(t.row_repeats);
                            }
                        }
                    }
                    b"table:table-cell" | b"table:covered-table-cell" => {
                        if let Some(t) = table.as_mut() {
                            let n = repeats(e, b"table:number-columns-repeated")?;
                            let valued = !empty
                                || e.try_get_attribute("office:value-type")
                                    .ok()
                                    .flatten()
                                    .is_some();
                            t.col = t.col.saturating_add(n).min(MAX_COLUMNS);
                            if valued {
                                t.row_width = t.col;
                            }
                        }
                    }
                    _ => {}
                }
            }
        }
        match event {
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                if ods {
                    match e.name().as_ref() {
                        b"table:table-row" => {
                            if let Some(t) = table.as_mut() {
                                if t.row_width > 0 {
                                    t.first.get_or_insert(t.row);
                                    t.last = t.row + t.row_repeats.max(1) - 1;
                                    t.width = t.width.max(t.row_width);
                                }
                                t.row = t.row.saturating_add(t.row_repeats);
                            }
                        }
                        b"table:table" => {
                            if let Some(t) = table.take() {
                                scan.cells = scan.cells.saturating_add(t.area());
                                if scan.cells > limits.cells {
                                    return Err(cells_error(scan.cells, limits));
                                }
                            }
                        }
                        _ => {}
                    }
                }
            }
            Event::Eof => {
                if depth != 0 {
                    return Err(format!(
                        "workbook entry '{name}' is cut short (truncated file?)"
                    ));
                }
                return Ok(scan);
            }
            _ => {}
        }
    }
}

/// An .xls: the cells of every sheet (calamine reads them all on opening) span at most
/// `limits.cells`, measured from the cell records' rows and columns.
fn xls(path: &Path, limits: &Limits, started: Instant) -> Result<(), String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut cfb =
        cfb::CompoundFile::open(file).map_err(|e| format!("not a readable workbook: {e}"))?;
    let stream = if cfb.is_stream("/Workbook") {
        "/Workbook"
    } else if cfb.is_stream("/Book") {
        "/Book"
    } else {
        return Err("not a readable workbook: no Workbook stream".into());
    };
    let size = cfb
        .entry(stream)
        .map_err(|e| format!("not a readable workbook: {e}"))?
        .len();
    if size > limits.file_bytes {
        return Err(format!(
            "workbook is larger than {} MB",
            limits.file_bytes / MB
        ));
    }
    let mut r = BufReader::new(
        cfb.open_stream(stream)
            .map_err(|e| format!("not a readable workbook: {e}"))?,
    );
    let mut cells: u64 = 0;
    // Bounding box of the current substream: (min row, max row, min col, max col).
    let mut bbox: Option<(u64, u64, u64, u64)> = None;
    let mut head = [0u8; 4];
    let mut data = Vec::new();
    let mut records: u64 = 0;
    loop {
        records += 1;
        if records % 65_536 == 0 {
            late(limits, started)?;
        }
        if read_up_to(&mut r, &mut head).map_err(|e| e.to_string())? < 4 {
            break;
        }
        let kind = u16::from_le_bytes([head[0], head[1]]);
        let len = u16::from_le_bytes([head[2], head[3]]) as usize;
        data.resize(len, 0);
        if read_up_to(&mut r, &mut data).map_err(|e| e.to_string())? < len {
            break;
        }
        let u16_at = |i: usize| {
            data.get(i..i + 2)
                .map(|b| u64::from(u16::from_le_bytes([b[0], b[1]])))
        };
        let span = match kind {
            // FORMULA, LABELSST, NUMBER, RK, LABEL, BOOLERR, RSTRING
            0x0006 | 0x00FD | 0x0203 | 0x027E | 0x0204 | 0x0205 | 0x00D6 => {
                u16_at(0).zip(u16_at(2)).map(|(r, c)| (r, c, c))
            }
            // MULRK: row, first column, …, last column.
            0x00BD => u16_at(0)
                .zip(u16_at(2))
                .zip(len.checked_sub(2).and_then(u16_at))
                .map(|((r, a), b)| (r, a, b)),
            // DIMENSIONS: calamine reserves the declared area, and its row count wraps
            // around when the last row is before the first.
            0x0200 => {
                let u32_at = |i: usize| {
                    data.get(i..i + 4)
                        .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])))
                };
                let dims = match len {
                    10 => u16_at(0).zip(u16_at(2)).zip(u16_at(4).zip(u16_at(6))),
                    14 => u32_at(0).zip(u32_at(4)).zip(u16_at(8).zip(u16_at(10))),
                    _ => None,
                };
                if let Some(((rf, rl), (cf, cl))) = dims {
                    let cf = if cf > 0xFF || cl < cf { 0 } else { cf };
                    if rl >= 1 && cl >= 1 {
                        if rl - 1 < rf {
                            return Err(
                                "not a readable workbook: a sheet's dimensions are broken".into()
                            );
                        }
                        let area = (rl - rf).saturating_mul(cl - cf);
                        if area > limits.cells {
                            return Err(cells_error(area, limits));
                        }
                    }
                }
                None
            }
            // BOF ends the previous substream.
            0x0809 | 0x000A => {
                if let Some((r0, r1, c0, c1)) = bbox.take() {
                    cells = cells.saturating_add((r1 - r0 + 1) * (c1.max(c0) - c0 + 1));
                }
                None
            }
            _ => None,
        };
        if let Some((row, c0, c1)) = span {
            let b = bbox.get_or_insert((row, row, c0, c1));
            *b = (b.0.min(row), b.1.max(row), b.2.min(c0), b.3.max(c1));
        }
        if cells > limits.cells {
            return Err(cells_error(cells, limits));
        }
    }
    if let Some((r0, r1, c0, c1)) = bbox {
        cells = cells.saturating_add((r1 - r0 + 1) * (c1.max(c0) - c0 + 1));
    }
    if cells > limits.cells {
        return Err(cells_error(cells, limits));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::xlsx::read::{read_within, Kind};
    use chrono::NaiveDate;
    use std::io::Write as _;
    use zip::write::SimpleFileOptions;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 7).unwrap()
    }

    /// A zip of (name, bytes, deflated?) entries.
    fn zipped(entries: &[(&str, &[u8], bool)]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        for (name, bytes, deflate) in entries {
            let method = if *deflate {
                zip::CompressionMethod::Deflated
            } else {
                zip::CompressionMethod::Stored
            };
            w.start_file(
                *name,
                SimpleFileOptions::default().compression_method(method),
            )
            .unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    const MANIFEST: &str = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/></manifest:manifest>"#;

    fn ods(rows: &str) -> Vec<u8> {
        let content = format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="名簿">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
        );
        zipped(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
                false,
            ),
            ("META-INF/manifest.xml", MANIFEST.as_bytes(), true),
            ("content.xml", content.as_bytes(), true),
        ])
    }

    fn cell(text: &str) -> String {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>"#
        )
    }

    fn roster_rows() -> String {
        let mut s = format!(
            "<table:table-row>{}{}{}</table:table-row>",
            cell("氏名"),
            cell("所属"),
            cell("スキル")
        );
        for i in 0..6 {
            s.push_str(&format!(
                "<table:table-row>{}{}{}</table:table-row>",
                cell(&format!("技術 {i}")),
                cell("正社員"),
                cell("Java(5年)")
            ));
        }
        s
    }

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> std::path::PathBuf {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }

    fn limits() -> Limits {
        Limits {
            deadline: Duration::from_secs(20),
            ..Limits::default()
        }
    }

    #[test]
    fn a_plain_ods_reads() {
        let dir = tempfile::tempdir().unwrap();
        let p = write(&dir, "r.ods", &ods(&roster_rows()));
        let t = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap();
        assert_eq!(t.mapping.rows, 6);
    }

    /// Every cut of a workbook, of its XML inside an intact zip and of the file itself, is
    /// read or refused by the checks: none reaches the deadline (calamine spun forever on
    /// some of these).
    #[test]
    fn truncated_workbooks_are_refused_in_bounded_time() {
        let dir = tempfile::tempdir().unwrap();
        let rows = roster_rows();
        let whole = ods(&rows);
        let content = String::from_utf8({
            let mut a = zip::ZipArchive::new(std::io::Cursor::new(&whole)).unwrap();
            let mut s = Vec::new();
            a.by_name("content.xml")
                .unwrap()
                .read_to_end(&mut s)
                .unwrap();
            s
        })
        .unwrap();
        let mut cuts = 0;
        let mut refused = 0;
        let step = 13;
        let mut files: Vec<Vec<u8>> = Vec::new();
        for at in (1..content.len()).step_by(step) {
            let cut = &content.as_bytes()[..at];
            files.push(zipped(&[
                (
                    "mimetype",
                    b"application/vnd.oasis.opendocument.spreadsheet",
                    false,
                ),
                ("META-INF/manifest.xml", MANIFEST.as_bytes(), true),
                ("content.xml", cut, true),
            ]));
        }
        for at in (1..whole.len()).step_by(step) {
            files.push(whole[..at].to_vec());
        }
        for bytes in files {
            cuts += 1;
            let p = write(&dir, "cut.ods", &bytes);
            let started = Instant::now();
            match read_within(&p, Kind::Engineers, None, today(), limits()) {
                Ok(_) => {}
                Err(e) => {
                    assert!(!e.contains("not read within"), "{e}");
                    refused += 1;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(20));
        }
        assert!(cuts > 100 && refused > cuts / 2, "{refused} of {cuts}");
    }

    #[test]
    fn an_entry_expanding_past_the_limit_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let zeros = vec![b' '; 3 * 1024 * 1024];
        let p = write(&dir, "bomb.xlsx", &zipped(&[("xl/big.bin", &zeros, true)]));
        let small = Limits {
            entry_bytes: 1024 * 1024,
            ..limits()
        };
        let e = read_within(&p, Kind::Engineers, None, today(), small).unwrap_err();
        assert!(e.contains("'xl/big.bin' expands past 1 MB"), "{e}");
        let e = read_within(
            &p,
            Kind::Engineers,
            None,
            today(),
            Limits {
                total_bytes: 2 * 1024 * 1024,
                ..limits()
            },
        )
        .unwrap_err();
        assert!(e.contains("expands to more than 2 MB"), "{e}");
    }

    #[test]
    fn repeats_spanning_too_many_cells_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        // One value repeated over every column of a million rows: 17 billion cells.
        let bomb = format!(
            r#"{}<table:table-row table:number-rows-repeated="1048575"><table:table-cell table:number-columns-repeated="16384" office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>"#,
            roster_rows()
        );
        let p = write(&dir, "bomb.ods", &ods(&bomb));
        let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
        assert!(e.contains("cells (at most 10000000)"), "{e}");
        // Trailing empty repeats as LibreOffice writes them are fine.
        let tail = format!(
            r#"{}<table:table-row table:number-rows-repeated="1048569"><table:table-cell table:number-columns-repeated="1024"/></table:table-row>"#,
            roster_rows()
        );
        let p = write(&dir, "tail.ods", &ods(&tail));
        let t = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap();
        assert_eq!(t.mapping.rows, 6);
    }

    #[test]
    fn a_shared_string_count_past_the_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "氏名").unwrap();
        ws.write_string(0, 1, "所属").unwrap();
        let good = wb.save_to_buffer().unwrap();
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(&good)).unwrap();
        let mut entries = Vec::new();
        for i in 0..a.len() {
            let mut f = a.by_index(i).unwrap();
            let mut b = Vec::new();
            f.read_to_end(&mut b).unwrap();
            let mut name = f.name().to_string();
            if name == "xl/sharedStrings.xml" {
                let s = String::from_utf8(b).unwrap();
                let at = s.find("uniqueCount=\"").unwrap() + 13;
                let end = at + s[at..].find('"').unwrap();
                b = format!("{}99999999999{}", &s[..at], &s[end..]).into_bytes();
            }
            entries.push((std::mem::take(&mut name), b));
        }
        let entries: Vec<(&str, &[u8], bool)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice(), true))
            .collect();
        let p = write(&dir, "sst.xlsx", &zipped(&entries));
        let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
        assert!(e.contains("claims 99999999999 shared strings"), "{e}");
    }

    #[test]
    fn far_apart_cells_in_an_xlsx_cost_one_row_each() {
        // Calamine's whole-sheet range would ask for 549 GB here.
        let dir = tempfile::tempdir().unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "氏名").unwrap();
        ws.write_string(0, 1, "所属").unwrap();
        ws.write_string(1, 0, "技術 太郎").unwrap();
        ws.write_string(1, 1, "正社員").unwrap();
        ws.write_string(1_048_575, 16_383, "far").unwrap();
        let p = write(&dir, "far.xlsx", &wb.save_to_buffer().unwrap());
        let t = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap();
        assert_eq!(t.mapping.rows, 1);
    }

    /// A minimal BIFF8 workbook stream: BOF, the given records, EOF.
    fn xls(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut stream = Vec::new();
        let mut rec = |kind: u16, data: &[u8]| {
            stream.extend_from_slice(&kind.to_le_bytes());
            stream.extend_from_slice(&(data.len() as u16).to_le_bytes());
            stream.extend_from_slice(data);
        };
        rec(0x0809, &[0, 6, 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        for (k, d) in records {
            rec(*k, d);
        }
        rec(0x000A, &[]);
        let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
        c.create_stream("/Workbook")
            .unwrap()
            .write_all(&stream)
            .unwrap();
        c.flush().unwrap();
        c.into_inner().into_inner()
    }

    fn number(row: u16, col: u16) -> (u16, Vec<u8>) {
        let mut d = Vec::new();
        d.extend_from_slice(&row.to_le_bytes());
        d.extend_from_slice(&col.to_le_bytes());
        d.extend_from_slice(&[0, 0]);
        d.extend_from_slice(&1f64.to_le_bytes());
        (0x0203, d)
    }

    #[test]
    fn xls_dimensions_and_far_cells_past_the_limit_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut dims = Vec::new();
        dims.extend_from_slice(&0u32.to_le_bytes());
        dims.extend_from_slice(&65_536u32.to_le_bytes());
        dims.extend_from_slice(&0u16.to_le_bytes());
        dims.extend_from_slice(&256u16.to_le_bytes());
        dims.extend_from_slice(&[0, 0]);
        let p = write(&dir, "dims.xls", &xls(&[(0x0200, dims)]));
        let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
        assert!(e.contains("16777216 cells"), "{e}");
        // A last row before the first wrapped calamine's row count around.
        let mut back = Vec::new();
        back.extend_from_slice(&10u32.to_le_bytes());
        back.extend_from_slice(&5u32.to_le_bytes());
        back.extend_from_slice(&[0, 0, 2, 0, 0, 0]);
        let p = write(&dir, "back.xls", &xls(&[(0x0200, back)]));
        let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
        assert!(e.contains("dimensions are broken"), "{e}");
        let p = write(&dir, "far.xls", &xls(&[number(0, 0), number(65_535, 255)]));
        let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
        assert!(e.contains("16777216 cells"), "{e}");
    }

    #[test]
    fn the_deadline_refuses_a_slow_read() {
        let dir = tempfile::tempdir().unwrap();
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        ws.write_string(0, 0, "氏名").unwrap();
        ws.write_string(0, 1, "所属").unwrap();
        for r in 1..20_000 {
            ws.write_string(r, 0, "技術 太郎").unwrap();
            ws.write_string(r, 1, "正社員").unwrap();
        }
        let p = write(&dir, "slow.xlsx", &wb.save_to_buffer().unwrap());
        let tight = Limits {
            deadline: Duration::from_millis(1),
            ..limits()
        };
        let e = read_within(&p, Kind::Engineers, None, today(), tight).unwrap_err();
        assert!(e.contains("not read within 0.001 s"), "{e}");
    }
}
