//! The landing intent: before a batch's files are written, their paths are recorded in
//! `<state_dir>/pending.json` (atomic rename). After a crash, files of a batch that never
//! committed are deleted, so the zone holds no orphan that a folder listing could pick up.

use std::path::{Path as FsPath, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{CdcError, Result};

/// Files being written for batch `seq`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pending {
    /// The batch being landed.
    pub seq: u64,
    /// Object paths relative to the zone root.
    pub files: Vec<String>,
}

/// The intent file in a state folder.
#[derive(Clone, Debug)]
pub struct PendingFile {
    path: PathBuf,
}

impl PendingFile {
    /// The intent file of the ingestion whose state lives in `state_dir`.
    pub fn new(state_dir: &FsPath) -> Self {
        Self {
            path: state_dir.join("pending.json"),
        }
    }

    fn error(&self, source: std::io::Error) -> CdcError {
        CdcError::State {
            path: self.path.clone(),
            source,
        }
    }

    /// The recorded intent, if any.
    pub fn read(&self) -> Result<Option<Pending>> {
        match std::fs::read(&self.path) {
            Ok(bytes) => serde_json::from_slice(&bytes)
                .map(Some)
                .map_err(|e| CdcError::Corrupt {
                    path: self.path.display().to_string(),
                    message: e.to_string(),
                }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(self.error(e)),
        }
    }

    /// Records `pending` durably (write, fsync, rename, fsync the folder).
    pub fn write(&self, pending: &Pending) -> Result<()> {
        let dir = self.path.parent().unwrap_or(FsPath::new("."));
        std::fs::create_dir_all(dir).map_err(|e| self.error(e))?;
        let temp = self.path.with_extension("json.tmp");
        let json = serde_json::to_vec(pending).expect("pending intents serialize");
        let write = || -> std::io::Result<()> {
            use std::io::Write;
            let mut file = std::fs::File::create(&temp)?;
            file.write_all(&json)?;
            file.sync_all()?;
            std::fs::rename(&temp, &self.path)?;
            std::fs::File::open(dir)?.sync_all()
        };
        write().map_err(|e| self.error(e))
    }

    /// Forgets the intent (its batch committed or its files were removed).
    pub fn clear(&self) -> Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(self.error(e)),
            _ => Ok(()),
        }
    }
}
