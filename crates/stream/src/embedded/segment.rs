//! Segment files: `<first sequence, 20 digits>.seg`, each a run of frames with
//! consecutive sequences. Naming, listing, creating, reading in order, and
//! repairing a torn tail.

use std::fs::{self, File, OpenOptions};
use std::io::BufReader;
use std::path::{Path, PathBuf};

use tracing::warn;

use super::durable::sync_dir;
use super::frame::{self, Decoded};
use crate::error::StreamError;
use crate::record::Record;

const EXTENSION: &str = "seg";
/// Read buffer per open segment: large enough for batched reads to stay sequential.
const READ_BUFFER: usize = 256 << 10;

/// The path of the segment whose first record is `first_seq`.
pub(crate) fn path(dir: &Path, first_seq: u64) -> PathBuf {
    dir.join(format!("{first_seq:020}.{EXTENSION}"))
}

/// The first sequences of the segments in `dir`, ascending. Other files are ignored.
pub(crate) fn list(dir: &Path) -> Result<Vec<u64>, StreamError> {
    let entries = fs::read_dir(dir).map_err(StreamError::io("list", dir))?;
    let mut firsts = Vec::new();
    for entry in entries {
        let entry = entry.map_err(StreamError::io("list", dir))?;
        let name = entry.file_name();
        let first = name
            .to_str()
            .and_then(|n| n.strip_suffix(EXTENSION)?.strip_suffix('.'))
            .and_then(|stem| stem.parse::<u64>().ok());
        firsts.extend(first);
    }
    firsts.sort_unstable();
    Ok(firsts)
}

/// Creates the empty segment starting at `first_seq`, open for appending.
/// With `durable`, its folder entry is forced to disk too.
pub(crate) fn create(dir: &Path, first_seq: u64, durable: bool) -> Result<File, StreamError> {
    let path = path(dir, first_seq);
    let file = OpenOptions::new()
        .append(true)
        .create_new(true)
        .open(&path)
        .map_err(StreamError::io("create segment", &path))?;
    if durable {
        sync_dir(dir)?;
    }
    Ok(file)
}

/// One step of reading a segment in order.
pub(crate) enum Step {
    /// The next record.
    Record(Record),
    /// The segment ends cleanly here.
    End,
    /// The bytes at `offset` are not the expected frame.
    Invalid {
        /// Where the bad frame starts.
        offset: u64,
        /// What is wrong with it.
        reason: String,
    },
}

/// A segment read from its start, checking every frame's CRC and that
/// sequences run on from the segment's first.
pub(crate) struct SegmentFile {
    path: PathBuf,
    first_seq: u64,
    next_seq: u64,
    offset: u64,
    input: BufReader<File>,
    /// Scratch space for frame bodies.
    body: Vec<u8>,
}

impl SegmentFile {
    /// Opens the segment at `path`, whose first record is `first_seq`.
    pub(crate) fn open(path: PathBuf, first_seq: u64) -> std::io::Result<Self> {
        let input = BufReader::with_capacity(READ_BUFFER, File::open(&path)?);
        Ok(SegmentFile {
            path,
            first_seq,
            next_seq: first_seq,
            offset: 0,
            input,
            body: Vec::new(),
        })
    }

    /// The sequence of this segment's first record.
    pub(crate) fn first_seq(&self) -> u64 {
        self.first_seq
    }

    /// The segment's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the next frame.
    pub(crate) fn next(&mut self) -> Result<Step, StreamError> {
        let decoded = frame::decode(&mut self.input, &mut self.body)
            .map_err(StreamError::io("read", &self.path))?;
        Ok(match decoded {
            Decoded::End => Step::End,
            Decoded::Invalid(reason) => Step::Invalid {
                offset: self.offset,
                reason,
            },
            Decoded::Frame { sequence, .. } if sequence != self.next_seq => Step::Invalid {
                offset: self.offset,
                reason: format!("sequence {sequence} where {} was expected", self.next_seq),
            },
            Decoded::Frame { record, len, .. } => {
                self.offset += len;
                self.next_seq += 1;
                Step::Record(record)
            }
        })
    }
}

/// What [`recover`] found in the newest segment.
pub(crate) struct Recovered {
    /// Valid records kept.
    pub(crate) records: u64,
    /// The segment's length after repair.
    pub(crate) len: u64,
}

/// Scans the newest segment and cuts off anything after its last valid frame
/// (a torn write or a corrupt frame), so that it is never returned and later
/// appends follow valid data. The cut is forced to disk.
pub(crate) fn recover(dir: &Path, first_seq: u64) -> Result<Recovered, StreamError> {
    let path = path(dir, first_seq);
    let mut segment =
        SegmentFile::open(path.clone(), first_seq).map_err(StreamError::io("open", &path))?;
    let mut records = 0;
    let invalid = loop {
        match segment.next()? {
            Step::Record(_) => records += 1,
            Step::End => break None,
            Step::Invalid { reason, .. } => break Some(reason),
        }
    };
    let len = segment.offset;
    if let Some(reason) = invalid {
        let file = OpenOptions::new()
            .write(true)
            .open(&path)
            .map_err(StreamError::io("open for repair", &path))?;
        let size = file
            .metadata()
            .map_err(StreamError::io("stat", &path))?
            .len();
        warn!(
            segment = %path.display(),
            kept_records = records,
            dropped_bytes = size - len,
            %reason,
            "truncating the stream log after its last valid record"
        );
        file.set_len(len)
            .and_then(|()| file.sync_all())
            .map_err(StreamError::io("truncate", &path))?;
    }
    Ok(Recovered { records, len })
}
