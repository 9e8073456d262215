//! What sources produce: committed transactions of row changes, and schema events.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::position::Position;
use crate::schema::{TableId, TableSchema};
use crate::value::Value;

/// The DMS `Op` of a change row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Op {
    /// Insert (`I`); also full-load rows when `include_op_for_full_load`.
    Insert,
    /// Update (`U`): the row's new image.
    Update,
    /// Delete (`D`): the row's old image (at least its key).
    Delete,
}

impl Op {
    /// `I`, `U` or `D`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Insert => "I",
            Self::Update => "U",
            Self::Delete => "D",
        }
    }
}

/// One changed row, with the table's schema as of the change.
#[derive(Clone, Debug, PartialEq)]
pub struct RowChange {
    /// The table's columns when the change was made.
    pub table: Arc<TableSchema>,
    /// Insert, update or delete.
    pub op: Op,
    /// Values in the order of `table.columns`.
    pub values: Vec<Value>,
}

/// A change of a table's definition seen in the stream.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SchemaChange {
    /// A column appeared: later files have it.
    AddColumn {
        /// The source table.
        table: TableId,
        /// The new column.
        column: String,
    },
    /// A column disappeared: later files lack it; earlier files keep it (history).
    DropColumn {
        /// The source table.
        table: TableId,
        /// The dropped column.
        column: String,
    },
    /// A column's kind changed: later files carry the new type.
    AlterColumn {
        /// The source table.
        table: TableId,
        /// The column.
        column: String,
        /// Source type before.
        from: String,
        /// Source type after.
        to: String,
    },
    /// DDL not reflected in the landed data (renames, truncates, indexes, …): reported
    /// for an operator to act on, never applied silently.
    Other {
        /// The table, when known.
        table: Option<TableId>,
        /// The statement or a description.
        statement: String,
    },
}

/// An update as the merge needs it: `U` with the new image, or — when the key changed or
/// the table has no key — `D` of the old image then `I` of the new one.
pub(crate) fn update_changes(
    table: &Arc<TableSchema>,
    before: Vec<Value>,
    after: Vec<Value>,
) -> Vec<RowChange> {
    let keys = table.key_indexes();
    let key_changed = keys.is_empty() || keys.iter().any(|&i| before.get(i) != after.get(i));
    let row = |op, values| RowChange {
        table: table.clone(),
        op,
        values,
    };
    if key_changed {
        vec![row(Op::Delete, before), row(Op::Insert, after)]
    } else {
        vec![row(Op::Update, after)]
    }
}

/// A committed source transaction: its changes in source order.
#[derive(Clone, Debug, PartialEq)]
pub struct Transaction {
    /// Where capture resumes after this transaction.
    pub position: Position,
    /// Commit time, microseconds since the epoch (UTC).
    pub commit_micros: i64,
    /// Row changes in the order they were made.
    pub changes: Vec<RowChange>,
    /// DDL reported by the source within this transaction (MySQL query events).
    pub ddl: Vec<SchemaChange>,
}

/// The column-level differences from `old` to `new` of one table.
pub(crate) fn schema_diff(old: &TableSchema, new: &TableSchema) -> Vec<SchemaChange> {
    let mut changes = Vec::new();
    for column in &new.columns {
        match old.columns.iter().find(|c| c.name == column.name) {
            None => changes.push(SchemaChange::AddColumn {
                table: new.id.clone(),
                column: column.name.clone(),
            }),
            Some(before) if before.kind != column.kind => changes.push(SchemaChange::AlterColumn {
                table: new.id.clone(),
                column: column.name.clone(),
                from: before.source_type.clone(),
                to: column.source_type.clone(),
            }),
            Some(_) => {}
        }
    }
    for column in &old.columns {
        if !new.columns.iter().any(|c| c.name == column.name) {
            changes.push(SchemaChange::DropColumn {
                table: new.id.clone(),
                column: column.name.clone(),
            });
        }
    }
    changes
}
