//! Integration tests of lakeforge-cdc against real sources (MariaDB, PostgreSQL, SQLite).

mod mysql;
mod postgres;
mod sqlite;
mod support;
