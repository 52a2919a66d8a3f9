//! A workbook sheet to the CSV text the existing import reads, with the way back from
//! each record to its sheet row and column for error messages.

use calamine::{open_workbook, Data, Ods, Range, Reader as _, Xls, Xlsx};
use chrono::{Datelike as _, NaiveDate};
use std::path::Path;
use std::sync::mpsc;
use std::time::Instant;

use super::bounds::{self, Format, Limits};

use super::headers::{lookup, Conv, FieldDef, ENGINEER_FIELDS, OPENING_FIELDS};

/// Header rows are looked for among the first rows of a sheet (titles may sit above).
const HEADER_SEARCH_ROWS: usize = 10;

/// What the sheet holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Engineers,
    Openings,
}

impl Kind {
    fn fields(self) -> &'static [FieldDef] {
        match self {
            Kind::Engineers => &ENGINEER_FIELDS,
            Kind::Openings => OPENING_FIELDS,
        }
    }
    fn required(self) -> &'static [&'static str] {
        match self {
            // Whose the engineer is may come from 所属, 雇用形態 or the partner column.
            Kind::Engineers => &["name"],
            Kind::Openings => &["title"],
        }
    }
}

/// One column of the sheet and the field it feeds, if any.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Spreadsheet letter: A, B, … AA.
    pub letter: String,
    pub header: String,
    /// The import field, or None when the column is ignored.
    pub field: Option<&'static str>,
    /// Why a column with a known header is ignored (its field came from an earlier column).
    pub note: Option<String>,
    conv: Option<Conv>,
    index: usize,
}

/// How the sheet maps onto fields: printed before anything is stored.
#[derive(Debug, Clone, PartialEq)]
pub struct Mapping {
    pub sheet: String,
    /// 1-based row of the header.
    pub header_row: u32,
    pub columns: Vec<Column>,
    /// Data rows (non-empty rows below the header).
    pub rows: usize,
}

impl Mapping {
    /// The mapping as lines for the terminal.
    pub fn render(&self, file: &Path) -> String {
        let mut s = format!(
            "{}: sheet '{}', header in row {}, {} rows\n",
            file.display(),
            self.sheet,
            self.header_row,
            self.rows
        );
        let width = self
            .columns
            .iter()
            .map(|c| crate::text::width(&c.header))
            .max()
            .unwrap_or(0);
        for c in &self.columns {
            let target = match (&c.field, &c.note) {
                (Some(f), _) => format!("→ {f}"),
                (None, Some(n)) => format!("  (ignored: {n})"),
                (None, None) => "  (ignored)".to_string(),
            };
            s.push_str(&format!(
                "  {:>3} {} {target}\n",
                c.letter,
                crate::text::pad(&crate::text::cell(&c.header), width)
            ));
        }
        s
    }
}

/// A sheet read: the mapping, the CSV text for `store::formats`, and where each record came from.
#[derive(Debug)]
pub struct Table {
    pub mapping: Mapping,
    pub csv: String,
    /// For each CSV record, in order: the line it starts on and its sheet row (1-based).
    pub lines: Vec<(usize, u32)>,
}

impl Table {
    /// The sheet row of a CSV line number reported by the CSV reader.
    pub fn row_of_line(&self, line: usize) -> Option<u32> {
        // Lines ascend, so a binary search keeps renumbering a million records linear.
        let after = self.lines.partition_point(|(l, _)| *l <= line);
        after.checked_sub(1).map(|i| self.lines[i].1)
    }

    /// `sheet 'S' row R column C (header)`: where a message about record at `row` points.
    pub fn locate(&self, row: u32, message: &str) -> String {
        let mut s = format!("sheet '{}' row {row}", self.mapping.sheet);
        if let Some(c) = self.column_for(row, message) {
            s.push_str(&format!(
                " column {} ({})",
                c.letter,
                crate::text::cell(&c.header)
            ));
        }
        s
    }

    /// Which column a validation message is about: a field named at its start, else the
    /// column whose cell holds the value the message quotes.
    fn column_for(&self, row: u32, message: &str) -> Option<&Column> {
        let by_field = self
            .mapping
            .columns
            .iter()
            .filter_map(|c| c.field.map(|f| (f, c)))
            .filter(|(f, _)| message.starts_with(f) && message[f.len()..].starts_with([':', ' ']))
            .max_by_key(|(f, _)| f.len())
            .map(|(_, c)| c);
        if by_field.is_some() {
            return by_field;
        }
        let quoted = message.split('\'').nth(1).filter(|q| !q.is_empty())?;
        let record = self.lines.iter().position(|(_, r)| *r == row)?;
        // The record's cells, read back from the CSV only when a message needs them, so a big
        // sheet is not held twice.
        let cells: Vec<String> = csv::Reader::from_reader(self.csv.as_bytes())
            .records()
            .nth(record)?
            .ok()?
            .iter()
            .map(str::to_string)
            .collect();
        self.mapping
            .columns
            .iter()
            .filter(|c| c.field.is_some())
            .zip(&cells)
            .find(|(_, v)| v.contains(quoted))
            .map(|(c, _)| c)
    }
}

/// Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA.
pub fn letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// Is this file a workbook by its extension?
pub fn is_workbook(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["xlsx", "xlsm", "xls", "xlsb", "ods"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// A sheet row: its 0-based index and its non-empty cells as (0-based column, value), by column.
type Row = (u32, Vec<(u32, Data)>);

/// Read one sheet (the first, or `sheet`) of a workbook as `kind` records, within the default
/// [`Limits`].
pub fn read(
    path: &Path,
    kind: Kind,
    sheet: Option<&str>,
    today: NaiveDate,
) -> Result<Table, String> {
    read_within(path, kind, sheet, today, Limits::default())
}

/// [`read`] within `limits`: the file is checked before it is parsed, and the whole read runs
/// on a worker thread that is abandoned (and the file refused) at the deadline, so no file can
/// hold the command past it.
pub fn read_within(
    path: &Path,
    kind: Kind,
    sheet: Option<&str>,
    today: NaiveDate,
    limits: Limits,
) -> Result<Table, String> {
    let started = Instant::now();
    let (tx, rx) = mpsc::channel();
    let owned = (path.to_path_buf(), sheet.map(str::to_string));
    std::thread::Builder::new()
        .name("workbook".into())
        .spawn(move || {
            let (path, sheet) = owned;
            let _ = tx.send(read_now(
                &path,
                kind,
                sheet.as_deref(),
                today,
                &limits,
                started,
            ));
        })
        .map_err(|e| e.to_string())?;
    match rx.recv_timeout(limits.deadline.saturating_sub(started.elapsed())) {
        Ok(read) => read,
        Err(mpsc::RecvTimeoutError::Timeout) => Err(format!(
            "workbook not read within {} s; refused",
            limits.deadline.as_secs_f64()
        )),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            Err("not a readable workbook: the reader failed on it".into())
        }
    }
}

fn read_now(
    path: &Path,
    kind: Kind,
    sheet: Option<&str>,
    today: NaiveDate,
    limits: &Limits,
    started: Instant,
) -> Result<Table, String> {
    let format = bounds::check(path, limits, started)?;
    let unreadable = |e: &dyn std::fmt::Display| format!("not a readable workbook: {e}");
    match format {
        Format::Xlsx => {
            let mut book: Xlsx<_> = open_workbook(path).map_err(|e| unreadable(&e))?;
            let name = sheet_name(&book.sheet_names(), sheet)?;
            let mut cells = match book.worksheet_cells_reader(&name) {
                Ok(c) => Some(c),
                Err(calamine::XlsxError::NotAWorksheet(_)) => None,
                Err(e) => return Err(format!("sheet '{name}': {e}")),
            };
            let mut n: u64 = 0;
            let rows = rows_of_cells(|| {
                let Some(reader) = cells.as_mut() else {
                    return Ok(None);
                };
                n += 1;
                if n % 65_536 == 0 {
                    bounds::late(limits, started)?;
                }
                match reader.next_cell() {
                    Ok(Some(c)) => {
                        let (r, col) = c.get_position();
                        Ok(Some((r, col, Data::from(c.get_value().clone()))))
                    }
                    Ok(None) => Ok(None),
                    Err(e) => Err(format!("sheet '{name}': {e}")),
                }
            });
            table(&name, rows, kind, today)
        }
        Format::Ods => {
            let mut book: Ods<_> = open_workbook(path).map_err(|e| unreadable(&e))?;
            let name = sheet_name(&book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| format!("sheet '{name}': {e}"))?;
            table(&name, rows_of_range(&range), kind, today)
        }
        Format::Xls => {
            let mut book: Xls<_> = open_workbook(path).map_err(|e| unreadable(&e))?;
            let name = sheet_name(&book.sheet_names(), sheet)?;
            let range = book
                .worksheet_range(&name)
                .map_err(|e| format!("sheet '{name}': {e}"))?;
            table(&name, rows_of_range(&range), kind, today)
        }
    }
}

/// The sheet asked for (exactly, else by trimmed case-insensitive name), or the first.
fn sheet_name(names: &[String], sheet: Option<&str>) -> Result<String, String> {
    match sheet {
        Some(want) => names
            .iter()
            .find(|n| n.as_str() == want)
            .or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(want.trim()))
            })
            .cloned()
            .ok_or_else(|| {
                format!(
                    "no sheet '{want}' (sheets: {})",
                    names
                        .iter()
                        .map(|n| format!("'{n}'"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            }),
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "workbook has no sheets".to_string()),
    }
}

/// A CSV written with a roster's own headers (氏名, 所属, 稼働可能日 …) read as a sheet, so
/// its headers and values are understood as a workbook's are.
pub fn read_csv(text: &str, kind: Kind, today: NaiveDate) -> Result<Table, String> {
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<Vec<String>> = Vec::new();
    for r in rdr.records() {
        let r = r.map_err(|e| e.to_string())?;
        rows.push(r.iter().map(str::to_string).collect());
    }
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Err("no rows".into());
    }
    let mut range = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (i, r) in rows.into_iter().enumerate() {
        for (j, v) in r.into_iter().enumerate() {
            if !v.trim().is_empty() {
                range.set_value((i as u32, j as u32), Data::String(v));
            }
        }
    }
    table("csv", rows_of_range(&range), kind, today)
}

/// Does a CSV header use a roster's own words (氏名, 所属, 稼働可能日 …) rather than the
/// import's field names? Then it is read as a workbook is; otherwise as written, so a
/// misspelt field name is refused by name.
pub fn has_roster_header(text: &str, kind: Kind) -> bool {
    let first = text.lines().next().unwrap_or("");
    let first = first.trim_start_matches('\u{feff}');
    let fields = kind.fields();
    first
        .split(',')
        .map(|h| h.trim().trim_matches('"'))
        .filter(|h| !h.is_empty())
        .any(|h| !fields.iter().any(|d| d.field == h) && lookup(fields, h).is_some())
}

/// Cells in document order (row by row) grouped into sparse rows, so a sheet is never held
/// whole and a far-away cell costs one entry, not the rectangle up to it.
fn rows_of_cells(
    mut next: impl FnMut() -> Result<Option<(u32, u32, Data)>, String>,
) -> impl Iterator<Item = Result<Row, String>> {
    let mut pending: Option<(u32, u32, Data)> = None;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut row: Option<Row> = None;
        loop {
            let cell = match pending.take() {
                Some(c) => Some(c),
                None => match next() {
                    Ok(c) => c,
                    Err(e) => {
                        done = true;
                        return Some(Err(e));
                    }
                },
            };
            let Some((r, c, v)) = cell else {
                done = true;
                return row.map(Ok);
            };
            if matches!(v, Data::Empty) {
                continue;
            }
            match row.as_mut() {
                Some((at, cells)) if *at == r => cells.push((c, v)),
                Some(_) => {
                    pending = Some((r, c, v));
                    return row.map(Ok);
                }
                None => row = Some((r, vec![(c, v)])),
            }
        }
    })
}

/// A sheet read whole by calamine as sparse rows.
fn rows_of_range(range: &Range<Data>) -> impl Iterator<Item = Result<Row, String>> + '_ {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    range.rows().enumerate().filter_map(move |(i, r)| {
        let cells: Vec<(u32, Data)> = r
            .iter()
            .enumerate()
            .filter(|(_, d)| !matches!(d, Data::Empty))
            .map(|(j, d)| (col0 + j as u32, d.clone()))
            .collect();
        (!cells.is_empty()).then(|| Ok((row0 + i as u32, cells)))
    })
}

/// A sheet's rows to a table; pure, so tests can drive it without files.
fn table(
    name: &str,
    mut rows: impl Iterator<Item = Result<Row, String>>,
    kind: Kind,
    today: NaiveDate,
) -> Result<Table, String> {
    let fields = kind.fields();
    // The first rows, where the header is looked for; the row past them is kept for the data.
    let mut head: Vec<Row> = Vec::new();
    let mut past: Option<Row> = None;
    for r in rows.by_ref() {
        let mut r = r?;
        r.1.sort_by_key(|(c, _)| *c);
        if head
            .first()
            .is_some_and(|f| r.0 >= f.0.saturating_add(HEADER_SEARCH_ROWS as u32))
        {
            past = Some(r);
            break;
        }
        head.push(r);
    }
    // The header: the first row among the first few where two cells (or the only one) name fields.
    let header_at = head
        .iter()
        .position(|(_, r)| {
            let texts: Vec<String> = r
                .iter()
                .map(|(_, d)| text_of(d))
                .filter(|t| !t.is_empty())
                .collect();
            let known = texts.iter().filter(|t| lookup(fields, t).is_some()).count();
            known >= 2 || (known == 1 && texts.len() == 1)
        })
        .ok_or_else(|| {
            format!(
                "sheet '{name}': no header row in the first {HEADER_SEARCH_ROWS} rows (expected headers such as {})",
                match kind {
                    Kind::Engineers => "氏名, 所属, 単価, スキル or name, affiliation, rate, skills",
                    Kind::Openings => "案件名, 単価, 必須スキル or title, rate_max, must",
                }
            )
        })?;
    let header_row = head[header_at].0;
    let mut columns = Vec::new();
    for (i, h) in &head[header_at].1 {
        let header = text_of(h);
        if header.is_empty() {
            continue;
        }
        let def = lookup(fields, &header);
        let taken = def.and_then(|d| {
            columns
                .iter()
                .find(|c: &&Column| c.field == Some(d.field))
                .map(|c| format!("{} already from column {}", d.field, c.letter))
        });
        columns.push(Column {
            letter: letter(*i as usize),
            header,
            field: if taken.is_some() {
                None
            } else {
                def.map(|d| d.field)
            },
            note: taken,
            conv: def.map(|d| d.conv),
            index: *i as usize,
        });
    }
    let mapped: Vec<&Column> = columns.iter().filter(|c| c.field.is_some()).collect();
    for r in kind.required() {
        if !mapped.iter().any(|c| c.field == Some(*r)) {
            return Err(format!(
                "sheet '{name}': no column for required field '{r}' (header row {}: {})",
                header_row as usize + 1,
                columns
                    .iter()
                    .map(|c| c.header.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
    }
    let mut csv = csv::WriterBuilder::new().from_writer(Vec::new());
    csv.write_record(mapped.iter().map(|c| c.field.unwrap_or_default()))
        .map_err(|e| e.to_string())?;
    let mut lines = Vec::new();
    let mut line = 2;
    let below = head.split_off(header_at + 1).into_iter().map(Ok);
    for r in below.chain(past.map(Ok)).chain(rows) {
        let (at, mut r) = r?;
        r.sort_by_key(|(c, _)| *c);
        let values: Vec<String> = mapped
            .iter()
            .map(|c| {
                let cell = r
                    .binary_search_by_key(&(c.index as u32), |(c, _)| *c)
                    .map_or(&Data::Empty, |k| &r[k].1);
                convert(cell, c.conv.unwrap_or(Conv::Text), today)
            })
            .collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        csv.write_record(&values).map_err(|e| e.to_string())?;
        lines.push((line, at + 1));
        line += 1 + values
            .iter()
            .map(|v| v.matches('\n').count())
            .sum::<usize>();
    }
    let csv = String::from_utf8(csv.into_inner().map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    Ok(Table {
        mapping: Mapping {
            sheet: name.to_string(),
            header_row: header_row + 1,
            rows: lines.len(),
            columns,
        },
        csv,
        lines,
    })
}

/// A cell as plain text: numbers without a trailing `.0`, dates as `YYYY-MM-DD`.
fn text_of(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        Data::DateTime(d) => {
            let (y, m, day, ..) = d.to_ymd_hms_milli();
            format!("{y:04}-{m:02}-{day:02}")
        }
        Data::DateTimeIso(s) => s.get(..10).unwrap_or(s).to_string(),
        Data::DurationIso(s) => s.clone(),
    }
}

fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        let s = format!("{f:.4}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// A cell's value as the CSV reader expects it for a field of this kind. What cannot be
/// read is passed on unchanged, so validation refuses it with its usual message.
fn convert(cell: &Data, conv: Conv, today: NaiveDate) -> String {
    let text = text_of(cell);
    if text.is_empty() {
        return text;
    }
    let num = match cell {
        Data::Int(i) => Some(*i as f64),
        Data::Float(f) => Some(*f),
        _ => None,
    };
    match conv {
        Conv::Text => text,
        Conv::Int => num.map(number).unwrap_or(text),
        Conv::Money => {
            let v = num.or_else(|| {
                let cleaned: String = text
                    .chars()
                    .filter(|c| !matches!(c, ',' | '，' | '¥' | '￥' | '円' | '万' | ' '))
                    .collect();
                cleaned.parse::<f64>().ok()
            });
            match v {
                Some(v) if v >= 10_000.0 => number(v / 10_000.0),
                Some(v) => number(v),
                None => text,
            }
        }
        Conv::Date => match (cell, num) {
            // A date typed as a bare serial number in a cell without a date format.
            (_, Some(n)) if (20_000.0..80_000.0).contains(&n) => serial_date(n).unwrap_or(text),
            _ => date_text(&text).map(|d| d.to_string()).unwrap_or(text),
        },
        Conv::Start => {
            let t = text.as_str();
            if ["即日", "即", "asap", "immediately", "immediate"]
                .iter()
                .any(|x| t.eq_ignore_ascii_case(x) || t.starts_with("即日"))
            {
                return "immediate".into();
            }
            if let (_, Some(n)) = (cell, num) {
                if (20_000.0..80_000.0).contains(&n) {
                    return serial_date(n).unwrap_or(text);
                }
            }
            if let Some(d) = date_text(t) {
                return d.to_string();
            }
            month_text(t).unwrap_or(text)
        }
        Conv::YesNo => match crate::domain::yes_no(&text) {
            Some(true) => "yes".into(),
            Some(false) => "no".into(),
            None => text,
        },
        Conv::Nationality => {
            let t = text.to_lowercase();
            if [
                "日本",
                "日本人",
                "日本国籍",
                "japan",
                "japanese",
                "jp",
                "jpn",
            ]
            .contains(&t.as_str())
            {
                "no".into()
            } else {
                "yes".into()
            }
        }
        Conv::Age => {
            let n = num.or_else(|| leading_number(&text));
            match n {
                Some(n) if (15.0..100.0).contains(&n) => format!("{}代", (n as u32) / 10 * 10),
                _ => text,
            }
        }
        Conv::Experience => {
            let n = num.or_else(|| leading_number(&text));
            match n {
                Some(n) if (0.0..=60.0).contains(&n) => {
                    (today.year() - n.floor() as i32).to_string()
                }
                _ => text,
            }
        }
        Conv::Affiliation => {
            let t = text.to_lowercase();
            let v = match t.as_str() {
                "正社員" | "社員" | "プロパー" | "自社" | "自社社員" => "own",
                "契約社員" | "契約" => "contract",
                "個人事業主" | "フリーランス" | "フリー" | "個人" => "freelancer",
                "bp" | "パートナー" | "協力会社" | "他社" | "bp社員" => "partner",
                _ => return text,
            };
            v.into()
        }
        Conv::Remote => {
            let t = text.to_lowercase();
            if ["フルリモート", "完全リモート", "フル", "full", "在宅"].contains(&t.as_str())
            {
                "full".into()
            } else if t.contains("一部")
                || t.contains("週")
                || t.contains("併用")
                || t.contains("ハイブリッド")
                || t == "partial"
                || t == "可"
            {
                "partial".into()
            } else if ["常駐", "出社", "なし", "不可", "none", "onsite", "no"].contains(&t.as_str())
            {
                "none".into()
            } else {
                text
            }
        }
        Conv::Skills => skills_text(&text),
    }
}

fn serial_date(n: f64) -> Option<String> {
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    epoch
        .checked_add_signed(chrono::Duration::days(n.floor() as i64))
        .map(|d| d.to_string())
}

fn date_text(t: &str) -> Option<NaiveDate> {
    let t = t.trim();
    ["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(t, f).ok())
}

fn month_text(t: &str) -> Option<String> {
    let t = t.trim().trim_end_matches('〜').trim_end_matches('~').trim();
    for sep in ['/', '-', '.', '年'] {
        if let Some((y, m)) = t.split_once(sep) {
            let m = m.trim_end_matches('月');
            if let (Ok(y), Ok(m)) = (y.parse::<i32>(), m.parse::<u32>()) {
                if (2000..2100).contains(&y) && (1..=12).contains(&m) {
                    return Some(format!("{y:04}-{m:02}"));
                }
            }
        }
    }
    None
}

fn leading_number(t: &str) -> Option<f64> {
    let digits: String = t
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    digits.parse().ok()
}

/// `Java(5年)、AWS 2年 / SQL` → `Java:5;AWS:2;SQL`: the CSV form of a skill list.
fn skills_text(text: &str) -> String {
    text.split([';', '；', '、', ',', '，', '/', '／', '\n', '|'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|part| {
            if part.contains([':', '：']) {
                return part.to_string();
            }
            // A trailing "5年", "(5年)", "（5）" or " 5" gives the years.
            let cut = part.trim_end_matches([')', '）', '年', ' ']);
            let num_start = cut
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_ascii_digit() || *c == '.')
                .last()
                .map(|(i, _)| i);
            match num_start {
                Some(i)
                    if i > 0
                        && (cut.len() != part.len() || cut[..i].ends_with([' ', '(', '（'])) =>
                {
                    let name = cut[..i].trim_end_matches(['(', '（', ' ']).trim();
                    format!("{name}:{}", &cut[i..])
                }
                _ => part.to_string(),
            }
        })
        .collect::<Vec<_>>()
        .join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_letters() {
        assert_eq!(letter(0), "A");
        assert_eq!(letter(25), "Z");
        assert_eq!(letter(26), "AA");
        assert_eq!(letter(27), "AB");
        assert_eq!(letter(701), "ZZ");
        assert_eq!(letter(702), "AAA");
    }

    #[test]
    fn skill_lists_as_reps_write_them() {
        assert_eq!(skills_text("Java(5年)、AWS 2年 / SQL"), "Java:5;AWS:2;SQL");
        assert_eq!(skills_text("Java:5;Spring Boot:3"), "Java:5;Spring Boot:3");
        assert_eq!(skills_text("Spring Boot（3年）"), "Spring Boot:3");
        assert_eq!(skills_text("S3"), "S3");
        assert_eq!(skills_text("Vue3"), "Vue3");
    }

    #[test]
    fn cells_convert_by_field() {
        let today = NaiveDate::from_ymd_opt(2026, 12, 5).unwrap();
        let s = |v: &str| Data::String(v.into());
        assert_eq!(convert(&Data::Float(650000.0), Conv::Money, today), "65");
        assert_eq!(convert(&s("65万円"), Conv::Money, today), "65");
        assert_eq!(convert(&Data::Float(62.5), Conv::Money, today), "62.5");
        assert_eq!(convert(&s("2027/1/5"), Conv::Date, today), "2027-01-05");
        assert_eq!(
            convert(&Data::Float(46388.0), Conv::Date, today),
            "2027-01-01"
        );
        assert_eq!(convert(&s("即日"), Conv::Start, today), "immediate");
        assert_eq!(convert(&s("2027年1月"), Conv::Start, today), "2027-01");
        assert_eq!(convert(&s("日本"), Conv::Nationality, today), "no");
        assert_eq!(convert(&s("ベトナム"), Conv::Nationality, today), "yes");
        assert_eq!(convert(&Data::Int(34), Conv::Age, today), "30代");
        assert_eq!(convert(&Data::Int(8), Conv::Experience, today), "2018");
        assert_eq!(convert(&s("正社員"), Conv::Affiliation, today), "own");
        assert_eq!(convert(&s("BP"), Conv::Affiliation, today), "partner");
        assert_eq!(convert(&s("一部リモート"), Conv::Remote, today), "partial");
        assert_eq!(convert(&s("可"), Conv::YesNo, today), "yes");
    }
}
