//! Table names: `table`, `zone.table` or `project.zone.table`, and table versions.

use std::fmt;
use std::str::FromStr;

use lakeforge_spec::Zone;

use crate::LakeError;

/// A fully qualified table: project, zone and table name.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TableRef {
    /// The project id (a `[projects.<id>]` of the spec).
    pub project: String,
    /// The zone the table lives in.
    pub zone: Zone,
    /// The table's own name: lowercase letters, digits and `_`, starting with a letter or `_`.
    pub table: String,
}

impl TableRef {
    /// Builds a reference, checking the table name.
    pub fn new(project: &str, zone: Zone, table: &str) -> Result<Self, LakeError> {
        check_table_name(table)?;
        Ok(Self {
            project: project.to_string(),
            zone,
            table: table.to_string(),
        })
    }

    /// Parses `table`, `zone.table` or `project.zone.table`. Missing parts come from
    /// `default_project` and `default_zone`.
    pub fn parse(
        name: &str,
        default_project: Option<&str>,
        default_zone: Zone,
    ) -> Result<Self, LakeError> {
        let error = |reason: String| LakeError::TableName {
            name: name.to_string(),
            reason,
        };
        let parts: Vec<&str> = name.split('.').collect();
        let (project, zone, table) = match parts.as_slice() {
            [table] => (None, default_zone, *table),
            [zone, table] => (None, parse_zone(zone).map_err(error)?, *table),
            [project, zone, table] => (Some(*project), parse_zone(zone).map_err(error)?, *table),
            _ => {
                return Err(error(
                    "write `table`, `zone.table` or `project.zone.table`".into(),
                ));
            }
        };
        let project = project.or(default_project).ok_or_else(|| {
            error("the spec has no default project; write `project.zone.table`".into())
        })?;
        Self::new(project, zone, table)
    }
}

impl fmt::Display for TableRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.project, self.zone.as_str(), self.table)
    }
}

fn parse_zone(zone: &str) -> Result<Zone, String> {
    Zone::from_str(zone)
        .map_err(|_| format!("`{zone}` is not a zone; zones are bronze, silver and gold"))
}

/// Checks a table name: what DataFusion accepts unquoted and what is safe as a folder name.
pub(crate) fn check_table_name(table: &str) -> Result<(), LakeError> {
    let mut chars = table.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c == '_');
    if starts_well && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        Ok(())
    } else {
        Err(LakeError::TableName {
            name: table.to_string(),
            reason:
                "table names use lowercase letters, digits and `_`, and start with a letter or `_`"
                    .to_string(),
        })
    }
}

/// Which state of a table to read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TableVersion {
    /// The newest version.
    Latest,
    /// A version number (`VERSION AS OF 3`).
    Version(u64),
    /// The table as of a time (`TIMESTAMP AS OF '2026-01-01T00:00:00Z'`), RFC 3339.
    Timestamp(String),
}

impl TableVersion {
    /// The separator between a table name and its version in the name DataFusion sees.
    const SEPARATOR: char = '@';

    /// Appends this version to a table name, as the SQL rewrite does (`orders@v3`).
    pub(crate) fn suffixed(&self, table: &str) -> String {
        match self {
            Self::Latest => table.to_string(),
            Self::Version(v) => format!("{table}{}v{v}", Self::SEPARATOR),
            Self::Timestamp(t) => format!("{table}{}t{t}", Self::SEPARATOR),
        }
    }

    /// Splits `orders@v3` into `orders` and its version.
    pub(crate) fn split(name: &str) -> Result<(&str, Self), String> {
        let Some((table, version)) = name.split_once(Self::SEPARATOR) else {
            return Ok((name, Self::Latest));
        };
        if let Some(number) = version.strip_prefix('v') {
            let number = number
                .parse()
                .map_err(|_| format!("`{number}` is not a table version number"))?;
            Ok((table, Self::Version(number)))
        } else if let Some(timestamp) = version.strip_prefix('t') {
            Ok((table, Self::Timestamp(timestamp.to_string())))
        } else {
            Err(format!("`{name}` is not a table name"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fill_in_defaults() {
        let t = TableRef::parse("orders", Some("retail"), Zone::Bronze).unwrap();
        assert_eq!(t.to_string(), "retail.bronze.orders");
        let t = TableRef::parse("gold.orders", Some("retail"), Zone::Bronze).unwrap();
        assert_eq!(t.to_string(), "retail.gold.orders");
        let t = TableRef::parse("core.silver.orders", Some("retail"), Zone::Bronze).unwrap();
        assert_eq!(t.to_string(), "core.silver.orders");
    }

    #[test]
    fn bad_names_say_why() {
        let e = TableRef::parse("platinum.orders", Some("p"), Zone::Bronze).unwrap_err();
        assert!(e.to_string().contains("not a zone"), "{e}");
        let e = TableRef::parse("Orders", Some("p"), Zone::Bronze).unwrap_err();
        assert!(e.to_string().contains("lowercase"), "{e}");
        let e = TableRef::parse("orders", None, Zone::Bronze).unwrap_err();
        assert!(e.to_string().contains("no default project"), "{e}");
        let e = TableRef::parse("a.b.c.d", Some("p"), Zone::Bronze).unwrap_err();
        assert!(e.to_string().contains("project.zone.table"), "{e}");
    }

    #[test]
    fn versions_round_trip_through_names() {
        for v in [
            TableVersion::Latest,
            TableVersion::Version(3),
            TableVersion::Timestamp("2026-01-01T00:00:00Z".into()),
        ] {
            let name = v.suffixed("orders");
            assert_eq!(TableVersion::split(&name).unwrap(), ("orders", v));
        }
        assert!(TableVersion::split("orders@vx").is_err());
    }
}
