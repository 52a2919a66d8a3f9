//! Where a rep's data already lives: shell completions, Excel workbooks, the IMAP mailbox.

mod imap;
mod imap_hostile;
mod shell;
mod workbook;
mod workbook_writers;
