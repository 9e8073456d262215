//! The SQL each database speaks: table names under the schema, column types,
//! DDL, and the batched insert/update/delete statements.
//!
//! The schema is a MySQL/MariaDB database, a PostgreSQL schema, or — SQLite
//! having no schemas inside one file — a table-name prefix: `c360_customer`.

use std::fmt::Write as _;

use super::schema::{ColumnKind, Table};

/// A SQL database family.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Dialect {
    /// SQLite (embedded).
    Sqlite,
    /// MySQL or MariaDB.
    MySql,
    /// PostgreSQL.
    Postgres,
}

impl Dialect {
    /// The table's name in `schema`.
    pub(crate) fn table(self, schema: &str, table: Table) -> String {
        match self {
            Dialect::Sqlite => format!("{schema}_{}", table.name()),
            Dialect::MySql | Dialect::Postgres => format!("{schema}.{}", table.name()),
        }
    }

    /// The statement creating `schema`, where the database has schemas.
    pub(crate) fn create_schema(self, schema: &str) -> Option<String> {
        match self {
            Dialect::Sqlite => None,
            Dialect::MySql => Some(format!(
                "CREATE DATABASE IF NOT EXISTS {schema} CHARACTER SET utf8mb4"
            )),
            Dialect::Postgres => Some(format!("CREATE SCHEMA IF NOT EXISTS {schema}")),
        }
    }

    /// The statement dropping `table` if it exists.
    pub(crate) fn drop_table(self, schema: &str, table: Table) -> String {
        let cascade = if self == Dialect::Postgres {
            " CASCADE"
        } else {
            ""
        };
        format!(
            "DROP TABLE IF EXISTS {}{cascade}",
            self.table(schema, table)
        )
    }

    /// The statement creating `table`, with its primary key, unique columns
    /// and foreign keys.
    pub(crate) fn create_table(self, schema: &str, table: Table) -> String {
        let mut sql = format!("CREATE TABLE {} (", self.table(schema, table));
        for column in table.columns() {
            let null = if column.nullable { "" } else { " NOT NULL" };
            let unique = if column.unique { " UNIQUE" } else { "" };
            let _ = write!(
                sql,
                "{} {}{null}{unique}, ",
                column.name,
                self.column_type(column.kind)
            );
        }
        let _ = write!(sql, "PRIMARY KEY ({})", table.key());
        for reference in table.references() {
            let _ = write!(
                sql,
                ", FOREIGN KEY ({}) REFERENCES {} ({})",
                reference.column,
                self.table(schema, reference.target),
                reference.target_column
            );
        }
        sql.push(')');
        if self == Dialect::MySql {
            sql.push_str(" ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
        }
        sql
    }

    /// The SQL type of a column kind.
    fn column_type(self, kind: ColumnKind) -> String {
        match (self, kind) {
            (_, ColumnKind::Key) => "BIGINT".to_owned(),
            (_, ColumnKind::Int) => "INTEGER".to_owned(),
            (Dialect::Sqlite, ColumnKind::Real | ColumnKind::Money) => "REAL".to_owned(),
            (Dialect::MySql, ColumnKind::Real) => "DOUBLE".to_owned(),
            (Dialect::Postgres, ColumnKind::Real) => "DOUBLE PRECISION".to_owned(),
            (Dialect::MySql, ColumnKind::Money) => "DECIMAL(12,2)".to_owned(),
            (Dialect::Postgres, ColumnKind::Money) => "NUMERIC(12,2)".to_owned(),
            (
                Dialect::Sqlite,
                ColumnKind::Text(_)
                | ColumnKind::LongText
                | ColumnKind::Timestamp
                | ColumnKind::Date,
            ) => "TEXT".to_owned(),
            (_, ColumnKind::Text(length)) => format!("VARCHAR({length})"),
            (_, ColumnKind::LongText) => "TEXT".to_owned(),
            (Dialect::Sqlite, ColumnKind::Bool) => "INTEGER".to_owned(),
            (_, ColumnKind::Bool) => "BOOLEAN".to_owned(),
            (Dialect::MySql, ColumnKind::Timestamp) => "DATETIME(3)".to_owned(),
            (Dialect::Postgres, ColumnKind::Timestamp) => "TIMESTAMP(3)".to_owned(),
            (_, ColumnKind::Date) => "DATE".to_owned(),
        }
    }

    /// Parameter number `n` (from 1) holding a value of `kind`: PostgreSQL
    /// numbers its parameters and casts the text of dates and timestamps.
    fn param(self, sql: &mut String, n: usize, kind: ColumnKind) {
        match self {
            Dialect::Sqlite | Dialect::MySql => sql.push('?'),
            Dialect::Postgres => {
                let _ = write!(sql, "${n}");
                match kind {
                    ColumnKind::Timestamp => sql.push_str("::timestamp"),
                    ColumnKind::Date => sql.push_str("::date"),
                    _ => {}
                }
            }
        }
    }

    /// `INSERT INTO table (…) VALUES (…), …` for `rows` rows.
    pub(crate) fn insert(self, schema: &str, table: Table, rows: usize) -> String {
        let columns = table.columns();
        let names: Vec<&str> = columns.iter().map(|column| column.name).collect();
        let mut sql = format!(
            "INSERT INTO {} ({}) VALUES ",
            self.table(schema, table),
            names.join(", ")
        );
        let mut n = 0;
        for row in 0..rows {
            sql.push_str(if row == 0 { "(" } else { ", (" });
            for (position, column) in columns.iter().enumerate() {
                if position > 0 {
                    sql.push_str(", ");
                }
                n += 1;
                self.param(&mut sql, n, column.kind);
            }
            sql.push(')');
        }
        sql
    }

    /// `UPDATE table SET a = ?, … WHERE key = ?` for the columns `set`.
    pub(crate) fn update<'a>(
        self,
        schema: &str,
        table: Table,
        set: impl Iterator<Item = &'a str>,
    ) -> String {
        let mut sql = format!("UPDATE {} SET ", self.table(schema, table));
        let mut n = 0;
        for name in set {
            if n > 0 {
                sql.push_str(", ");
            }
            n += 1;
            let _ = write!(sql, "{name} = ");
            let kind = table
                .column(name)
                .map_or(ColumnKind::LongText, |column| column.kind);
            self.param(&mut sql, n, kind);
        }
        let _ = write!(sql, " WHERE {} = ", table.key());
        self.param(&mut sql, n + 1, ColumnKind::Key);
        sql
    }

    /// `DELETE FROM table WHERE key IN (?, …)` for `keys` keys.
    pub(crate) fn delete(self, schema: &str, table: Table, keys: usize) -> String {
        let mut sql = format!(
            "DELETE FROM {} WHERE {} IN (",
            self.table(schema, table),
            table.key()
        );
        for n in 1..=keys {
            if n > 1 {
                sql.push_str(", ");
            }
            self.param(&mut sql, n, ColumnKind::Key);
        }
        sql.push(')');
        sql
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_per_dialect() {
        assert_eq!(
            Dialect::Postgres.delete("c360", Table::CartItems, 2),
            "DELETE FROM c360.cart_items WHERE cart_item_id IN ($1, $2)"
        );
        assert_eq!(
            Dialect::Sqlite.delete("c360", Table::CartItems, 1),
            "DELETE FROM c360_cart_items WHERE cart_item_id IN (?)"
        );
        assert_eq!(
            Dialect::Postgres.update("s", Table::OrderItems, ["status", "shipped_at"].into_iter()),
            "UPDATE s.order_items SET status = $1, shipped_at = $2::timestamp WHERE order_item_id = $3"
        );
        let insert = Dialect::MySql.insert("c360", Table::Simulation, 2);
        assert!(
            insert.starts_with("INSERT INTO c360.simulation (simulation_id, seed,"),
            "{insert}"
        );
        assert_eq!(
            insert.matches('?').count(),
            2 * Table::Simulation.columns().len()
        );
        let create = Dialect::MySql.create_table("c360", Table::SupportChat);
        assert!(
            create.contains(
                "FOREIGN KEY (customer_support_id) REFERENCES c360.customer (customer_support_id)"
            ),
            "{create}"
        );
        assert!(
            Dialect::Postgres
                .create_table("c", Table::Customer)
                .contains("customer_support_id VARCHAR(16) NOT NULL UNIQUE")
        );
    }
}
