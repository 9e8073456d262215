//! Database URLs: which system they name, the form the driver wants, and
//! how to show them without their password.

use std::path::Path;

use super::dialect::Dialect;
use crate::error::SimError;

/// `url` with any password replaced by `***`, for messages and logs.
pub(crate) fn redact(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            // Setting a password only fails for URLs that cannot have one.
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        Ok(_) => url.to_owned(),
        Err(_) => match url.split_once("://") {
            Some((scheme, rest)) if rest.contains('@') => {
                let host = rest.rsplit_once('@').map_or("", |(_, host)| host);
                format!("{scheme}://***@{host}")
            }
            _ => url.to_owned(),
        },
    }
}

/// The dialect of `url` and the URL to give the driver: `mariadb://` becomes
/// `mysql://`; a SQLite file is created (with its folder) if missing.
pub(crate) fn prepare(url: &str) -> Result<(Dialect, String), SimError> {
    let (scheme, rest) = url.split_once(':').unwrap_or(("", url));
    match scheme.to_ascii_lowercase().as_str() {
        "sqlite" => {
            let path = rest.trim_start_matches("//");
            let (file, options) = path.split_once('?').unwrap_or((path, ""));
            if !file.starts_with(":memory:")
                && let Some(folder) = Path::new(file)
                    .parent()
                    .filter(|folder| !folder.as_os_str().is_empty())
            {
                std::fs::create_dir_all(folder).map_err(SimError::io("create folder", folder))?;
            }
            let url = match options {
                "" => format!("sqlite://{file}?mode=rwc"),
                _ if options.contains("mode=") => url.to_owned(),
                _ => format!("sqlite://{file}?{options}&mode=rwc"),
            };
            Ok((Dialect::Sqlite, url))
        }
        "mysql" => Ok((Dialect::MySql, url.to_owned())),
        "mariadb" => Ok((Dialect::MySql, format!("mysql:{rest}"))),
        "postgres" | "postgresql" => Ok((Dialect::Postgres, url.to_owned())),
        _ => Err(SimError::UnsupportedDatabase { url: redact(url) }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            redact("mysql://root:hunter2@db:3306/test"),
            "mysql://root:***@db:3306/test"
        );
        assert_eq!(redact("postgres://u:p%40ss@h/db"), "postgres://u:***@h/db");
        assert_eq!(
            redact("mysql://root:hunter2@db:99999/x"),
            "mysql://***@db:99999/x"
        );
        assert_eq!(
            redact("sqlite://.lakeforge/retail.db"),
            "sqlite://.lakeforge/retail.db"
        );
        let err = prepare("oracle://scott:tiger@db").unwrap_err().to_string();
        assert!(!err.contains("tiger"), "{err}");
    }

    #[test]
    fn urls_are_prepared_for_the_driver() {
        assert_eq!(
            prepare("mariadb://root@127.0.0.1/test").unwrap(),
            (Dialect::MySql, "mysql://root@127.0.0.1/test".to_owned())
        );
        assert_eq!(prepare("postgresql://h/db").unwrap().0, Dialect::Postgres);
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a/b/retail.db");
        let (dialect, url) = prepare(&format!("sqlite://{}", file.display())).unwrap();
        assert_eq!(dialect, Dialect::Sqlite);
        assert!(url.ends_with("retail.db?mode=rwc"), "{url}");
        assert!(file.parent().unwrap().is_dir());
        assert_eq!(
            prepare("sqlite::memory:").unwrap().1,
            "sqlite://:memory:?mode=rwc"
        );
    }
}
