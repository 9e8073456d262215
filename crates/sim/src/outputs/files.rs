//! Plain files for offline use, under one folder:
//!
//! ```text
//! clickstream/YYYY-MM-DD.jsonl   the day's events, one JSON object a line
//! oltp/<table>.jsonl             every change to the table: {"op":"I|U|D",…}
//! ground_truth/persons.csv       see GroundTruth::write_csv
//! ground_truth/customers.csv
//! ```

use std::fs::{self, File};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::NaiveDate;

use super::Sink;
use crate::error::SimError;
use crate::events::BatchView;
use crate::ground_truth::GroundTruth;
use crate::oltp::schema::Table;

/// The folders this sink owns (and empties when created).
const FOLDERS: [&str; 3] = ["clickstream", "oltp", "ground_truth"];

/// Writes the clickstream, the OLTP change logs and the ground truth as files.
#[derive(Debug)]
pub struct FilesSink {
    dir: PathBuf,
    /// The open clickstream file and its date.
    day: Option<(NaiveDate, OpenFile)>,
    /// The open change log of each table, in [`Table::ALL`] order.
    tables: Vec<Option<OpenFile>>,
    buffer: Vec<u8>,
}

/// A buffered file being written.
#[derive(Debug)]
struct OpenFile {
    path: PathBuf,
    writer: BufWriter<File>,
}

impl OpenFile {
    /// Opens `path` for appending (creating it if missing).
    fn append(path: PathBuf) -> Result<OpenFile, SimError> {
        let file = File::options()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(SimError::io("open", &path))?;
        Ok(OpenFile {
            path,
            writer: BufWriter::with_capacity(1 << 20, file),
        })
    }

    /// Writes `bytes`.
    fn write(&mut self, bytes: &[u8]) -> Result<(), SimError> {
        self.writer
            .write_all(bytes)
            .map_err(SimError::io("write", &self.path))
    }

    /// Flushes to the file.
    fn flush(&mut self) -> Result<(), SimError> {
        self.writer
            .flush()
            .map_err(SimError::io("write", &self.path))
    }
}

impl FilesSink {
    /// A sink writing under `dir`; its `clickstream/`, `oltp/` and
    /// `ground_truth/` folders are replaced.
    pub fn create(dir: impl AsRef<Path>) -> Result<FilesSink, SimError> {
        let dir = dir.as_ref().to_path_buf();
        for folder in FOLDERS {
            let path = dir.join(folder);
            if path.exists() {
                fs::remove_dir_all(&path).map_err(SimError::io("remove old folder", &path))?;
            }
            fs::create_dir_all(&path).map_err(SimError::io("create folder", &path))?;
        }
        Ok(FilesSink {
            dir,
            day: None,
            tables: Table::ALL.iter().map(|_| None).collect(),
            buffer: Vec::new(),
        })
    }

    /// The clickstream file of `date`, opened (and the previous one flushed) if needed.
    fn day_file(&mut self, date: NaiveDate) -> Result<&mut OpenFile, SimError> {
        let file = match self.day.take() {
            Some((open, file)) if open == date => file,
            previous => {
                if let Some((_, mut file)) = previous {
                    file.flush()?;
                }
                OpenFile::append(self.dir.join("clickstream").join(format!("{date}.jsonl")))?
            }
        };
        Ok(&mut self.day.insert((date, file)).1)
    }

    /// The change log of `table`, opened if needed.
    fn table_file(&mut self, table: Table) -> Result<&mut OpenFile, SimError> {
        let index = Table::ALL.iter().position(|t| *t == table).unwrap_or(0);
        let file = match self.tables[index].take() {
            Some(file) => file,
            None => OpenFile::append(
                self.dir
                    .join("oltp")
                    .join(format!("{}.jsonl", table.name())),
            )?,
        };
        Ok(self.tables[index].insert(file))
    }
}

#[async_trait]
impl Sink for FilesSink {
    fn describe(&self) -> String {
        format!("files under {}", self.dir.display())
    }

    async fn write(&mut self, batch: BatchView<'_>) -> Result<(), SimError> {
        let mut buffer = std::mem::take(&mut self.buffer);
        if !batch.events().is_empty() {
            buffer.clear();
            for event in batch.events() {
                batch.write_event_json(event, &mut buffer);
            }
            self.day_file(batch.date())?.write(&buffer)?;
        }
        for change in batch.changes() {
            buffer.clear();
            change.write_json(&mut buffer);
            self.table_file(change.table)?.write(&buffer)?;
        }
        self.buffer = buffer;
        Ok(())
    }

    async fn finish(&mut self, truth: &GroundTruth) -> Result<(), SimError> {
        let day = self.day.iter_mut().map(|(_, file)| file);
        for file in day.chain(self.tables.iter_mut().flatten()) {
            file.flush()?;
        }
        truth.write_csv(self.dir.join("ground_truth"))
    }
}
