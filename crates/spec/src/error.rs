//! Spec errors: what is wrong, where, and how to fix it.

use std::fmt;

/// What kind of problem a [`SpecError`] reports (serialized in snake_case).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// The spec file could not be read.
    Io,
    /// The text is not valid TOML.
    Syntax,
    /// A key that the construct does not define.
    UnknownKey,
    /// A value of the wrong TOML type.
    WrongType,
    /// A value of the right type that is not allowed: an unknown enumeration
    /// value or a malformed string (date, CIDR, URL, handler, pattern, …).
    InvalidValue,
    /// A required key is absent or empty.
    MissingKey,
    /// An id or resource name breaks the naming rules of the AWS resource it becomes.
    InvalidName,
    /// Two constructs share an id.
    DuplicateId,
    /// A reference names something that is not declared.
    UnknownReference,
    /// A number outside its allowed range, or a minimum above its maximum.
    OutOfRange,
    /// Settings that contradict each other.
    Conflict,
    /// A folder or file named by the spec does not exist.
    MissingPath,
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Position {
    /// Line, starting at 1.
    pub line: usize,
    /// Column, starting at 1.
    pub column: usize,
}

impl Position {
    /// The position of byte `offset` in `text` (clamped to the end of the text).
    pub fn of_offset(text: &str, offset: usize) -> Self {
        let bytes = text.as_bytes();
        let end = offset.min(bytes.len());
        let before = &bytes[..end];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        // Count UTF-8 leading bytes: one per character, whatever the offset's alignment.
        let column = before[line_start..]
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1;
        Self { line, column }
    }
}

/// One problem in a spec.
///
/// Displayed as `file:line:column: error: message` followed by an indented
/// `help:` line; a spec built in code has no file, so its errors show the
/// dotted key path instead: `<builder>: projects.core.reuse_airflow: error: …`.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct SpecError {
    /// What kind of problem this is.
    pub kind: ErrorKind,
    /// The spec file, when the spec came from one.
    pub file: Option<String>,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// The dotted key path of the offending item, e.g. `projects.core.reuse_airflow`
    /// (empty for problems with the whole file).
    pub path: String,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: String,
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.position) {
            (Some(file), Some(pos)) => write!(f, "{file}:{}:{}: ", pos.line, pos.column)?,
            (Some(file), None) => write!(f, "{file}: ")?,
            (None, _) if self.path.is_empty() => f.write_str("<builder>: ")?,
            (None, _) => write!(f, "<builder>: {}: ", self.path)?,
        }
        write!(f, "error: {}", self.message)?;
        if !self.help.is_empty() {
            write!(f, "\n  help: {}", self.help)?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}

/// Every problem found in a spec (never empty when returned as an error);
/// serializes as the list of errors.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(transparent)]
pub struct SpecErrors {
    errors: Vec<SpecError>,
}

impl SpecErrors {
    /// Wraps a list of errors.
    pub fn new(errors: Vec<SpecError>) -> Self {
        Self { errors }
    }

    /// The errors, in file order when positions are known.
    pub fn errors(&self) -> &[SpecError] {
        &self.errors
    }

    /// How many errors there are.
    pub fn len(&self) -> usize {
        self.errors.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }

    /// Iterates over the errors.
    pub fn iter(&self) -> std::slice::Iter<'_, SpecError> {
        self.errors.iter()
    }

    /// The errors as a vector.
    pub fn into_vec(self) -> Vec<SpecError> {
        self.errors
    }
}

impl From<SpecError> for SpecErrors {
    fn from(error: SpecError) -> Self {
        Self::new(vec![error])
    }
}

impl IntoIterator for SpecErrors {
    type Item = SpecError;
    type IntoIter = std::vec::IntoIter<SpecError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.into_iter()
    }
}

impl<'a> IntoIterator for &'a SpecErrors {
    type Item = &'a SpecError;
    type IntoIter = std::slice::Iter<'a, SpecError>;

    fn into_iter(self) -> Self::IntoIter {
        self.errors.iter()
    }
}

impl fmt::Display for SpecErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.errors.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecErrors {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_characters() {
        let text = "a = 1\nbé = 2\n";
        assert_eq!(
            Position::of_offset(text, 0),
            Position { line: 1, column: 1 }
        );
        assert_eq!(
            Position::of_offset(text, 6),
            Position { line: 2, column: 1 }
        );
        // 'é' is two bytes but one column.
        assert_eq!(
            Position::of_offset(text, 9),
            Position { line: 2, column: 3 }
        );
        // Mid-character and past-the-end offsets do not panic.
        assert_eq!(Position::of_offset(text, 8).line, 2);
        assert_eq!(Position::of_offset(text, 999).line, 3);
    }
}
