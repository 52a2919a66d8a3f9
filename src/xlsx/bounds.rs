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
            // BOUNDSHEET8: calamine slices the stream from the sheet's declared position.
            0x0085 => {
                let pos = data
                    .get(0..4)
                    .map(|b| u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]])));
                if pos.is_some_and(|pos| pos > size) {
                    return Err(
                        "not a readable workbook: a sheet starts past the end of the file".into(),
                    );
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
#[path = "bounds_tests.rs"]
mod tests;
