//! .ods and .xls rosters written by real spreadsheet writers (Python's odfpy and xlwt, as
//! `.ci/run` installs them), imported; and hostile workbooks refused by the binary with one
//! line. A missing writer fails the test: it never passes silently.

use std::path::Path;
use std::process::Command;

use serde_json::Value;

use crate::common::Sandbox;

/// Run a Python writer script with the file path as its argument.
fn python(script: &str, module: &str, out: &Path) {
    let probe = Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    assert!(
        probe.as_ref().is_ok_and(|o| o.status.success()),
        "python3 with the '{module}' module is needed to write test workbooks (.ci/run installs python3-odf and python3-xlwt): {:?}",
        probe.map(|o| String::from_utf8_lossy(&o.stderr).to_string())
    );
    let run = Command::new("python3")
        .args(["-c", script])
        .arg(out)
        .output()
        .expect("python3");
    assert!(
        run.status.success(),
        "writer failed: {}",
        String::from_utf8_lossy(&run.stderr)
    );
}

const ODS_ROSTER: &str = r#"
import sys
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableRow, TableCell
from odf.text import P

doc = OpenDocumentSpreadsheet()
t = Table(name="名簿")
def row(cells, repeat=None):
    tr = TableRow() if repeat is None else TableRow(numberrowsrepeated=repeat)
    for c in cells:
        if c is None:
            tr.addElement(TableCell())
        elif isinstance(c, tuple) and c[0] == "date":
            cell = TableCell(valuetype="date", datevalue=c[1])
            cell.addElement(P(text=c[1]))
            tr.addElement(cell)
        elif isinstance(c, (int, float)):
            cell = TableCell(valuetype="float", value=c)
            cell.addElement(P(text=str(c)))
            tr.addElement(cell)
        else:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=c))
            tr.addElement(cell)
    t.addElement(tr)
row(["社員名簿"])
row([None])
row(["氏名", "所属", "単価(万円)", "稼働可能日", "スキル", "国籍"])
row(["山田 太郎", "正社員", 650000, ("date", "2027-01-05"), "Java(5年)、AWS 2年", "日本"])
row([None], repeat=3)
row(["グエン ヴァン", "BP", "68万", "2027/02/01", "TypeScript:4;React:3", "ベトナム"])
# LibreOffice ends a sheet with empty rows and columns repeated to the sheet's edge.
tr = TableRow(numberrowsrepeated=1048500)
tr.addElement(TableCell(numbercolumnsrepeated=1024))
t.addElement(tr)
doc.spreadsheet.addElement(t)
doc.save(sys.argv[1])
"#;

const XLS_ROSTER: &str = r#"
import sys, datetime, xlwt
wb = xlwt.Workbook(encoding="utf-8")
ws = wb.add_sheet("名簿")
date = xlwt.easyxf(num_format_str="yyyy/mm/dd")
for c, h in enumerate(["氏名", "所属", "単価(万円)", "稼働可能日", "スキル", "国籍"]):
    ws.write(0, c, h)
ws.write(1, 0, "山田 太郎"); ws.write(1, 1, "正社員"); ws.write(1, 2, 650000)
ws.write(1, 3, datetime.date(2027, 1, 5), date); ws.write(1, 4, "Java(5年)、AWS 2年"); ws.write(1, 5, "日本")
ws.write(3, 0, "グエン ヴァン"); ws.write(3, 1, "BP"); ws.write(3, 2, "68万")
ws.write(3, 3, "2027/02/01"); ws.write(3, 4, "TypeScript:4;React:3"); ws.write(3, 5, "ベトナム")
wb.save(sys.argv[1])
"#;

fn check_roster(sb: &Sandbox, file: &Path, header_row: u32) {
    let out = sb.ok(&["import", "engineers", file.to_str().unwrap()]);
    assert!(
        out.contains(&format!("sheet '名簿', header in row {header_row}, 2 rows")),
        "{out}"
    );
    let all: Vec<Value> = serde_json::from_str(&sb.ok(&["engineers", "--json"])).unwrap();
    assert_eq!(all.len(), 2, "{all:?}");
    let yamada = &all[0];
    assert_eq!(yamada["name"], "山田 太郎");
    assert_eq!(yamada["affiliation"], "own");
    assert_eq!(yamada["rate"], 65.0);
    assert_eq!(yamada["available_from"], "2027-01-05");
    assert_eq!(yamada["foreign"], false);
    let skills = yamada["skills"].to_string();
    assert!(
        skills.contains("Java") && skills.contains("AWS"),
        "{skills}"
    );
    let nguyen = &all[1];
    assert_eq!(nguyen["affiliation"], "partner");
    assert_eq!(nguyen["rate"], 68.0);
    assert_eq!(nguyen["available_from"], "2027-02-01");
    assert_eq!(nguyen["foreign"], true);
}

#[test]
fn ods_written_by_odfpy_imports() {
    let sb = Sandbox::new();
    let file = sb.path("roster.ods");
    python(ODS_ROSTER, "odf", &file);
    check_roster(&sb, &file, 3);
}

#[test]
fn xls_written_by_xlwt_imports() {
    let sb = Sandbox::new();
    let file = sb.path("roster.xls");
    python(XLS_ROSTER, "xlwt", &file);
    check_roster(&sb, &file, 1);
}

/// The .ods a writer made, its content cut short inside an intact zip: refused with one line.
#[test]
fn a_truncated_ods_is_refused_with_one_line() {
    let sb = Sandbox::new();
    let file = sb.path("roster.ods");
    python(ODS_ROSTER, "odf", &file);
    let cut = sb.path("cut.ods");
    let script = r#"
import sys, zipfile
src, dst = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(src) as a, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as b:
    for info in a.infolist():
        data = a.read(info.filename)
        if info.filename == "content.xml":
            data = data[: len(data) * 2 // 3]
        b.writestr(info, data)
"#;
    let run = Command::new("python3")
        .args(["-c", script])
        .arg(&file)
        .arg(&cut)
        .output()
        .expect("python3");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let before = sb.snapshot();
    let e = sb.fails(&["import", "engineers", cut.to_str().unwrap()]);
    assert!(
        e.contains("entry 'content.xml' is cut short")
            || e.contains("entry 'content.xml' is broken"),
        "{e}"
    );
    assert_eq!(sb.snapshot(), before);
}

#[test]
fn a_file_that_is_no_workbook_is_refused_with_one_line() {
    let sb = Sandbox::new();
    let file = sb.path("roster.xlsx");
    std::fs::write(&file, "氏名,所属\n").unwrap();
    let e = sb.fails(&["import", "engineers", file.to_str().unwrap()]);
    assert!(e.contains("not a readable workbook"), "{e}");
}
