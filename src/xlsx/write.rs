//! Sheets of typed cells to a formatted `.xlsx`: bold frozen header, filters, widths that fit
//! (CJK counts double), dates as dates, highlighted rows.

use chrono::{Datelike as _, NaiveDate};
use rust_xlsxwriter::{Color, Format, Workbook, XlsxError};

/// One cell of a report.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64),
    Date(NaiveDate),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        let s = s.into();
        if s.is_empty() {
            Cell::Empty
        } else {
            Cell::Text(s)
        }
    }

    /// Display width for column sizing: CJK characters count double.
    fn width(&self) -> usize {
        match self {
            Cell::Text(s) => s.lines().map(crate::text::width).max().unwrap_or(0),
            Cell::Number(n) => format!("{n:.1}").len(),
            Cell::Date(_) => 10,
            Cell::Empty => 0,
        }
    }
}

/// A sheet: a header row, rows of cells, and which rows to highlight.
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Rows (by index into `rows`) filled in light red: urgent, needs attention.
    pub highlight: Vec<bool>,
}

/// Widest a column gets; longer text wraps in Excel rather than pushing the sheet wide.
const MAX_WIDTH: usize = 60;

/// The workbook as bytes, ready to be written where the caller chooses.
pub fn to_bytes(sheets: &[Sheet]) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0xDDEBF7));
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let number = Format::new().set_num_format("0.0");
    let hot = Format::new().set_background_color(Color::RGB(0xFFC7CE));
    let hot_date = Format::new()
        .set_num_format("yyyy-mm-dd")
        .set_background_color(Color::RGB(0xFFC7CE));
    let hot_number = Format::new()
        .set_num_format("0.0")
        .set_background_color(Color::RGB(0xFFC7CE));
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(sheet_name(&s.name))?;
        let mut widths: Vec<usize> = s.headers.iter().map(|h| crate::text::width(h)).collect();
        for (c, h) in s.headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &header)?;
        }
        for (r, row) in s.rows.iter().enumerate() {
            let rr = r as u32 + 1;
            let lit = s.highlight.get(r).copied().unwrap_or(false);
            for (c, cell) in row.iter().enumerate() {
                let cc = c as u16;
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(cell.width());
                }
                match cell {
                    Cell::Text(t) if lit => ws.write_string_with_format(rr, cc, t, &hot)?,
                    Cell::Text(t) => ws.write_string(rr, cc, t)?,
                    Cell::Number(n) => {
                        let f = if lit { &hot_number } else { &number };
                        ws.write_number_with_format(rr, cc, *n, f)?
                    }
                    Cell::Date(d) => {
                        let x = rust_xlsxwriter::ExcelDateTime::from_ymd(
                            d.year() as u16,
                            d.month() as u8,
                            d.day() as u8,
                        )?;
                        let f = if lit { &hot_date } else { &date };
                        ws.write_datetime_with_format(rr, cc, &x, f)?
                    }
                    Cell::Empty if lit => ws.write_blank(rr, cc, &hot)?,
                    Cell::Empty => ws,
                };
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (w + 2).min(MAX_WIDTH) as f64)?;
        }
        if !s.headers.is_empty() {
            ws.set_freeze_panes(1, 0)?;
            ws.autofilter(0, 0, s.rows.len() as u32, s.headers.len() as u16 - 1)?;
        }
    }
    book.save_to_buffer()
}

/// Excel's rules for sheet names: at most 31 characters, none of `[]:*?/\`.
fn sheet_name(name: &str) -> String {
    let clean: String = name
        .chars()
        .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
        .take(31)
        .collect();
    if clean.trim().is_empty() {
        "Sheet1".into()
    } else {
        clean
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_counts_double_and_names_are_excel_safe() {
        assert_eq!(Cell::text("山田 太郎").width(), 9);
        assert_eq!(Cell::text("Java").width(), 4);
        assert_eq!(
            Cell::Date(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()).width(),
            10
        );
        assert_eq!(sheet_name("#12 [急募]: Java/AWS?"), "#12 _急募__ Java_AWS_");
        assert_eq!(sheet_name("x".repeat(40).as_str()).len(), 31);
    }

    #[test]
    fn a_workbook_reads_back_with_dates_and_numbers() {
        let sheet = Sheet {
            name: "t".into(),
            headers: vec!["氏名".into(), "稼働".into(), "単価".into()],
            rows: vec![vec![
                Cell::text("山田"),
                Cell::Date(NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()),
                Cell::Number(65.0),
            ]],
            highlight: vec![true],
        };
        let bytes = to_bytes(&[sheet]).unwrap();
        let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
        use calamine::Reader as _;
        let range = book.worksheet_range("t").unwrap();
        let rows: Vec<_> = range.rows().collect();
        assert_eq!(rows[0][0], calamine::Data::String("氏名".into()));
        assert!(matches!(rows[1][1], calamine::Data::DateTime(_)));
        assert_eq!(rows[1][2], calamine::Data::Float(65.0));
    }
}
