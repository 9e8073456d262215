//! One module per subcommand: its arguments (with `--help` text and an example) and `run`.

pub mod bench;
pub mod cdc;
pub mod dbt;
pub mod demo;
pub mod ingest;
pub mod init;
pub mod lineage;
pub mod load;
pub mod nag;
pub mod query;
pub mod simulate;
pub mod stream;
pub mod synth;
pub mod tables;
pub mod validate;
