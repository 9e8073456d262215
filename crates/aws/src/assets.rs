//! File assets: deterministic zip archives (and single files) published to
//! the CDK bootstrap bucket before deployment.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

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
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Requirements {
    /// Vendor the requirements into the zip (the default): `<python> -m pip
    /// install -r requirements.txt --target <staging>` for the function's
    /// runtime on Lambda's platform (`--platform manylinux2014_x86_64`, and
    /// `manylinux_2_28_x86_64` from python3.12, `--only-binary=:all:
    /// --python-version <runtime>`). Needs pip and the package index; the
    /// result is what the index serves, so pin versions (`six==1.16.0`).
    Vendor {
        /// The Python whose pip runs, e.g. `python3` or a virtualenv's `bin/python`.
        python: PathBuf,
    },
    /// Zip folders as they are (offline synthesis); the functions rely on
    /// their runtime's packages (boto3 is part of the Lambda Python runtime).
    /// The assembly says so.
    AsIs,
}

impl Default for Requirements {
    fn default() -> Self {
        Self::Vendor {
            python: PathBuf::from("python3"),
        }
    }
}

/// The `pip install` platform flags of a Lambda Python runtime `python3.N`
/// (x86_64): manylinux2014 wheels everywhere, manylinux_2_28 too on the
/// Amazon Linux 2023 runtimes (python3.12 and later), binary wheels only.
pub fn pip_platform_args(runtime: &str) -> Vec<String> {
    let version = runtime.strip_prefix("python").unwrap_or(runtime);
    let minor: u32 = version
        .split_once('.')
        .and_then(|(_, minor)| minor.parse().ok())
        .unwrap_or(0);
    let mut args = vec!["--platform".to_owned(), "manylinux2014_x86_64".to_owned()];
    if minor >= 12 {
        args.extend(["--platform".to_owned(), "manylinux_2_28_x86_64".to_owned()]);
    }
    args.extend([
        "--implementation".to_owned(),
        "cp".to_owned(),
        "--python-version".to_owned(),
        version.to_owned(),
        "--only-binary=:all:".to_owned(),
    ]);
    args
}

/// Distinguishes staging folders of concurrent syntheses in one process.
static STAGING: AtomicUsize = AtomicUsize::new(0);

/// A temporary folder removed when dropped.
struct Staging(PathBuf);

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The files of a Python code folder for a function on `runtime`, with its
/// `requirements.txt` vendored when `requirements` says so; `construct`
/// (e.g. `[post_deploy.x]`) names it in errors. The second value tells what
/// happened, for the assembly.
pub fn python_folder(
    dir: &Path,
    runtime: &str,
    requirements: &Requirements,
    construct: &str,
) -> Result<(Files, String), SynthError> {
    let mut files = read_folder(dir)?;
    let requirements_file = dir.join("requirements.txt");
    if !requirements_file.is_file() {
        return Ok((files, "no requirements.txt: folder zipped as is".to_owned()));
    }
    let python = match requirements {
        Requirements::AsIs => {
            return Ok((
                files,
                "requirements.txt not vendored (synthesized with Requirements::AsIs): the function uses its runtime's packages".to_owned(),
            ));
        }
        Requirements::Vendor { python } => python,
    };
    let unavailable = |why: String| SynthError::PipUnavailable {
        construct: construct.to_owned(),
        python: python.clone(),
        why,
    };
    let probe = Command::new(python)
        .args(["-m", "pip", "--version"])
        .output()
        .map_err(|e| unavailable(format!("cannot run {}: {e}", python.display())))?;
    if !probe.status.success() {
        return Err(unavailable(
            String::from_utf8_lossy(&probe.stderr).trim().to_owned(),
        ));
    }
    let staging = Staging(std::env::temp_dir().join(format!(
        "lakeforge-vendor-{}-{}",
        std::process::id(),
        STAGING.fetch_add(1, Ordering::Relaxed)
    )));
    let output = Command::new(python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-compile",
            "--no-input",
            "--disable-pip-version-check",
        ])
        .args(pip_platform_args(runtime))
        .arg("--target")
        .arg(&staging.0)
        .arg("-r")
        .arg(&requirements_file)
        .output()
        .map_err(|e| unavailable(format!("cannot run {}: {e}", python.display())))?;
    if !output.status.success() {
        return Err(SynthError::Pip {
            folder: dir.to_path_buf(),
            construct: construct.to_owned(),
            message: String::from_utf8_lossy(&output.stderr).trim().to_owned(),
        });
    }
    // Console scripts (bin/) carry this machine's Python path and are of no
    // use to a function: leaving them out keeps the asset machine-independent.
    let vendored = read_folder(&staging.0)?
        .into_iter()
        .filter(|(name, _)| !name.starts_with("bin/"));
    files.extend(vendored);
    Ok((
        files,
        format!(
            "requirements.txt vendored into the asset with `{} -m pip install` for {runtime} (x86_64, binary wheels only)",
            python.display()
        ),
    ))
}
