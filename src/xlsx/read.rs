//! A workbook sheet to the CSV text the existing import reads, with the way back from
//! each record to its sheet row and column for error messages.

use calamine::{open_workbook_auto, Data, Range, Reader as _};
use chrono::{Datelike as _, NaiveDate};
use std::path::Path;

use super::headers::{lookup, Conv, FieldDef, ENGINEER_FIELDS, OPENING_FIELDS};

/// Largest workbook read; larger ones are refused before they are opened.
const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;
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
            Kind::Engineers => ENGINEER_FIELDS,
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
    /// Cell texts per record, by column of `mapping.columns`, to find a column from a value.
    cells: Vec<Vec<String>>,
}

impl Table {
    /// The sheet row of a CSV line number reported by the CSV reader.
    pub fn row_of_line(&self, line: usize) -> Option<u32> {
        self.lines
            .iter()
            .rev()
            .find(|(l, _)| *l <= line)
            .map(|(_, r)| *r)
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
        let cells = self.cells.get(record)?;
        self.mapping
            .columns
            .iter()
            .filter(|c| c.field.is_some())
            .zip(cells)
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

/// Read one sheet (the first, or `sheet`) of a workbook as `kind` records.
pub fn read(
    path: &Path,
    kind: Kind,
    sheet: Option<&str>,
    today: NaiveDate,
) -> Result<Table, String> {
    let size = std::fs::metadata(path).map_err(|e| e.to_string())?.len();
    if size > MAX_WORKBOOK_BYTES {
        return Err(format!(
            "workbook is larger than {} MB",
            MAX_WORKBOOK_BYTES / 1024 / 1024
        ));
    }
    let mut book = open_workbook_auto(path).map_err(|e| format!("not a readable workbook: {e}"))?;
    let names = book.sheet_names();
    let name = match sheet {
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
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| "workbook has no sheets".to_string())?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| format!("sheet '{name}': {e}"))?;
    table(&name, &range, kind, today)
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
    table("csv", &range, kind, today)
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

/// A sheet's cells to a table; pure, so tests can drive it without files.
fn table(name: &str, range: &Range<Data>, kind: Kind, today: NaiveDate) -> Result<Table, String> {
    let (row0, col0) = range.start().unwrap_or((0, 0));
    let rows: Vec<&[Data]> = range.rows().collect();
    let fields = kind.fields();
    // The header: the first row among the first few where two cells (or the only one) name fields.
    let header_at = rows
        .iter()
        .take(HEADER_SEARCH_ROWS)
        .position(|r| {
            let texts: Vec<String> = r.iter().map(text_of).filter(|t| !t.is_empty()).collect();
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
    let mut columns = Vec::new();
    for (i, h) in rows[header_at].iter().enumerate() {
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
            letter: letter(col0 as usize + i),
            header,
            field: if taken.is_some() {
                None
            } else {
                def.map(|d| d.field)
            },
            note: taken,
            conv: def.map(|d| d.conv),
            index: i,
        });
    }
    let mapped: Vec<&Column> = columns.iter().filter(|c| c.field.is_some()).collect();
    for r in kind.required() {
        if !mapped.iter().any(|c| c.field == Some(*r)) {
            return Err(format!(
                "sheet '{name}': no column for required field '{r}' (header row {}: {})",
                row0 as usize + header_at + 1,
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
    let mut cells = Vec::new();
    let mut line = 2;
    for (i, r) in rows.iter().enumerate().skip(header_at + 1) {
        let values: Vec<String> = mapped
            .iter()
            .map(|c| {
                let cell = r.get(c.index).unwrap_or(&Data::Empty);
                convert(cell, c.conv.unwrap_or(Conv::Text), today)
            })
            .collect();
        if values.iter().all(|v| v.trim().is_empty()) {
            continue;
        }
        csv.write_record(&values).map_err(|e| e.to_string())?;
        lines.push((line, row0 + i as u32 + 1));
        line += 1 + values
            .iter()
            .map(|v| v.matches('\n').count())
            .sum::<usize>();
        cells.push(values);
    }
    let csv = String::from_utf8(csv.into_inner().map_err(|e| e.to_string())?)
        .map_err(|e| e.to_string())?;
    Ok(Table {
        mapping: Mapping {
            sheet: name.to_string(),
            header_row: row0 + header_at as u32 + 1,
            rows: lines.len(),
            columns,
        },
        csv,
        lines,
        cells,
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
        Conv::YesNo => match text.to_lowercase().as_str() {
            "○" | "〇" | "◯" | "可" | "ok" | "yes" | "y" | "true" | "1" | "はい" => {
                "yes".into()
            }
            "×" | "✕" | "不可" | "ng" | "no" | "n" | "false" | "0" | "いいえ" => {
                "no".into()
            }
            _ => text,
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
