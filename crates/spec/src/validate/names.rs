//! Naming rules of the AWS resources that spec ids and names become.
//!
//! Each function returns `Err(reason)` naming the first rule broken, phrased to
//! follow "it …" in a message.

/// Lowercase letters, digits and single hyphens, starting with a letter, not
/// ending with a hyphen, at most `max` characters: valid in S3 bucket names,
/// CloudFormation stack names and DMS/Glue identifiers at once.
fn dns_label(id: &str, max: usize) -> Result<(), String> {
    let len = id.chars().count();
    if id.is_empty() {
        return Err("it is empty".to_owned());
    }
    if len > max {
        return Err(format!("it has {len} characters, more than {max}"));
    }
    if let Some(c) = id.chars().find(|c| c.is_ascii_uppercase()) {
        return Err(format!("it contains the uppercase letter `{c}`"));
    }
    if let Some(c) = id
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Err(format!("it contains `{c}`"));
    }
    if !id.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err("it does not start with a lowercase letter".to_owned());
    }
    if id.contains("--") {
        return Err("it contains two hyphens in a row".to_owned());
    }
    if id.ends_with('-') {
        return Err("it ends with a hyphen".to_owned());
    }
    Ok(())
}

/// Longest project id: `{id}-datadocs-{12-digit account}-{region}` must fit
/// S3's 63 characters with the longest region names (14 characters).
pub(crate) const PROJECT_ID_MAX: usize = 63 - "-datadocs-".len() - 12 - 1 - 14;

/// A project id (part of bucket names, at most [`PROJECT_ID_MAX`] characters).
pub(crate) fn project_id(id: &str) -> Result<(), String> {
    dns_label(id, PROJECT_ID_MAX)
}

/// A streaming, cdc or post_deploy id (stack names, DMS and Glue identifiers).
pub(crate) fn construct_id(id: &str) -> Result<(), String> {
    dns_label(id, 63)
}

/// A Kinesis stream name: 1 to 128 of `a-z A-Z 0-9 _ . -`.
pub(crate) fn stream_name(name: &str) -> Result<(), String> {
    charset_name(name, 128, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
    })
}

/// A CodeCommit repository name: 1 to 100 of `a-z A-Z 0-9 _ . -`, not ending in `.git`.
pub(crate) fn codecommit_repository(name: &str) -> Result<(), String> {
    charset_name(name, 100, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')
    })?;
    if name.ends_with(".git") {
        return Err("it ends with `.git`".to_owned());
    }
    if name == "." || name == ".." {
        return Err("it is only dots".to_owned());
    }
    Ok(())
}

/// An IAM policy name: 1 to 128 of `a-z A-Z 0-9 + = , . @ _ -`.
pub(crate) fn iam_policy(name: &str) -> Result<(), String> {
    charset_name(name, 128, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '+' | '=' | ',' | '.' | '@' | '_' | '-')
    })
}

/// Non-empty, at most `max` characters, each accepted by `ok`.
fn charset_name(name: &str, max: usize, ok: impl Fn(char) -> bool) -> Result<(), String> {
    let len = name.chars().count();
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    if len > max {
        return Err(format!("it has {len} characters, more than {max}"));
    }
    match name.chars().find(|c| !ok(*c)) {
        Some(c) => Err(format!("it contains `{c}`")),
        None => Ok(()),
    }
}

/// An S3 bucket name (general purpose bucket rules).
pub(crate) fn s3_bucket(name: &str) -> Result<(), String> {
    let len = name.chars().count();
    if !(3..=63).contains(&len) {
        return Err(format!("it has {len} characters, S3 allows 3 to 63"));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-')))
    {
        return Err(format!("it contains `{c}`"));
    }
    let alnum = |c: char| c.is_ascii_lowercase() || c.is_ascii_digit();
    if !name.starts_with(alnum) || !name.ends_with(alnum) {
        return Err("it does not start and end with a letter or digit".to_owned());
    }
    if name.contains("..") {
        return Err("it contains two dots in a row".to_owned());
    }
    if name.split('.').count() == 4 && name.split('.').all(|p| p.parse::<u8>().is_ok()) {
        return Err("it looks like an IP address".to_owned());
    }
    for prefix in ["xn--", "sthree-", "amzn-s3-demo-"] {
        if name.starts_with(prefix) {
            return Err(format!("it starts with the reserved prefix `{prefix}`"));
        }
    }
    for suffix in ["-s3alias", "--ol-s3", "--x-s3", ".mrap"] {
        if name.ends_with(suffix) {
            return Err(format!("it ends with the reserved suffix `{suffix}`"));
        }
    }
    Ok(())
}

/// An S3 key prefix: `/`-separated segments of `a-z A-Z 0-9 ! - _ . * ' ( ) =`,
/// none empty, `.` or `..`; a trailing `/` only when `trailing_slash` allows it.
pub(crate) fn s3_prefix(prefix: &str, trailing_slash: bool) -> Result<(), String> {
    if prefix.is_empty() {
        return Err("it is empty".to_owned());
    }
    if prefix.len() > 512 {
        return Err(format!("it has {} bytes, more than 512", prefix.len()));
    }
    if let Some(c) = prefix.chars().find(|c| {
        !(c.is_ascii_alphanumeric()
            || matches!(
                c,
                '!' | '-' | '_' | '.' | '*' | '\'' | '(' | ')' | '=' | '/'
            ))
    }) {
        return Err(format!("it contains `{c}`"));
    }
    let body = match prefix.strip_suffix('/') {
        Some(body) if trailing_slash => body,
        _ => prefix,
    };
    if body.starts_with('/') {
        return Err("it starts with `/`".to_owned());
    }
    if body
        .split('/')
        .any(|s| s.is_empty() || s == "." || s == "..")
    {
        return Err("it has an empty, `.` or `..` segment (or a trailing `/`)".to_owned());
    }
    Ok(())
}

/// A git branch name (the rules of `git check-ref-format --branch`, simplified).
pub(crate) fn git_branch(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    if let Some(c) = name
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "~^:?*[\\".contains(*c))
    {
        return Err(format!("it contains `{}`", c.escape_default()));
    }
    for bad in ["..", "@{", "//"] {
        if name.contains(bad) {
            return Err(format!("it contains `{bad}`"));
        }
    }
    if name.starts_with(['-', '/', '.']) || name.ends_with(['/', '.']) || name.ends_with(".lock") {
        return Err("it starts with `-`, `/` or `.`, or ends with `/`, `.` or `.lock`".to_owned());
    }
    if name == "@" {
        return Err("it is `@`".to_owned());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn project_ids_fit_bucket_names() {
        assert_eq!(PROJECT_ID_MAX, 26);
        assert!(project_id("retail").is_ok());
        assert!(project_id("a-b2").is_ok());
        assert!(project_id(&"a".repeat(26)).is_ok());
        assert!(
            project_id(&"a".repeat(27))
                .unwrap_err()
                .contains("27 characters")
        );
        assert!(
            project_id("Core")
                .unwrap_err()
                .contains("uppercase letter `C`")
        );
        assert!(project_id("a_b").unwrap_err().contains("`_`"));
        assert!(project_id("1a").unwrap_err().contains("start"));
        assert!(project_id("a--b").unwrap_err().contains("two hyphens"));
        assert!(
            project_id("ab-")
                .unwrap_err()
                .contains("ends with a hyphen")
        );
        assert!(project_id("").unwrap_err().contains("empty"));
    }

    #[test]
    fn buckets_prefixes_and_branches() {
        assert!(s3_bucket("lakeforge-access-logs").is_ok());
        assert!(s3_bucket("ab").is_err());
        assert!(s3_bucket("192.168.1.1").unwrap_err().contains("IP"));
        assert!(s3_bucket("a..b").is_err());
        assert!(s3_bucket("Abc").is_err());
        assert!(s3_bucket("xn--abc").unwrap_err().contains("xn--"));
        assert!(s3_prefix("clickstream", false).is_ok());
        assert!(s3_prefix("a/b", false).is_ok());
        assert!(s3_prefix("logs/", true).is_ok());
        assert!(s3_prefix("logs/", false).is_err());
        assert!(s3_prefix("/a", false).is_err());
        assert!(s3_prefix("a//b", false).is_err());
        assert!(s3_prefix("a/../b", false).is_err());
        assert!(s3_prefix("a b", false).is_err());
        assert!(git_branch("main").is_ok());
        assert!(git_branch("feature/x").is_ok());
        assert!(git_branch("a..b").is_err());
        assert!(git_branch("x.lock").is_err());
        assert!(git_branch("a b").is_err());
        assert!(codecommit_repository("lakeforge-retail").is_ok());
        assert!(codecommit_repository("x.git").is_err());
        assert!(iam_policy("developer-policy").is_ok());
        assert!(iam_policy("a b").is_err());
        assert!(stream_name("click.stream_1-x").is_ok());
        assert!(stream_name(&"s".repeat(129)).is_err());
    }
}
