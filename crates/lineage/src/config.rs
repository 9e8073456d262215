//! Where lineage goes: the local store (always), an HTTP endpoint and the console, from the
//! spec and the standard OpenLineage client variables.

use std::path::{Path, PathBuf};
use std::time::Duration;

use url::Url;

use crate::LineageError;

/// The local store's folder, relative to the folder of `lakeforge.toml`.
pub const STORE_DIR: &str = ".lakeforge/lineage";

/// A store file is closed and a new one begun past this size.
pub const DEFAULT_ROTATE_BYTES: u64 = 64 * 1024 * 1024;

/// How long closing an emitter waits for unsent events to reach the HTTP endpoint.
pub const DEFAULT_CLOSE_TIMEOUT: Duration = Duration::from_secs(5);

/// The environment variables read (the first four are the OpenLineage client's).
pub mod env {
    /// Base URL of a Marquez-compatible endpoint (`{url}/api/v1/lineage` is posted to).
    pub const URL: &str = "OPENLINEAGE_URL";
    /// Bearer token sent to the endpoint.
    pub const API_KEY: &str = "OPENLINEAGE_API_KEY";
    /// Namespace of lakeforge's jobs (default: the project id).
    pub const NAMESPACE: &str = "OPENLINEAGE_NAMESPACE";
    /// `true` turns lineage off entirely (no store, no HTTP, no console).
    pub const DISABLED: &str = "OPENLINEAGE_DISABLED";
    /// `console` also prints every event as a JSON line on stderr.
    pub const LINEAGE: &str = "LAKEFORGE_LINEAGE";
    /// Overrides the store's rotation size in bytes.
    pub const ROTATE_BYTES: &str = "LAKEFORGE_LINEAGE_ROTATE_BYTES";
    /// Overrides how long closing waits for the HTTP endpoint, in milliseconds.
    pub const CLOSE_TIMEOUT_MS: &str = "LAKEFORGE_LINEAGE_CLOSE_TIMEOUT_MS";
}

/// An HTTP endpoint events are posted to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpEndpoint {
    /// The lineage URL: `{base}/api/v1/lineage`.
    pub url: Url,
    /// Bearer token, if any.
    pub api_key: Option<String>,
}

impl HttpEndpoint {
    /// The endpoint of a Marquez-compatible server at `base` (e.g. `http://localhost:5000`).
    pub fn from_base(base: &str, api_key: Option<String>) -> Result<Self, LineageError> {
        let parsed = Url::parse(base).map_err(|error| {
            LineageError::Config(format!(
                "`{base}` is not a URL ({error}); give the server's base, e.g. http://localhost:5000"
            ))
        })?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(LineageError::Config(format!(
                "`{base}`: the OpenLineage endpoint must be http:// or https://"
            )));
        }
        let url = Url::parse(&format!(
            "{}/api/v1/lineage",
            parsed.as_str().trim_end_matches('/')
        ))
        .map_err(|error| LineageError::Config(error.to_string()))?;
        Ok(Self { url, api_key })
    }
}

/// Everything an emitter needs to know.
#[derive(Clone, Debug)]
pub struct LineageConfig {
    /// Whether anything is emitted at all.
    pub enabled: bool,
    /// The local store's folder.
    pub store_dir: PathBuf,
    /// Size past which a store file is rotated.
    pub rotate_bytes: u64,
    /// Namespace of the jobs.
    pub namespace: String,
    /// The HTTP endpoint, if one is set.
    pub http: Option<HttpEndpoint>,
    /// Whether events are also printed on stderr.
    pub console: bool,
    /// How long closing waits for unsent events.
    pub close_timeout: Duration,
}

impl LineageConfig {
    /// The local store only, under `store_dir`, jobs in `namespace`.
    pub fn local(store_dir: impl Into<PathBuf>, namespace: &str) -> Self {
        Self {
            enabled: true,
            store_dir: store_dir.into(),
            rotate_bytes: DEFAULT_ROTATE_BYTES,
            namespace: namespace.to_string(),
            http: None,
            console: false,
            close_timeout: DEFAULT_CLOSE_TIMEOUT,
        }
    }

    /// The configuration of a project whose spec lives in `spec_dir`: the store under
    /// [`STORE_DIR`], the spec's `openlineage_url` (if any) and the environment on top
    /// (`OPENLINEAGE_URL` wins over the spec).
    pub fn for_project(
        spec_dir: &Path,
        project: &str,
        spec_url: Option<&str>,
    ) -> Result<Self, LineageError> {
        Self::from_vars(spec_dir, project, spec_url, |name| std::env::var(name).ok())
    }

    /// As [`LineageConfig::for_project`], with the variables read through `var`.
    pub fn from_vars(
        spec_dir: &Path,
        project: &str,
        spec_url: Option<&str>,
        var: impl Fn(&str) -> Option<String>,
    ) -> Result<Self, LineageError> {
        let set = |name: &str| var(name).filter(|value| !value.trim().is_empty());
        let mut config = Self::local(spec_dir.join(STORE_DIR), project);
        if let Some(disabled) = set(env::DISABLED) {
            config.enabled = !matches!(
                disabled.trim().to_lowercase().as_str(),
                "true" | "1" | "yes"
            );
        }
        if let Some(namespace) = set(env::NAMESPACE) {
            config.namespace = namespace;
        }
        let base = set(env::URL).or_else(|| spec_url.map(str::to_string));
        if let Some(base) = base {
            config.http = Some(HttpEndpoint::from_base(&base, set(env::API_KEY))?);
        }
        if let Some(mode) = set(env::LINEAGE) {
            config.console = mode.split(',').any(|part| part.trim() == "console");
        }
        if let Some(bytes) = set(env::ROTATE_BYTES) {
            config.rotate_bytes = bytes.trim().parse().map_err(|_| {
                LineageError::Config(format!(
                    "{}=`{bytes}` is not a byte count",
                    env::ROTATE_BYTES
                ))
            })?;
        }
        if let Some(millis) = set(env::CLOSE_TIMEOUT_MS) {
            let millis: u64 = millis.trim().parse().map_err(|_| {
                LineageError::Config(format!(
                    "{}=`{millis}` is not a number of milliseconds",
                    env::CLOSE_TIMEOUT_MS
                ))
            })?;
            config.close_timeout = Duration::from_millis(millis);
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars<'a>(pairs: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
        move |name| {
            pairs
                .iter()
                .find(|(key, _)| *key == name)
                .map(|(_, value)| value.to_string())
        }
    }

    #[test]
    fn the_environment_url_wins_over_the_spec() {
        let config = LineageConfig::from_vars(
            Path::new("/p"),
            "retail",
            Some("http://marquez:5000"),
            vars(&[(env::URL, "http://other:9000/"), (env::API_KEY, "k")]),
        )
        .unwrap();
        let http = config.http.unwrap();
        assert_eq!(http.url.as_str(), "http://other:9000/api/v1/lineage");
        assert_eq!(http.api_key.as_deref(), Some("k"));
        assert_eq!(config.store_dir, Path::new("/p/.lakeforge/lineage"));
        assert_eq!(config.namespace, "retail");
    }

    #[test]
    fn disabled_and_namespace_and_console_are_read() {
        let config = LineageConfig::from_vars(
            Path::new("/p"),
            "retail",
            None,
            vars(&[
                (env::DISABLED, "TRUE"),
                (env::NAMESPACE, "prod"),
                (env::LINEAGE, "console"),
            ]),
        )
        .unwrap();
        assert!(!config.enabled);
        assert!(config.console);
        assert_eq!(config.namespace, "prod");
        assert!(config.http.is_none());
    }

    #[test]
    fn a_bad_url_is_a_clear_error() {
        let error = LineageConfig::from_vars(Path::new("/p"), "r", Some("ftp://x"), vars(&[]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("http:// or https://"), "{error}");
    }
}
