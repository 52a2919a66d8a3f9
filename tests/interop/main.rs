//! Where a rep's data already lives: shell completions, Excel workbooks, the IMAP mailbox.

#[path = "../common/mod.rs"]
mod common;

mod imap;
mod shell;
mod workbook;
