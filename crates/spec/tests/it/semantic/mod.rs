//! Semantic validation: ids, references, ranges, formats and folders, each
//! error at its exact line and column.

mod folders;
mod formats;
mod ids;
mod ranges;
mod references;
