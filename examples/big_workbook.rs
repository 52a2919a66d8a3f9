//! Writes a roster workbook of ROWS engineers (.xlsx, inline strings) to measure import:
//!
//! ```sh
//! cargo run --release --example big_workbook -- 1000000 big.xlsx
//! /usr/bin/time -v benchmatch --db big.db import engineers big.xlsx
//! ```
//!
//! The sheet XML is streamed into the zip, so a million rows take a few MB of memory to write.

use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let path = args.next().unwrap_or_else(|| "big.xlsx".into());
    let file = std::fs::File::create(&path)?;
    let mut zip = zip::ZipWriter::new(std::io::BufWriter::new(file));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    let put = |zip: &mut zip::ZipWriter<_>, name: &str, text: &str| -> std::io::Result<()> {
        zip.start_file(name, opts)?;
        zip.write_all(text.as_bytes())
    };
    put(
        &mut zip,
        "[Content_Types].xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    )?;
    put(
        &mut zip,
        "_rels/.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    )?;
    put(
        &mut zip,
        "xl/workbook.xml",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名簿" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    )?;
    put(
        &mut zip,
        "xl/_rels/workbook.xml.rels",
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    )?;
    zip.start_file("xl/worksheets/sheet1.xml", opts)?;
    zip.write_all(
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    )?;
    let s = |c: &str, r: usize, v: &str| {
        format!(r#"<c r="{c}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#)
    };
    let n = |c: &str, r: usize, v: f64| format!(r#"<c r="{c}{r}"><v>{v}</v></c>"#);
    let header = [
        "氏名",
        "所属",
        "単価(万円)",
        "最寄り駅",
        "スキル",
        "経験年数",
    ];
    let mut row = String::from(r#"<row r="1">"#);
    for (c, h) in ["A", "B", "C", "D", "E", "F"].iter().zip(header) {
        row.push_str(&s(c, 1, h));
    }
    row.push_str("</row>");
    zip.write_all(row.as_bytes())?;
    let skills = [
        "Java(5年)、Spring 3年",
        "TypeScript:4;React:3",
        "Python 6年 / AWS 2年",
        "Go:3;Kubernetes:2",
    ];
    let stations = ["品川", "渋谷", "新宿", "川崎", "大宮"];
    for i in 0..rows {
        let r = i + 2;
        let mut row = format!(r#"<row r="{r}">"#);
        row.push_str(&s("A", r, &format!("技術者 {i}")));
        row.push_str(&s("B", r, if i % 3 == 0 { "BP" } else { "正社員" }));
        row.push_str(&n("C", r, 500_000.0 + (i % 40) as f64 * 10_000.0));
        row.push_str(&s("D", r, stations[i % stations.len()]));
        row.push_str(&s("E", r, skills[i % skills.len()]));
        row.push_str(&n("F", r, (i % 20) as f64));
        row.push_str("</row>");
        zip.write_all(row.as_bytes())?;
    }
    zip.write_all(b"</sheetData></worksheet>")?;
    zip.finish()?;
    eprintln!("{rows} rows written to {path}");
    Ok(())
}
