//! The object-store root that holds every zone of every project.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Once};

use deltalake::DeltaTableBuilder;
use object_store::ObjectStore;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::memory::InMemory;
use object_store::path::Path as StorePath;
use url::Url;

use lakeforge_spec::LakeRoot as SpecRoot;

use crate::LakeError;
use crate::table_ref::TableRef;

/// Where the zones live: `file://` (a folder), `s3://bucket/prefix` or `memory://`.
///
/// S3 roots read the standard AWS environment variables (`AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY`, `AWS_REGION`, `AWS_ENDPOINT_URL` for any S3-compatible server,
/// `AWS_ALLOW_HTTP=true` for a plain-HTTP endpoint).
#[derive(Clone, Debug)]
pub struct LakeRoot {
    url: Url,
    /// The store seen from its own root, and the path of the lake root inside it.
    store: Arc<dyn ObjectStore>,
    base: StorePath,
    /// Set for `memory://`: every table shares this one in-process store.
    shared_memory: bool,
    /// Object-store options given in code (e.g. an S3 endpoint), on top of the environment.
    options: HashMap<String, String>,
}

impl LakeRoot {
    /// Parses a root as written in `[lake] root`. A relative `file://` URL or a plain path is
    /// taken relative to `base_dir` (the spec's folder), or to the current folder.
    pub fn parse(root: &str, base_dir: Option<&Path>) -> Result<Self, LakeError> {
        register_cloud_handlers();
        let error = |reason: String| LakeError::Root {
            root: root.to_string(),
            reason,
        };
        let parsed = SpecRoot::parse(root).map_err(|reason| {
            error(format!(
                "{reason}; use file://PATH, s3://BUCKET/PREFIX or memory://"
            ))
        })?;
        let parsed = match base_dir {
            Some(dir) => parsed.resolve(dir),
            None => parsed,
        };
        match parsed {
            SpecRoot::Memory(rest) => {
                let name = rest.trim_matches('/');
                let url =
                    Url::parse(&format!("memory:///{name}")).map_err(|e| error(e.to_string()))?;
                Ok(Self {
                    url: with_trailing_slash(url),
                    store: Arc::new(InMemory::new()),
                    base: StorePath::from(name),
                    shared_memory: true,
                    options: HashMap::new(),
                })
            }
            SpecRoot::S3 { bucket, prefix } => {
                let url = Url::parse(&format!("s3://{bucket}/{prefix}"))
                    .map_err(|e| error(e.to_string()))?;
                Ok(Self {
                    url: with_trailing_slash(url),
                    store: s3_store(&bucket, &HashMap::new()).map_err(error)?,
                    base: StorePath::from(prefix.as_str()),
                    shared_memory: false,
                    options: HashMap::new(),
                })
            }
            SpecRoot::File(path) => {
                let absolute = std::path::absolute(&path).map_err(|e| error(e.to_string()))?;
                let absolute = normalize(&absolute);
                let url = Url::from_directory_path(&absolute).map_err(|()| {
                    error(format!("`{}` is not a valid folder", absolute.display()))
                })?;
                Ok(Self {
                    base: StorePath::from_filesystem_path(&absolute)
                        .unwrap_or_else(|_| StorePath::from(absolute.to_string_lossy().as_ref())),
                    url,
                    store: Arc::new(LocalFileSystem::new()),
                    shared_memory: false,
                    options: HashMap::new(),
                })
            }
        }
    }

    /// The root URL, always ending in `/`.
    pub fn url(&self) -> &Url {
        &self.url
    }

    /// Adds object-store options (for S3: `aws_endpoint`, `aws_access_key_id`,
    /// `aws_allow_http`, …, and delta-rs' `AWS_S3_ALLOW_UNSAFE_RENAME`) on top of the environment.
    pub fn with_storage_options(
        mut self,
        options: HashMap<String, String>,
    ) -> Result<Self, LakeError> {
        if let Some(bucket) = self
            .url
            .host_str()
            .filter(|_| self.url.scheme().starts_with("s3"))
        {
            self.store = s3_store(bucket, &options).map_err(|reason| LakeError::Root {
                root: self.url.to_string(),
                reason,
            })?;
        }
        self.options = options;
        Ok(self)
    }

    /// The URL of a table's folder.
    pub fn table_url(&self, table: &TableRef) -> Url {
        let relative = format!("{}/{}/", zone_stem(&table.project, table.zone), table.table);
        self.url
            .join(&relative)
            .expect("zone and table names are validated URL path segments")
    }

    /// The store and the path of a zone inside it (for listing, or for objects that are not
    /// tables, such as error records).
    pub fn zone_location(
        &self,
        project: &str,
        zone: lakeforge_spec::Zone,
    ) -> (Arc<dyn ObjectStore>, StorePath) {
        self.location(project, lakeforge_spec::Location::Zone(zone))
    }

    /// The store and the path of any location of a project (a zone, cicd or datadocs).
    pub fn location(
        &self,
        project: &str,
        location: lakeforge_spec::Location,
    ) -> (Arc<dyn ObjectStore>, StorePath) {
        (
            self.store.clone(),
            self.base.clone().join(location.stem(project).as_str()),
        )
    }

    /// A Delta table builder for a table under this root.
    pub(crate) fn table_builder(&self, table: &TableRef) -> Result<DeltaTableBuilder, LakeError> {
        let url = self.table_url(table);
        let builder =
            DeltaTableBuilder::from_url(url.clone())?.with_storage_options(self.options.clone());
        Ok(if self.shared_memory {
            builder.with_storage_backend(self.store.clone(), url)
        } else {
            builder
        })
    }
}

/// A zone's folder name under the root, `<project>-<zone>` (the spec's location stem).
fn zone_stem(project: &str, zone: lakeforge_spec::Zone) -> String {
    lakeforge_spec::Location::Zone(zone).stem(project)
}

/// An S3 store for `bucket` from the environment plus `options` (keys object_store knows).
fn s3_store(
    bucket: &str,
    options: &HashMap<String, String>,
) -> Result<Arc<dyn ObjectStore>, String> {
    let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
    for (key, value) in options {
        if let Ok(key) = key.to_ascii_lowercase().parse() {
            builder = builder.with_config(key, value);
        }
    }
    let store = builder
        .build()
        .map_err(|e| format!("cannot configure S3 from the environment and options: {e}"))?;
    Ok(Arc::new(store))
}

/// Registers the S3 handlers of delta-rs once per process.
fn register_cloud_handlers() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| deltalake::aws::register_handlers(None));
}

fn with_trailing_slash(mut url: Url) -> Url {
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    url
}

/// Removes `.` and `..` components without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use lakeforge_spec::Zone;

    #[test]
    fn relative_file_roots_resolve_against_the_spec_folder() {
        let root = LakeRoot::parse("file://./lake", Some(Path::new("/srv/proj"))).unwrap();
        assert_eq!(root.url().as_str(), "file:///srv/proj/lake/");
        let plain = LakeRoot::parse("file://../data", Some(Path::new("/srv/proj"))).unwrap();
        assert_eq!(plain.url().as_str(), "file:///srv/data/");
    }

    #[test]
    fn table_urls_follow_the_zone_layout() {
        let root = LakeRoot::parse("s3://bucket/pre/fix", None).unwrap();
        let table = TableRef::new("retail", Zone::Silver, "orders").unwrap();
        assert_eq!(
            root.table_url(&table).as_str(),
            "s3://bucket/pre/fix/retail-silver/orders/"
        );
    }

    #[test]
    fn unknown_schemes_and_bucketless_s3_are_rejected_with_a_fix() {
        let err = LakeRoot::parse("gs://x", None).unwrap_err().to_string();
        assert!(err.contains("use file://PATH"), "{err}");
        let err = LakeRoot::parse("s3://", None).unwrap_err().to_string();
        assert!(err.contains("invalid bucket"), "{err}");
    }
}
