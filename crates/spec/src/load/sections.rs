//! Which types make up the spec's tables, and which keys hold nested tables.

use serde::Serialize;
use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::DeValue;

use super::structure::{Checker, check_table};
use crate::model::{
    CdcIngestion, CdcSource, Destination, Lake, LakeforgeSource, Network, PolicyStatement,
    PostDeployCode, Project, Provisioning, Simulator, Spec, Stream, StreamingIngestion, UseCases,
};
use crate::path::Seg;

/// Checks one value at a key path; `true` when it had no problem.
pub(crate) type CheckFn = fn(&mut Checker<'_>, &Spanned<DeValue<'_>>, &[Seg]) -> bool;

/// How a key holding more constructs is checked.
pub(crate) enum Nested {
    /// A single table of one construct type.
    Table(CheckFn),
    /// A table of constructs by id (`[projects.<id>]`).
    MapOf(CheckFn),
    /// An array of tables (`[[…policy_statements]]`).
    ArrayOf(CheckFn),
}

/// A table type of the spec: its keys are its serde field names.
pub(crate) trait Section: DeserializeOwned + Serialize + Default {
    /// The checker of `key` when it holds nested constructs.
    fn nested(_key: &str) -> Option<Nested> {
        None
    }
}

impl Section for Spec {
    fn nested(key: &str) -> Option<Nested> {
        Some(match key {
            "lake" => Nested::Table(check_table::<Lake>),
            "network" => Nested::Table(check_table::<Network>),
            "streams" => Nested::MapOf(check_table::<Stream>),
            "projects" => Nested::MapOf(check_table::<Project>),
            "streaming" => Nested::MapOf(check_table::<StreamingIngestion>),
            "cdc" => Nested::MapOf(check_table::<CdcIngestion>),
            "post_deploy" => Nested::MapOf(check_table::<PostDeployCode>),
            "simulator" => Nested::Table(check_table::<Simulator>),
            "use_cases" => Nested::Table(check_table::<UseCases>),
            "provisioning" => Nested::Table(check_table::<Provisioning>),
            _ => return None,
        })
    }
}

impl Section for StreamingIngestion {
    fn nested(key: &str) -> Option<Nested> {
        (key == "destination").then_some(Nested::Table(check_table::<Destination>))
    }
}

impl Section for CdcIngestion {
    fn nested(key: &str) -> Option<Nested> {
        match key {
            "source" => Some(Nested::Table(check_table::<CdcSource>)),
            "destination" => Some(Nested::Table(check_table::<Destination>)),
            _ => None,
        }
    }
}

impl Section for PostDeployCode {
    fn nested(key: &str) -> Option<Nested> {
        (key == "policy_statements").then_some(Nested::ArrayOf(check_table::<PolicyStatement>))
    }
}

impl Section for Lake {}
impl Section for Network {}
impl Section for Stream {}
impl Section for Project {}
impl Section for Destination {}
impl Section for CdcSource {}
impl Section for PolicyStatement {}
impl Section for Simulator {}
impl Section for UseCases {}
impl Section for Provisioning {
    fn nested(key: &str) -> Option<Nested> {
        (key == "lakeforge_source").then_some(Nested::Table(check_table::<LakeforgeSource>))
    }
}

impl Section for LakeforgeSource {}
