//! Hostile and broken workbooks against the bounds: each is refused with its line, or read.
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

/// A roster workbook: the header 氏名/所属, `engineers` rows of one own engineer each, and
/// `far`, if given, a cell written far from the rest.
fn roster_xlsx(engineers: u32, far: Option<(u32, u16)>) -> Vec<u8> {
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "氏名").unwrap();
    ws.write_string(0, 1, "所属").unwrap();
    for r in 1..=engineers {
        ws.write_string(r, 0, "技術 太郎").unwrap();
        ws.write_string(r, 1, "正社員").unwrap();
    }
    if let Some((row, col)) = far {
        ws.write_string(row, col, "far").unwrap();
    }
    wb.save_to_buffer().unwrap()
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
    let good = roster_xlsx(0, None);
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
    let p = write(&dir, "far.xlsx", &roster_xlsx(1, Some((1_048_575, 16_383))));
    let t = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap();
    assert_eq!(t.mapping.rows, 1);
}

/// A compound file (the .xls container) holding `stream` as its workbook.
fn workbook_file(stream: &[u8]) -> Vec<u8> {
    let mut c = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    c.create_stream("/Workbook")
        .unwrap()
        .write_all(stream)
        .unwrap();
    c.flush().unwrap();
    c.into_inner().into_inner()
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
    workbook_file(&stream)
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

/// A sheet whose declared start lies past the end of the stream made calamine panic
/// (found by the mutation test below); the check refuses it with its line.
#[test]
fn an_xls_sheet_declared_past_the_end_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (_, seed) = &seeds()[2];
    let mut bytes = seed.clone();
    let at = 4_019_748_889usize % bytes.len();
    bytes[at] = 2;
    let p = write(&dir, "past.xls", &bytes);
    let e = read_within(&p, Kind::Engineers, None, today(), limits()).unwrap_err();
    assert!(e.contains("a sheet starts past the end"), "{e}");
}

#[test]
fn the_deadline_refuses_a_slow_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, "slow.xlsx", &roster_xlsx(19_999, None));
    let tight = Limits {
        deadline: Duration::from_millis(1),
        ..limits()
    };
    let e = read_within(&p, Kind::Engineers, None, today(), tight).unwrap_err();
    assert!(e.contains("not read within 0.001 s"), "{e}");
}

/// Seed workbooks for the mutation test: an .xlsx by rust_xlsxwriter, and an .ods and an .xls
/// of our own, each a small roster.
fn seeds() -> &'static [(&'static str, Vec<u8>)] {
    static SEEDS: std::sync::OnceLock<Vec<(&'static str, Vec<u8>)>> = std::sync::OnceLock::new();
    SEEDS.get_or_init(|| {
        let mut wb = rust_xlsxwriter::Workbook::new();
        let ws = wb.add_worksheet();
        for (c, h) in ["氏名", "所属", "スキル", "単価", "稼働開始"]
            .iter()
            .enumerate()
        {
            ws.write_string(0, c as u16, *h).unwrap();
        }
        for r in 1..6u32 {
            ws.write_string(r, 0, format!("技術 {r}")).unwrap();
            ws.write_string(r, 1, "正社員").unwrap();
            ws.write_string(r, 2, "Java(5年)、AWS").unwrap();
            ws.write_number(r, 3, 60.0 + f64::from(r)).unwrap();
            ws.write_string(r, 4, "即日").unwrap();
        }
        let text = |row: u16, col: u16, s: &str| {
            let mut d = Vec::new();
            d.extend_from_slice(&row.to_le_bytes());
            d.extend_from_slice(&col.to_le_bytes());
            d.extend_from_slice(&[0, 0]);
            d.extend_from_slice(&(s.len() as u16).to_le_bytes());
            d.push(0);
            d.extend_from_slice(s.as_bytes());
            (0x0204, d)
        };
        let mut cells = vec![text(0, 0, "name"), text(0, 1, "affiliation")];
        for r in 1..6u16 {
            cells.push(text(r, 0, &format!("Tech {r}")));
            cells.push(text(r, 1, "own"));
            cells.push(number(r, 2));
        }
        vec![
            ("seed.xlsx", wb.save_to_buffer().unwrap()),
            ("seed.ods", ods(&roster_rows())),
            ("seed.xls", xls_book("Roster", &cells)),
        ]
    })
}

/// A BIFF8 workbook with one named sheet: the globals (BOF, BOUNDSHEET pointing at the sheet,
/// EOF), then the sheet (BOF, the cells, EOF), in a compound file as Excel writes it.
fn xls_book(sheet: &str, cells: &[(u16, Vec<u8>)]) -> Vec<u8> {
    fn rec(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
        out.extend_from_slice(&kind.to_le_bytes());
        out.extend_from_slice(&(data.len() as u16).to_le_bytes());
        out.extend_from_slice(data);
    }
    let bof = |dt: u8| [0, 6, dt, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
    let mut globals = Vec::new();
    rec(&mut globals, 0x0809, &bof(0x05));
    let bound_len = 4 + 8 + sheet.len();
    let sheet_at = (globals.len() + bound_len + 4) as u32;
    let mut bound = sheet_at.to_le_bytes().to_vec();
    bound.extend_from_slice(&[0, 0, sheet.len() as u8, 0]);
    bound.extend_from_slice(sheet.as_bytes());
    rec(&mut globals, 0x0085, &bound);
    rec(&mut globals, 0x000A, &[]);
    let mut stream = globals;
    rec(&mut stream, 0x0809, &bof(0x10));
    for (k, d) in cells {
        rec(&mut stream, *k, d);
    }
    rec(&mut stream, 0x000A, &[]);
    workbook_file(&stream)
}

/// The zip's entries, each one's bytes as stored decompressed.
fn unzipped(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut a = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..a.len())
        .map(|i| {
            let mut f = a.by_index(i).unwrap();
            let mut out = Vec::new();
            f.read_to_end(&mut out).unwrap();
            (f.name().to_string(), out)
        })
        .collect()
}

/// What the fuzz target (`fuzz/fuzz_targets/workbook.rs`) asks of any bytes: read or refused
/// with a line, within the limits; never the deadline, never a panic on the reader's thread.
fn read_or_refused(name: &str, bytes: &[u8]) -> Result<(), String> {
    let dir = tempfile::tempdir().unwrap();
    let p = write(&dir, name, bytes);
    let tight = Limits {
        file_bytes: 1024 * 1024,
        entry_bytes: 16 * 1024 * 1024,
        total_bytes: 32 * 1024 * 1024,
        entries: 100,
        cells: 1_000_000,
        deadline: Duration::from_secs(20),
    };
    for kind in [Kind::Engineers, Kind::Openings] {
        if let Err(e) = read_within(&p, kind, None, today(), tight) {
            if e.contains("not read within") || e.contains("the reader failed") {
                return Err(e);
            }
        }
    }
    Ok(())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 96, ..Default::default() })]

    /// Bytes of a seed overwritten here and there, and the file cut short.
    #[test]
    fn any_mutated_workbook_is_read_or_refused(
        seed in 0usize..3,
        edits in proptest::collection::vec((proptest::prelude::any::<u32>(), proptest::prelude::any::<u8>()), 1..12),
        cut in proptest::option::of(proptest::prelude::any::<u32>()),
    ) {
        let (name, seed) = &seeds()[seed];
        let mut bytes = seed.clone();
        for (at, b) in edits {
            let i = at as usize % bytes.len();
            bytes[i] = b;
        }
        if let Some(c) = cut {
            bytes.truncate(c as usize % bytes.len());
        }
        proptest::prop_assert_eq!(read_or_refused(name, &bytes), Ok(()));
    }

    /// The XML of one entry mutated (bytes replaced, markup spliced in, the rest cut) inside an
    /// intact zip, so the XML readers see it rather than the zip's checks.
    #[test]
    fn any_mutated_entry_inside_an_intact_zip_is_read_or_refused(
        seed in 0usize..2,
        entry in proptest::prelude::any::<u32>(),
        edits in proptest::collection::vec((proptest::prelude::any::<u32>(), 0usize..PIECES.len()), 1..8),
        cut in proptest::option::of(proptest::prelude::any::<u32>()),
    ) {
        let (name, seed) = &seeds()[seed];
        let mut entries = unzipped(seed);
        let xml: Vec<usize> = (0..entries.len()).filter(|i| entries[*i].0.ends_with(".xml")).collect();
        let e = xml[entry as usize % xml.len()];
        let body = &mut entries[e].1;
        for (at, piece) in edits {
            let i = at as usize % (body.len() + 1);
            body.splice(i..i, PIECES[piece].bytes());
        }
        if let Some(c) = cut {
            let n = body.len();
            body.truncate(c as usize % (n + 1));
        }
        let listed: Vec<(&str, &[u8], bool)> = entries
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice(), n != "mimetype"))
            .collect();
        proptest::prop_assert_eq!(read_or_refused(name, &zipped(&listed)), Ok(()));
    }
}

/// Markup a hostile or broken writer might leave in a sheet.
const PIECES: &[&str] = &[
    "<",
    ">",
    "\"",
    "&amp;",
    "&#0;",
    "&bogus;",
    "<row r=\"1048576\">",
    "<c r=\"XFD1048576\" t=\"s\"><v>99999999</v></c>",
    "<c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c>",
    "</row>",
    "</sheetData>",
    "<sst count=\"99999999999\" uniqueCount=\"99999999999\">",
    "<si><t>",
    "<dimension ref=\"A1:XFD1048576\"/>",
    "<table:table-row table:number-rows-repeated=\"1048576\">",
    "<table:table-cell table:number-columns-repeated=\"16384\"/>",
    "<table:table-cell office:value-type=\"float\" office:value=\"1e308\"/>",
    "</table:table>",
    "<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\">]>",
    "<![CDATA[",
    "\u{0}",
    "\u{feff}",
];

/// The mutation tests start from workbooks that read: each seed gives its five rows.
#[test]
fn the_seed_workbooks_read() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in seeds() {
        let p = write(&dir, name, bytes);
        let t = read_within(&p, Kind::Engineers, None, today(), limits())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(t.mapping.rows >= 5, "{name}: {} rows", t.mapping.rows);
    }
}
