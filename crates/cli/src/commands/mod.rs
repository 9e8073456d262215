//! One module per subcommand: its arguments (with `--help` text and an example) and `run`.

pub mod demo;
pub mod init;
pub mod load;
pub mod query;
pub mod tables;
pub mod validate;
