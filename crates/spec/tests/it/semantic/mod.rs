//! Semantic validation: ids, references, ranges, formats and folders, each
//! error at its exact line and column.

mod columns;
mod folders;
mod formats;
mod ids;
mod lakeforge_source;
mod ranges;
mod references;
