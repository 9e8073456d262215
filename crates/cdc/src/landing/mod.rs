//! Landing in the bronze zone: DMS file layout, Arrow/Parquet encoding, and the commit
//! log that makes each batch (and the source position after it) visible atomically.

pub mod arrow_rows;
pub mod dms_files;
pub mod log;
pub mod pending;
