//! Errors for reading templates and their suppressions.

use std::path::PathBuf;

/// Everything that can stop a template from being checked.
#[derive(Debug, thiserror::Error)]
pub enum NagError {
    /// The template file could not be read.
    #[error("{path}: cannot read the template: {source}")]
    Io {
        /// The file that failed.
        path: PathBuf,
        /// The underlying I/O error.
        source: std::io::Error,
    },
    /// The text is not valid JSON or YAML.
    #[error(
        "{origin}:{line}:{column}: not valid {format}: {message} (fix the syntax; a CloudFormation template is a JSON or YAML document)"
    )]
    Syntax {
        /// Where the text came from (usually a file path).
        origin: String,
        /// `JSON` or `YAML`.
        format: &'static str,
        /// 1-based line of the error (0 when unknown).
        line: usize,
        /// 1-based column of the error (0 when unknown).
        column: usize,
        /// What the parser said.
        message: String,
    },
    /// The document parsed but is not a usable CloudFormation template.
    #[error("{origin}: at {location}: {message}")]
    Structure {
        /// Where the text came from.
        origin: String,
        /// A dotted path inside the template, e.g. `Resources.Bucket.Properties`.
        location: String,
        /// What is wrong and how to fix it.
        message: String,
    },
    /// A `cdk_nag` suppression is malformed (cdk-nag refuses these too).
    #[error("{origin}: {subject}: {message}")]
    InvalidSuppression {
        /// Where the text came from.
        origin: String,
        /// The logical id of the resource carrying the suppression, or `Metadata` for the stack.
        subject: String,
        /// cdk-nag's description of what is wrong with the suppression.
        message: String,
    },
}
