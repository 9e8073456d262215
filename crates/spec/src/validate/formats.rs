//! Formats of string values: CIDR blocks, dates, URLs, handlers, patterns, IAM
//! actions and resources. Each returns `Err(reason)` phrased to follow "it …".

/// A parsed IPv4 CIDR block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cidr {
    /// The address as a number.
    pub addr: u32,
    /// The prefix length.
    pub prefix: u8,
}

impl Cidr {
    /// The netmask of the prefix.
    fn mask(self) -> u32 {
        u32::MAX
            .checked_shl(32 - u32::from(self.prefix))
            .unwrap_or(0)
    }

    /// The block with host bits cleared, as text.
    pub(crate) fn network(self) -> String {
        let [a, b, c, d] = (self.addr & self.mask()).to_be_bytes();
        format!("{a}.{b}.{c}.{d}/{}", self.prefix)
    }

    /// Whether bits below the prefix are all zero.
    pub(crate) fn is_network(self) -> bool {
        self.addr & !self.mask() == 0
    }
}

/// `a.b.c.d/n`.
pub(crate) fn cidr(text: &str) -> Result<Cidr, String> {
    let Some((addr, prefix)) = text.split_once('/') else {
        return Err("it has no `/prefix` length".to_owned());
    };
    let octets: Vec<&str> = addr.split('.').collect();
    if octets.len() != 4 {
        return Err("its address does not have four dot-separated numbers".to_owned());
    }
    let mut value = 0u32;
    for octet in octets {
        let n: u8 = digits(octet)
            .and_then(|d| d.parse().ok())
            .ok_or_else(|| format!("`{octet}` is not a number from 0 to 255"))?;
        value = (value << 8) | u32::from(n);
    }
    let prefix: u8 = digits(prefix)
        .and_then(|d| d.parse().ok())
        .filter(|p| *p <= 32)
        .ok_or_else(|| format!("`/{prefix}` is not a prefix length from 0 to 32"))?;
    Ok(Cidr {
        addr: value,
        prefix,
    })
}

/// `text` when it is 1 to 3 ASCII digits.
fn digits(text: &str) -> Option<&str> {
    (!text.is_empty() && text.len() <= 3 && text.bytes().all(|b| b.is_ascii_digit()))
        .then_some(text)
}

/// A calendar date `YYYY-MM-DD`.
pub(crate) fn date(text: &str) -> Result<(), String> {
    let parts: Vec<&str> = text.split('-').collect();
    let numeric = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    if parts.len() != 3 || !numeric(parts[0], 4) || !numeric(parts[1], 2) || !numeric(parts[2], 2) {
        return Err("it is not written YYYY-MM-DD".to_owned());
    }
    let (year, month, day): (u32, u32, u32) = (
        parts[0].parse().unwrap_or(0),
        parts[1].parse().unwrap_or(0),
        parts[2].parse().unwrap_or(0),
    );
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return Err(format!("month {month} does not exist")),
    };
    if day == 0 || day > days_in_month {
        return Err(format!("day {day} does not exist in {year}-{month:02}"));
    }
    Ok(())
}

/// The scheme of `url` when it is `scheme://something`.
pub(crate) fn url_scheme(url: &str) -> Option<&str> {
    let (scheme, rest) = url.split_once("://")?;
    let valid = scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    (valid && !rest.is_empty()).then_some(scheme)
}

/// `url` with any password replaced by `***`, for display.
pub(crate) fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let authority_end = rest.find('/').unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => match userinfo.split_once(':') {
            Some((user, _password)) => format!("{scheme}://{user}:***@{host}{tail}"),
            None => url.to_owned(),
        },
        None => url.to_owned(),
    }
}

/// A Python identifier (ASCII subset).
pub(crate) fn identifier(text: &str) -> bool {
    text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// A Python handler `module.function` (the module may be dotted).
pub(crate) fn python_handler(text: &str) -> Result<(), String> {
    match text.rsplit_once('.') {
        Some((module, function)) if module.split('.').all(identifier) && identifier(function) => {
            Ok(())
        }
        _ => Err("it is not `module.function` made of Python identifiers".to_owned()),
    }
}

/// A Lambda Python runtime `python3.N`, N at least 9.
pub(crate) fn python_runtime(text: &str) -> Result<(), String> {
    let minor = text
        .strip_prefix("python3.")
        .filter(|m| !m.is_empty() && m.len() <= 3 && m.bytes().all(|b| b.is_ascii_digit()))
        .and_then(|m| m.parse::<u32>().ok());
    match minor {
        Some(m) if m >= 9 => Ok(()),
        Some(_) => Err("it is older than python3.9, the oldest Lambda still runs".to_owned()),
        None => Err("it is not of the form python3.N".to_owned()),
    }
}

/// A database identifier (schema or column): `[A-Za-z_][A-Za-z0-9_$]*`, at most 64 characters.
pub(crate) fn sql_identifier(text: &str) -> Result<(), String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.len() > 64 {
        return Err("it is longer than 64 characters".to_owned());
    }
    if !text.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        return Err("it does not start with a letter or `_`".to_owned());
    }
    match text
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '$'))
    {
        Some(c) => Err(format!("it contains `{c}`")),
        None => Ok(()),
    }
}

/// A DMS table-mapping pattern `schema.table`, `%` matching any run of characters.
pub(crate) fn table_pattern(text: &str) -> Result<(), String> {
    let Some((schema, table)) = text.split_once('.') else {
        return Err("it is not `schema.table`".to_owned());
    };
    for part in [schema, table] {
        if part.is_empty() {
            return Err("it has an empty schema or table part".to_owned());
        }
        if let Some(c) = part
            .chars()
            .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '$' | '%')))
        {
            return Err(format!("it contains `{c}`"));
        }
    }
    Ok(())
}

/// An IAM action: `*` or `service:Action` (wildcards `*` and `?` allowed in the action).
pub(crate) fn iam_action(text: &str) -> Result<(), String> {
    if text == "*" {
        return Ok(());
    }
    match text.split_once(':') {
        Some((service, action))
            if !service.is_empty()
                && service
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !action.is_empty()
                && action
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '*' | '?')) =>
        {
            Ok(())
        }
        _ => Err("it is not `service:Action` (e.g. `redshift:PauseCluster`) or `*`".to_owned()),
    }
}

/// An IAM resource: `*` or an ARN (`arn:partition:service:region:account:resource`).
pub(crate) fn iam_resource(text: &str) -> Result<(), String> {
    if text == "*" || (text.starts_with("arn:") && text.matches(':').count() >= 5) {
        Ok(())
    } else {
        Err(
            "it is neither `*` nor an ARN `arn:partition:service:region:account:resource`"
                .to_owned(),
        )
    }
}

/// Environment variables Lambda reserves.
const RESERVED_ENV: &[&str] = &[
    "_HANDLER",
    "_X_AMZN_TRACE_ID",
    "AWS_DEFAULT_REGION",
    "AWS_REGION",
    "AWS_EXECUTION_ENV",
    "AWS_ACCESS_KEY",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
    "AWS_SESSION_TOKEN",
    "LAMBDA_TASK_ROOT",
    "LAMBDA_RUNTIME_DIR",
];

/// An environment variable name Lambda accepts: `[A-Za-z][A-Za-z0-9_]*`, not reserved.
pub(crate) fn env_name(text: &str) -> Result<(), String> {
    if !text.starts_with(|c: char| c.is_ascii_alphabetic())
        || !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
    {
        return Err("it is not a letter followed by letters, digits or `_`".to_owned());
    }
    if RESERVED_ENV.contains(&text) || text.starts_with("AWS_LAMBDA_") {
        return Err("it is reserved by AWS Lambda".to_owned());
    }
    Ok(())
}

/// A version `major.minor.patch` of numbers.
pub(crate) fn version(text: &str) -> Result<(), String> {
    let parts: Vec<&str> = text.split('.').collect();
    if parts.len() == 3
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        Ok(())
    } else {
        Err("it is not `major.minor.patch` (e.g. 2.6.3)".to_owned())
    }
}

/// An EC2 instance type `family.size`, e.g. `m6gd.xlarge`.
pub(crate) fn instance_type(text: &str) -> Result<(), String> {
    let ok_part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    };
    match text.split_once('.') {
        Some((family, size))
            if family.starts_with(|c: char| c.is_ascii_lowercase())
                && ok_part(family)
                && ok_part(size) =>
        {
            Ok(())
        }
        _ => Err("it is not an EC2 instance type `family.size` (e.g. m6gd.xlarge)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cidr_blocks() {
        let c = cidr("10.0.0.0/16").unwrap();
        assert_eq!(c.prefix, 16);
        assert!(c.is_network());
        let c = cidr("10.0.1.0/16").unwrap();
        assert!(!c.is_network());
        assert_eq!(c.network(), "10.0.0.0/16");
        assert!(cidr("10.0.0/16").is_err());
        assert!(cidr("10.0.0.256/16").is_err());
        assert!(cidr("10.0.0.0").is_err());
        assert!(cidr("10.0.0.0/33").is_err());
        assert!(cidr("10.0.0.+1/8").is_err());
    }

    #[test]
    fn dates() {
        assert!(date("2026-01-01").is_ok());
        assert!(date("2024-02-29").is_ok());
        assert!(date("2023-02-29").unwrap_err().contains("day 29"));
        assert!(date("2026-13-01").unwrap_err().contains("month 13"));
        assert!(date("2026-1-01").is_err());
        assert!(date("20260101").is_err());
    }

    #[test]
    fn urls_handlers_and_iam() {
        assert_eq!(url_scheme("mysql://root@h:3306/db"), Some("mysql"));
        assert_eq!(url_scheme("mysql://"), None);
        assert_eq!(url_scheme("nope"), None);
        assert_eq!(
            redact_url("mysql://root:secret@h:3306/db"),
            "mysql://root:***@h:3306/db"
        );
        assert_eq!(redact_url("mysql://root@h/db"), "mysql://root@h/db");
        assert!(python_handler("index.handler").is_ok());
        assert!(python_handler("pkg.mod.fn_1").is_ok());
        assert!(python_handler("handler").is_err());
        assert!(python_handler("index.").is_err());
        assert!(python_runtime("python3.12").is_ok());
        assert!(python_runtime("python3.8").is_err());
        assert!(python_runtime("node20").is_err());
        assert!(iam_action("redshift:PauseCluster").is_ok());
        assert!(iam_action("s3:Get*").is_ok());
        assert!(iam_action("PauseCluster").is_err());
        assert!(iam_resource("*").is_ok());
        assert!(iam_resource("arn:aws:s3:::bucket").is_ok());
        assert!(iam_resource("bucket").is_err());
        assert!(table_pattern("c360.%").is_ok());
        assert!(table_pattern("c360").is_err());
        assert!(table_pattern("c360.a b").is_err());
        assert!(sql_identifier("c360raw").is_ok());
        assert!(sql_identifier("1abc").is_err());
        assert!(env_name("redshift_cluster_id").is_ok());
        assert!(env_name("AWS_REGION").is_err());
        assert!(env_name("1X").is_err());
        assert!(version("2.6.3").is_ok());
        assert!(version("2.6").is_err());
        assert!(instance_type("m6gd.xlarge").is_ok());
        assert!(instance_type("xlarge").is_err());
    }
}
