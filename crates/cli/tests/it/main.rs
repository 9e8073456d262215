//! End-to-end tests of the `lakeforge` binary: every subcommand as a user runs it.

mod bench;
mod commands;
mod lineage;
mod lineage_oracle;
mod support;
