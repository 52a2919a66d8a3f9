//! Excel and OpenDocument workbooks: rosters and openings in ([`read`]), reports out ([`write`]).

pub mod bounds;
pub mod headers;
pub mod read;
pub mod report;
pub mod write;

pub use read::{is_workbook, Kind, Mapping, Table};
