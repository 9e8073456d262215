//! The local store: every event as one JSON line in `events-NNNNNN.jsonl` files under
//! `.lakeforge/lineage/`, a new file begun once the last passes the rotation size.
//!
//! Writers from several processes append under an exclusive lock on `store.lock`, one line per
//! `write`, so lines never interleave. A process killed mid-write can leave a torn last line;
//! readers skip it (with a warning) and the next append starts on a fresh line.

use std::fs::{self, File, OpenOptions};
use std::io::{BufRead, BufReader, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use crate::{LineageError, RunEvent};

const PREFIX: &str = "events-";
const SUFFIX: &str = ".jsonl";
const LOCK_FILE: &str = "store.lock";

/// The local store of lineage events.
#[derive(Clone, Debug)]
pub struct Store {
    dir: PathBuf,
    rotate_bytes: u64,
}

/// An event read back, with where it was found.
#[derive(Clone, Debug)]
pub struct StoredEvent {
    /// The file.
    pub file: PathBuf,
    /// 1-based line in the file.
    pub line: usize,
    /// The event.
    pub event: RunEvent,
}

impl Store {
    /// The store in `dir`, rotating files past `rotate_bytes`. Nothing is created until the
    /// first append.
    pub fn new(dir: impl Into<PathBuf>, rotate_bytes: u64) -> Self {
        Self {
            dir: dir.into(),
            rotate_bytes: rotate_bytes.max(1),
        }
    }

    /// The store's folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Appends one event as one line.
    pub fn append(&self, event: &RunEvent) -> Result<(), LineageError> {
        let mut line = serde_json::to_vec(event)
            .map_err(|error| LineageError::Config(format!("event not serializable: {error}")))?;
        line.push(b'\n');
        fs::create_dir_all(&self.dir).map_err(|e| LineageError::io(&self.dir, e))?;
        let _lock = lock(&self.dir.join(LOCK_FILE))?;
        let path = self.file_for(line.len() as u64)?;
        let mut file = OpenOptions::new()
            .create(true)
            .append(true)
            .read(true)
            .open(&path)
            .map_err(|e| LineageError::io(&path, e))?;
        if ends_torn(&mut file).map_err(|e| LineageError::io(&path, e))? {
            line.insert(0, b'\n');
        }
        file.write_all(&line)
            .map_err(|e| LineageError::io(&path, e))
    }

    /// The file the next line of `len` bytes goes to: the last one, or a new one past the
    /// rotation size.
    fn file_for(&self, len: u64) -> Result<PathBuf, LineageError> {
        let files = self.files()?;
        let Some(last) = files.last() else {
            return Ok(self.dir.join(file_name(1)));
        };
        let size = fs::metadata(last)
            .map_err(|e| LineageError::io(last, e))?
            .len();
        if size > 0 && size + len > self.rotate_bytes {
            Ok(self.dir.join(file_name(file_number(last) + 1)))
        } else {
            Ok(last.clone())
        }
    }

    /// The store's files, oldest first.
    pub fn files(&self) -> Result<Vec<PathBuf>, LineageError> {
        let entries = match fs::read_dir(&self.dir) {
            Ok(entries) => entries,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
            Err(error) => return Err(LineageError::io(&self.dir, error)),
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| {
                path.file_name()
                    .and_then(|name| name.to_str())
                    .is_some_and(|name| name.starts_with(PREFIX) && name.ends_with(SUFFIX))
            })
            .collect();
        files.sort();
        Ok(files)
    }

    /// Every event in the store, in the order written. Torn lines (a process killed while
    /// writing) are skipped with a warning.
    pub fn read_all(&self) -> Result<Vec<StoredEvent>, LineageError> {
        let mut events = Vec::new();
        for path in self.files()? {
            let file = File::open(&path).map_err(|e| LineageError::io(&path, e))?;
            for (index, line) in BufReader::new(file).lines().enumerate() {
                let line = line.map_err(|e| LineageError::io(&path, e))?;
                if line.trim().is_empty() {
                    continue;
                }
                match serde_json::from_str::<RunEvent>(&line) {
                    Ok(event) => events.push(StoredEvent {
                        file: path.clone(),
                        line: index + 1,
                        event,
                    }),
                    Err(error) => tracing::warn!(
                        file = %path.display(),
                        line = index + 1,
                        %error,
                        "lineage store: skipped a line that is not an event"
                    ),
                }
            }
        }
        Ok(events)
    }
}

/// Whether `file` is non-empty and does not end with a newline (a torn write).
fn ends_torn(file: &mut File) -> std::io::Result<bool> {
    let len = file.metadata()?.len();
    if len == 0 {
        return Ok(false);
    }
    file.seek(SeekFrom::Start(len - 1))?;
    let mut last = [0u8; 1];
    file.read_exact(&mut last)?;
    Ok(last[0] != b'\n')
}

/// The number of a store file (`events-000007.jsonl` → 7).
fn file_number(path: &Path) -> usize {
    path.file_name()
        .and_then(|name| name.to_str())
        .and_then(|name| {
            name.strip_prefix(PREFIX)?
                .strip_suffix(SUFFIX)?
                .parse()
                .ok()
        })
        .unwrap_or(0)
}

fn file_name(number: usize) -> String {
    format!("{PREFIX}{number:06}{SUFFIX}")
}

/// Holds an exclusive lock on `path` (created if missing) until dropped.
pub(crate) fn lock(path: &Path) -> Result<File, LineageError> {
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| LineageError::io(path, e))?;
    file.lock().map_err(|e| LineageError::io(path, e))?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{EventType, Job, Run};

    fn event(run: &str, event_type: EventType) -> RunEvent {
        RunEvent {
            event_time: "2026-12-07T00:00:00Z".to_string(),
            producer: crate::event::PRODUCER.to_string(),
            schema_url: crate::event::SPEC_URL.to_string(),
            event_type,
            run: Run {
                run_id: run.to_string(),
                facets: Default::default(),
            },
            job: Job {
                namespace: "retail".to_string(),
                name: "load".to_string(),
                facets: Default::default(),
            },
            inputs: Vec::new(),
            outputs: Vec::new(),
        }
    }

    #[test]
    fn events_come_back_in_order_across_rotated_files() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 600);
        for index in 0..10 {
            store
                .append(&event(&format!("run-{index}"), EventType::Start))
                .unwrap();
        }
        let files = store.files().unwrap();
        assert!(
            files.len() > 1,
            "rotation at 600 bytes made {} files",
            files.len()
        );
        for file in &files[..files.len() - 1] {
            assert!(fs::metadata(file).unwrap().len() <= 600);
        }
        let runs: Vec<String> = store
            .read_all()
            .unwrap()
            .into_iter()
            .map(|stored| stored.event.run.run_id)
            .collect();
        let expected: Vec<String> = (0..10).map(|index| format!("run-{index}")).collect();
        assert_eq!(runs, expected);
    }

    #[test]
    fn a_torn_last_line_is_skipped_and_the_next_append_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path(), 1 << 20);
        store.append(&event("a", EventType::Start)).unwrap();
        let path = store.files().unwrap()[0].clone();
        let mut file = OpenOptions::new().append(true).open(&path).unwrap();
        file.write_all(b"{\"eventTime\":\"2026").unwrap();
        store.append(&event("b", EventType::Complete)).unwrap();
        let events = store.read_all().unwrap();
        assert_eq!(events.len(), 2);
        assert_eq!(events[1].event.run.run_id, "b");
        assert_eq!(events[1].line, 3);
    }

    #[test]
    fn a_missing_store_reads_empty() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("absent"), 10);
        assert!(store.read_all().unwrap().is_empty());
    }
}
