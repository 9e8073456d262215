//! `[lake]`: where the zones live.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::setters::setter;

/// `[lake]`: the object store holding every project's zones.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Lake {
    /// Object store URL of the zones: `file://./lake` (default; a relative file
    /// path is relative to the spec's folder), `file:///abs/path`,
    /// `s3://bucket/prefix` or `memory://`.
    pub root: String,
    /// The project commands act on when none is named. When absent and exactly
    /// one project exists, that one (see [`crate::Spec::default_project`]).
    pub default_project: Option<String>,
}

impl Default for Lake {
    fn default() -> Self {
        Self {
            root: "file://./lake".to_owned(),
            default_project: None,
        }
    }
}

impl Lake {
    setter!(root: into String);
    setter!(default_project: some String);

    /// The parsed [`Lake::root`] URL.
    pub fn parsed_root(&self) -> Result<LakeRoot, String> {
        LakeRoot::parse(&self.root)
    }
}

/// A parsed lake root URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LakeRoot {
    /// A local folder (`file://`); relative until [`LakeRoot::resolve`]d.
    File(PathBuf),
    /// An S3 (or S3-compatible) bucket and key prefix (without slashes at either end).
    S3 {
        /// Bucket name.
        bucket: String,
        /// Key prefix, possibly empty.
        prefix: String,
    },
    /// An in-memory store (tests, dry runs); the text after `memory://`.
    Memory(String),
}

impl LakeRoot {
    /// Parses `file://…`, `s3://bucket[/prefix]` or `memory://…`; the error says what is wrong.
    pub fn parse(url: &str) -> Result<Self, String> {
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(format!(
                "`{url}` is not a URL (expected a scheme such as file://)"
            ));
        };
        match scheme {
            "file" if rest.is_empty() => Err("the file:// URL has no path".to_owned()),
            "file" => Ok(Self::File(PathBuf::from(rest))),
            "s3" => {
                let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
                crate::validate::names::s3_bucket(bucket)
                    .map_err(|why| format!("invalid bucket `{bucket}` in the s3:// URL: {why}"))?;
                Ok(Self::S3 {
                    bucket: bucket.to_owned(),
                    prefix: prefix.trim_matches('/').to_owned(),
                })
            }
            "memory" => Ok(Self::Memory(rest.to_owned())),
            other => Err(format!("unsupported scheme `{other}://`")),
        }
    }

    /// Makes a relative `file://` path relative to `spec_dir` (the spec file's folder).
    pub fn resolve(self, spec_dir: &Path) -> Self {
        match self {
            Self::File(path) if path.is_relative() => {
                let path = path
                    .strip_prefix(".")
                    .map(Path::to_path_buf)
                    .unwrap_or(path);
                Self::File(spec_dir.join(path))
            }
            other => other,
        }
    }

    /// The root as a URL again (`file://` paths as given: absolute once resolved).
    pub fn to_url(&self) -> String {
        match self {
            Self::File(path) => format!("file://{}", path.display()),
            Self::S3 { bucket, prefix } if prefix.is_empty() => format!("s3://{bucket}"),
            Self::S3 { bucket, prefix } => format!("s3://{bucket}/{prefix}"),
            Self::Memory(rest) => format!("memory://{rest}"),
        }
    }
}
