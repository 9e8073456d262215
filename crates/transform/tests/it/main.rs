//! Integration tests of lakeforge-transform: dbt projects written here, run on a lake in a
//! temporary folder, and compared with dbt-core itself (dbt-postgres on the machine's
//! PostgreSQL) and with dbt-artifacts-parser.

mod artifacts;
mod build;
mod errors;
mod oracle;
mod packages;
mod selection;
mod support;
