//! Retention of the embedded log: whole sealed segments are deleted once their
//! newest record (the file's modification time) is older than the retention.

use std::fs;
use std::time::{Duration, SystemTime};

use tracing::info;

use super::Shared;
use crate::error::StreamError;

/// Deletes the oldest sealed segments last written before `now - retention`.
/// The newest (active) segment is always kept, and so is every segment after
/// the first one still within retention, so the log stays contiguous.
/// Only the writer (or the opener, before the writer starts) calls this.
pub(crate) fn enforce(shared: &Shared, retention: Duration) -> Result<(), StreamError> {
    let Some(cutoff) = SystemTime::now().checked_sub(retention) else {
        return Ok(());
    };
    let segments = shared.segments();
    let mut expired = 0;
    for &first in &segments[..segments.len().saturating_sub(1)] {
        let path = shared.segment_path(first);
        let modified = fs::metadata(&path)
            .and_then(|m| m.modified())
            .map_err(StreamError::io("stat segment", &path))?;
        if modified >= cutoff {
            break;
        }
        expired += 1;
    }
    if expired == 0 {
        return Ok(());
    }
    shared.update_segments(|list| {
        list.drain(..expired);
    });
    for &first in &segments[..expired] {
        let path = shared.segment_path(first);
        fs::remove_file(&path).map_err(StreamError::io("delete expired segment", &path))?;
        info!(segment = %path.display(), "deleted a segment past the stream's retention");
    }
    Ok(())
}
