//! Source positions: where capture resumes (binlog file + offset, LSN, change id).

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

/// A point in a source's change stream, just after a committed transaction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "engine", rename_all = "snake_case")]
pub enum Position {
    /// MySQL/MariaDB binlog: file and byte offset (after the commit event), plus the
    /// server's GTID position when known (informational).
    Mysql {
        /// Binlog file name, e.g. `mysql-bin.000003`.
        file: String,
        /// Byte offset in the file.
        offset: u64,
        /// `@@gtid_binlog_pos` (MariaDB) or `@@gtid_executed` (MySQL) at that point, if known.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        gtid: Option<String>,
    },
    /// PostgreSQL: the end LSN of the last committed transaction.
    Postgres {
        /// The LSN as a number.
        lsn: u64,
    },
    /// SQLite: the id of the last change-table row taken.
    Sqlite {
        /// `change_id` of the change table.
        change_id: i64,
    },
}

impl Position {
    /// Compares two positions of the same engine (`None` across engines).
    pub fn compare(&self, other: &Self) -> Option<Ordering> {
        match (self, other) {
            (
                Self::Mysql { file, offset, .. },
                Self::Mysql {
                    file: other_file,
                    offset: other_offset,
                    ..
                },
            ) => Some(
                binlog_index(file)
                    .cmp(&binlog_index(other_file))
                    .then(offset.cmp(other_offset)),
            ),
            (Self::Postgres { lsn }, Self::Postgres { lsn: other }) => Some(lsn.cmp(other)),
            (Self::Sqlite { change_id }, Self::Sqlite { change_id: other }) => {
                Some(change_id.cmp(other))
            }
            _ => None,
        }
    }
}

/// The sequence number of a binlog file (`mysql-bin.000042` → 42).
fn binlog_index(file: &str) -> u64 {
    file.rsplit('.')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// Formats an LSN as PostgreSQL does: `16/B374D848`.
pub fn format_lsn(lsn: u64) -> String {
    format!("{:X}/{:X}", lsn >> 32, lsn & 0xffff_ffff)
}

/// Parses `16/B374D848`.
pub fn parse_lsn(text: &str) -> Option<u64> {
    let (high, low) = text.trim().split_once('/')?;
    Some((u64::from_str_radix(high, 16).ok()? << 32) | u64::from_str_radix(low, 16).ok()?)
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Mysql { file, offset, gtid } => {
                write!(f, "{file}:{offset}")?;
                match gtid {
                    Some(gtid) if !gtid.is_empty() => write!(f, " (gtid {gtid})"),
                    _ => Ok(()),
                }
            }
            Self::Postgres { lsn } => write!(f, "lsn {}", format_lsn(*lsn)),
            Self::Sqlite { change_id } => write!(f, "change {change_id}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lsn_round_trip() {
        assert_eq!(parse_lsn("16/B374D848"), Some(0x16_B374_D848));
        assert_eq!(format_lsn(0x16_B374_D848), "16/B374D848");
    }

    #[test]
    fn binlog_positions_order_by_file_then_offset() {
        let at = |file: &str, offset| Position::Mysql {
            file: file.into(),
            offset,
            gtid: None,
        };
        assert_eq!(
            at("b.000002", 4).compare(&at("b.000001", 900)),
            Some(Ordering::Greater)
        );
        assert_eq!(
            at("b.000001", 4).compare(&at("b.000001", 900)),
            Some(Ordering::Less)
        );
    }
}
