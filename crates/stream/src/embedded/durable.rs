//! Making file-system changes durable: folder fsync and atomic file replacement.

use std::fs::{self, File};
use std::io::Write;
use std::path::Path;

use crate::error::StreamError;

/// Forces a folder's entries (created, renamed, deleted files) to disk.
pub(crate) fn sync_dir(dir: &Path) -> Result<(), StreamError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(StreamError::io("sync folder", dir))
}

/// Replaces `path` with `contents` so that a crash leaves either the old or
/// the new contents: write a temporary file, fsync it, rename it over `path`,
/// fsync the folder. The caller serializes writers of the same path.
pub(crate) fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), StreamError> {
    write_atomically_via(path, ".tmp", contents)
}

/// [`write_atomically`] through the temporary file `<path><temp_suffix>`:
/// writers in several processes use distinct suffixes so that they never
/// write the same temporary file (the last rename wins, whole).
pub(crate) fn write_atomically_via(
    path: &Path,
    temp_suffix: &str,
    contents: &[u8],
) -> Result<(), StreamError> {
    let mut temp = path.as_os_str().to_owned();
    temp.push(temp_suffix);
    let temp = Path::new(&temp);
    let mut file = File::create(temp).map_err(StreamError::io("create", temp))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(StreamError::io("write", temp))?;
    fs::rename(temp, path).map_err(StreamError::io("rename into place", path))?;
    sync_dir(path.parent().unwrap_or(Path::new(".")))
}
