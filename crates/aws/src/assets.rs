//! File assets: deterministic zip archives (and single files) published to
//! the CDK bootstrap bucket before deployment.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use sha2::{Digest, Sha256};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::error::SynthError;

/// One asset: content-addressed bytes and how to name them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// SHA-256 of the bytes, lowercase hex: the asset id and object key stem.
    pub hash: String,
    /// The construct path shown by the CDK toolkit, e.g. `post-deploy/Code`.
    pub display_name: String,
    /// The file extension of the published object: `zip`, `py`…
    pub extension: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl Asset {
    /// An asset of `bytes`, published as `<hash>.<extension>`.
    pub fn new(display_name: &str, extension: &str, bytes: Vec<u8>) -> Self {
        let hash = hex_sha256(&bytes);
        Self {
            hash,
            display_name: display_name.to_owned(),
            extension: extension.to_owned(),
            bytes,
        }
    }

    /// The file name inside the cloud assembly: `asset.<hash>.<extension>`.
    pub fn file_name(&self) -> String {
        format!("asset.{}.{}", self.hash, self.extension)
    }

    /// The object key in the bootstrap bucket: `<hash>.<extension>`.
    pub fn object_key(&self) -> String {
        format!("{}.{}", self.hash, self.extension)
    }
}

/// Lowercase hex SHA-256 of `bytes`.
pub fn hex_sha256(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Files to zip: (path inside the archive with `/` separators, content).
pub type Files = Vec<(String, Vec<u8>)>;

/// A zip of `files`, sorted by path, every entry dated 1980-01-01 with mode
/// 0644: the same files always give the same bytes (and asset hash).
pub fn zip_files(mut files: Files) -> Result<Vec<u8>, SynthError> {
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files.dedup_by(|a, b| a.0 == b.0);
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    let mut writer = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in &files {
        writer
            .start_file(name.as_str(), options)
            .map_err(zip_error)?;
        writer
            .write_all(bytes)
            .map_err(|e| zip_error(zip::result::ZipError::Io(e)))?;
    }
    let cursor = writer.finish().map_err(zip_error)?;
    Ok(cursor.into_inner())
}

fn zip_error(error: zip::result::ZipError) -> SynthError {
    SynthError::Zip(error.to_string())
}

/// Every file under `dir` (recursively, sorted), skipping Python caches and
/// hidden entries, with paths relative to `dir`.
pub fn read_folder(dir: &Path) -> Result<Files, SynthError> {
    let mut files = Vec::new();
    collect(dir, dir, &mut files)?;
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(files)
}

fn collect(root: &Path, dir: &Path, files: &mut Files) -> Result<(), SynthError> {
    let entries = std::fs::read_dir(dir).map_err(|e| SynthError::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<_, _>>()
        .map_err(|e| SynthError::io(dir, e))?;
    paths.sort();
    for path in paths {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "__pycache__" || name.ends_with(".pyc") {
            continue;
        }
        if path.is_dir() {
            collect(root, &path, files)?;
        } else {
            let bytes = std::fs::read(&path).map_err(|e| SynthError::io(&path, e))?;
            let relative = path
                .strip_prefix(root)
                .unwrap_or(&path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            files.push((relative, bytes));
        }
    }
    Ok(())
}

/// How a Python folder's `requirements.txt` reaches its asset.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Requirements {
    /// Zip the folder as it is; the function relies on its runtime's packages
    /// (boto3 is part of the Lambda Python runtime). The assembly says so.
    #[default]
    AsIs,
    /// Vendor the requirements into the zip with this `pip` (needs the
    /// package index); the result depends on what the index serves.
    Vendor {
        /// The pip executable, e.g. `pip3`.
        pip: PathBuf,
    },
}

/// The files of a Python code folder, with its requirements vendored when
/// `requirements` says so. The second value tells what happened, for the assembly.
pub fn python_folder(
    dir: &Path,
    requirements: &Requirements,
) -> Result<(Files, String), SynthError> {
    let mut files = read_folder(dir)?;
    let requirements_file = dir.join("requirements.txt");
    if !requirements_file.is_file() {
        return Ok((files, "no requirements.txt: folder zipped as is".to_owned()));
    }
    match requirements {
        Requirements::AsIs => Ok((
            files,
            "requirements.txt not vendored (synth without pip): the function uses its runtime's packages".to_owned(),
        )),
        Requirements::Vendor { pip } => {
            let target = std::env::temp_dir().join(format!(
                "lakeforge-vendor-{}-{}",
                std::process::id(),
                hex_sha256(dir.to_string_lossy().as_bytes())
            ));
            let output = Command::new(pip)
                .args(["install", "--quiet", "--no-compile", "--disable-pip-version-check", "--target"])
                .arg(&target)
                .arg("-r")
                .arg(&requirements_file)
                .output()
                .map_err(|e| SynthError::Pip {
                    folder: dir.to_path_buf(),
                    message: format!("cannot run {}: {e}", pip.display()),
                })?;
            if !output.status.success() {
                let _ = std::fs::remove_dir_all(&target);
                return Err(SynthError::Pip {
                    folder: dir.to_path_buf(),
                    message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
                });
            }
            let vendored = read_folder(&target);
            let _ = std::fs::remove_dir_all(&target);
            files.extend(vendored?);
            Ok((files, "requirements.txt vendored into the asset with pip".to_owned()))
        }
    }
}
