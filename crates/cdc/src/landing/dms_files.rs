//! DMS S3-target file naming: `LOAD00000001.parquet` (hex counter) per table for the full
//! load, and change files named by commit time in date-partitioned folders.

use chrono::{DateTime, Utc};
use lakeforge_spec::DatePartitionSequence;

/// The full-load file with counter `n` (1-based, 8 hex digits): `LOAD0000000A.parquet`.
pub fn load_file_name(n: u32) -> String {
    format!("LOAD{n:08X}.parquet")
}

/// Whether a file name is a full-load file.
pub fn is_load_file(name: &str) -> bool {
    name.starts_with("LOAD") && name.ends_with(".parquet")
}

/// `<prefix>/<landed schema>/<table>`.
pub fn table_dir(prefix: &str, landed_schema: &str, table: &str) -> String {
    let prefix = prefix.trim_matches('/');
    if prefix.is_empty() {
        format!("{landed_schema}/{table}")
    } else {
        format!("{prefix}/{landed_schema}/{table}")
    }
}

fn utc(micros: i64) -> DateTime<Utc> {
    DateTime::from_timestamp_micros(micros).unwrap_or_default()
}

/// The date folders of a change committed at `micros`, per the spec's sequence
/// (`2024/05/16/13` for YYYYMMDDHH).
pub fn partition_dir(sequence: DatePartitionSequence, micros: i64) -> String {
    let format = match sequence {
        DatePartitionSequence::Yyyymmdd => "%Y/%m/%d",
        DatePartitionSequence::Yyyymmddhh => "%Y/%m/%d/%H",
        DatePartitionSequence::Yyyymm => "%Y/%m",
        DatePartitionSequence::Mmyyyydd => "%m/%Y/%d",
        DatePartitionSequence::Ddmmyyyy => "%d/%m/%Y",
    };
    utc(micros).format(format).to_string()
}

/// A change file named by the commit time of its first row (DMS style
/// `20240516-134501123.parquet`), made unique and replay-stable by the batch and part.
pub fn change_file_name(first_commit_micros: i64, batch: u64, part: usize) -> String {
    format!(
        "{}-{batch:010}-{part:03}.parquet",
        utc(first_commit_micros).format("%Y%m%d-%H%M%S%3f")
    )
}

/// The timestamp column's text: `yyyy-MM-dd HH:mm:ss.SSSSSS` (UTC).
pub fn format_timestamp(micros: i64) -> String {
    utc(micros).format("%Y-%m-%d %H:%M:%S%.6f").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MICROS: i64 = 1_715_867_101_123_456; // 2024-05-16 13:45:01.123456 UTC

    #[test]
    fn load_files_count_in_hex() {
        assert_eq!(load_file_name(1), "LOAD00000001.parquet");
        assert_eq!(load_file_name(10), "LOAD0000000A.parquet");
        assert!(is_load_file("LOAD0000000A.parquet"));
    }

    #[test]
    fn partitions_follow_the_sequence() {
        assert_eq!(
            partition_dir(DatePartitionSequence::Yyyymmddhh, MICROS),
            "2024/05/16/13"
        );
        assert_eq!(
            partition_dir(DatePartitionSequence::Yyyymmdd, MICROS),
            "2024/05/16"
        );
        assert_eq!(
            partition_dir(DatePartitionSequence::Yyyymm, MICROS),
            "2024/05"
        );
        assert_eq!(
            partition_dir(DatePartitionSequence::Mmyyyydd, MICROS),
            "05/2024/16"
        );
        assert_eq!(
            partition_dir(DatePartitionSequence::Ddmmyyyy, MICROS),
            "16/05/2024"
        );
    }

    #[test]
    fn change_files_are_named_by_commit_time() {
        assert_eq!(
            change_file_name(MICROS, 7, 0),
            "20240516-134501123-0000000007-000.parquet"
        );
        assert_eq!(format_timestamp(MICROS), "2024-05-16 13:45:01.123456");
        assert_eq!(
            table_dir("dms/", "c360raw", "customer"),
            "dms/c360raw/customer"
        );
    }
}
