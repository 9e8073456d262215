//! Zones and the other per-project storage locations.

use std::fmt;
use std::str::FromStr;

use crate::string_enum::{ParseEnumError, string_enum};

string_enum! {
    /// A data zone of a project: where data lands (bronze), is cleaned (silver)
    /// and is served (gold). `raw` is accepted as another name for bronze, the
    /// seed's raw bucket.
    #[derive(Default)]
    pub enum Zone ("zone") {
        /// Raw landing zone (the seed's raw bucket).
        #[default]
        Bronze = "bronze" | "raw",
        /// Cleaned and merged data (CDC current state).
        Silver = "silver",
        /// Marts and use-case outputs.
        Gold = "gold",
    }
}

/// A storage location of a project: one of its zones, or its CI/CD artifacts,
/// or its generated documentation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// A data zone.
    Zone(Zone),
    /// Pipeline artifacts (versioned on AWS).
    Cicd,
    /// Generated documentation.
    Datadocs,
}

impl Location {
    /// Every location of a project, zones first.
    pub const ALL: &'static [Self] = &[
        Self::Zone(Zone::Bronze),
        Self::Zone(Zone::Silver),
        Self::Zone(Zone::Gold),
        Self::Cicd,
        Self::Datadocs,
    ];

    /// The location's name: `bronze`, `silver`, `gold`, `cicd` or `datadocs`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Zone(zone) => zone.as_str(),
            Self::Cicd => "cicd",
            Self::Datadocs => "datadocs",
        }
    }

    /// The folder (local) or bucket stem (AWS) of this location for `project`:
    /// `{project}-{location}`, e.g. `retail-bronze` (the local layout `lake/retail-bronze/`).
    pub fn stem(self, project: &str) -> String {
        format!("{project}-{}", self.as_str())
    }

    /// The S3 bucket name on AWS: `{project}-{location}-{account}-{region}`.
    pub fn bucket_name(self, project: &str, account: &str, region: &str) -> String {
        format!("{}-{account}-{region}", self.stem(project))
    }
}

impl From<Zone> for Location {
    fn from(zone: Zone) -> Self {
        Self::Zone(zone)
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Location {
    type Err = ParseEnumError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s {
            "cicd" => Ok(Self::Cicd),
            "datadocs" => Ok(Self::Datadocs),
            _ => s.parse::<Zone>().map(Self::Zone).map_err(|_| {
                let names: Vec<&'static str> = Self::ALL.iter().map(|l| l.as_str()).collect();
                ParseEnumError::new("location", s, &names)
            }),
        }
    }
}
