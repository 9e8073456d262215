//! `[streaming.<id>]` and `[cdc.<id>]`: sources, destinations, buffering and capacity.

use super::{Focus, Report, formats, hive, names};
use crate::error::ErrorKind;
use crate::model::{CdcIngestion, Destination, Engine, OutputFormat, Spec, StreamingIngestion};
use crate::path::{Seg, child, index, keys};

/// DMS Serverless capacity units.
const DMS_CAPACITY_UNITS: &[u32] = &[1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384];

pub(super) fn check(spec: &Spec, r: &mut Report) {
    for (id, s) in &spec.streaming {
        streaming(spec, id, s, r);
    }
    for (id, c) in &spec.cdc {
        cdc(spec, id, c, r);
    }
}

/// The destination's project exists and its prefix is a valid key prefix.
fn destination(spec: &Spec, path: &[Seg], d: &Destination, r: &mut Report) {
    let project = child(path, "project");
    let help = match spec.default_project() {
        Some(p) => format!("add project = \"{p}\" to the destination"),
        None => "add project = \"<project id>\" to the destination".to_owned(),
    };
    if r.required(project.clone(), &d.project, &help) {
        r.reference(
            project,
            &d.project,
            "project",
            "projects",
            spec.projects.keys().map(String::as_str),
        );
    }
    if let Some(prefix) = &d.prefix {
        r.format(
            child(path, "prefix"),
            prefix,
            names::s3_prefix(prefix, false),
            "use `/`-separated segments of letters, digits and ! - _ . * ' ( ) =, without a trailing `/`",
        );
    }
}

fn streaming(spec: &Spec, id: &str, s: &StreamingIngestion, r: &mut Report) {
    let base = keys(&["streaming", id]);
    let stream = child(&base, "source_stream");
    let streams = || spec.streams.keys().map(String::as_str);
    let help = match streams().next() {
        Some(first) => format!("add source_stream = \"{first}\" (a [streams.<name>] entry)"),
        None => {
            "declare a stream, e.g. [streams.clickstream], and name it in source_stream".to_owned()
        }
    };
    if r.required(stream.clone(), &s.source_stream, &help) {
        r.reference(stream, &s.source_stream, "stream", "streams", streams());
    }
    destination(spec, &child(&base, "destination"), &s.destination, r);
    r.range(
        child(&base, "buffer_interval_seconds"),
        s.buffer_interval_seconds,
        0..=900,
        " (Firehose's buffering interval limits)",
    );
    r.range(
        child(&base, "buffer_size_mb"),
        s.buffer_size_mb,
        1..=128,
        " (Firehose's buffering size limits)",
    );
    r.required(
        child(&base, "event_time_field"),
        &s.event_time_field,
        "name the record field holding the event time, e.g. event_time_field = \"timestamp\"",
    );
    r.range(
        child(&base, "max_record_bytes"),
        s.max_record_bytes,
        1..=1_024_000,
        " (Firehose accepts records up to 1000 KiB)",
    );
    columns(id, &base, s, r);
}

/// Column names and Glue types of `columns`, which only Parquet output uses.
fn columns(id: &str, base: &[Seg], s: &StreamingIngestion, r: &mut Report) {
    let path = child(base, "columns");
    if !s.columns.is_empty() && s.output_format == OutputFormat::Json {
        r.push(
            ErrorKind::Conflict,
            path.clone(),
            Focus::Key,
            format!("[streaming.{id}] declares `columns` but output_format = \"json\" keeps records as they are"),
            "remove `columns`, or set output_format = \"parquet\" to land Parquet with this schema",
        );
    }
    for (name, ty) in &s.columns {
        let column = child(&path, name);
        r.name(
            column.clone(),
            Focus::Key,
            "column name",
            name,
            hive::column_name(name),
            "Glue column names are lowercase letters, digits and `_`, starting with a letter or `_` (JSON keys match them case-insensitively)",
        );
        if let Err(why) = hive::column_type(ty) {
            let help = if why.contains("is not a Glue type") {
                crate::suggest::valid_list(
                    "Glue types",
                    ty,
                    hive::PRIMITIVES
                        .iter()
                        .copied()
                        .chain(["array<…>", "map<…,…>", "struct<…>"]),
                    "",
                )
            } else {
                "write a Glue type: string, bigint, double, boolean, timestamp, decimal(10,2), array<string>, map<string,int>, struct<a:int,b:string>…".to_owned()
            };
            r.push(
                ErrorKind::InvalidValue,
                column,
                Focus::Value,
                format!("invalid type {ty:?} of column `{name}` in [streaming.{id}]: {why}"),
                help,
            );
        }
    }
}

fn cdc(spec: &Spec, id: &str, c: &CdcIngestion, r: &mut Report) {
    let base = keys(&["cdc", id]);
    source(&child(&base, "source"), c, r);
    if c.include.is_empty() {
        r.push(
            ErrorKind::MissingKey,
            child(&base, "include"),
            Focus::Value,
            format!("`include` in [cdc.{id}] is empty, so nothing would be replicated"),
            "list the tables to replicate, e.g. include = [\"c360.%\"] (or remove the key for every table: \"%.%\")",
        );
    }
    for key in ["include", "exclude"] {
        let patterns = if key == "include" {
            &c.include
        } else {
            &c.exclude
        };
        for (i, pattern) in patterns.iter().enumerate() {
            r.format(
                index(&child(&base, key), i),
                pattern,
                formats::table_pattern(pattern),
                "write a DMS table pattern `schema.table`, `%` matching anything, e.g. \"c360.%\"",
            );
        }
    }
    for (from, to) in &c.rename_schema {
        let path = child(&child(&base, "rename_schema"), from);
        r.name(
            path.clone(),
            Focus::Key,
            "schema name",
            from,
            formats::sql_identifier(from),
            "schema names start with a letter or `_`, then letters, digits, `_` or `$`",
        );
        r.format(
            path,
            to,
            formats::sql_identifier(to),
            "write the landed schema name: a letter or `_`, then letters, digits, `_` or `$`",
        );
    }
    destination(spec, &child(&base, "destination"), &c.destination, r);
    r.format(
        child(&base, "timestamp_column"),
        &c.timestamp_column,
        formats::sql_identifier(&c.timestamp_column),
        "write a column name such as \"cdc_timestamp\"",
    );
    capacity(&base, c, r);
}

/// Exactly one of `url` and `secret`, matching the engine.
fn source(path: &[Seg], c: &CdcIngestion, r: &mut Report) {
    let s = &c.source;
    match (&s.url, &s.secret) {
        (Some(_), Some(_)) => r.push(
            ErrorKind::Conflict,
            child(path, "secret"),
            Focus::Key,
            format!("{} sets both `url` and `secret`", crate::path::table_label(path)),
            "keep one: `url` for a database reached directly, `secret` for a Secrets Manager secret (AWS)",
        ),
        (None, None) => r.push(
            ErrorKind::MissingKey,
            path.to_vec(),
            Focus::Value,
            format!("{} has neither `url` nor `secret`", crate::path::table_label(path)),
            "add url = \"mysql://user@host:3306/database\" or secret = \"<Secrets Manager name or ARN>\"",
        ),
        (Some(url), None) => {
            let schemes: &[&str] = match s.engine {
                Engine::Mysql | Engine::Mariadb => &["mysql", "mariadb"],
                Engine::Postgres => &["postgres", "postgresql"],
                Engine::Sqlite => &["sqlite"],
            };
            let scheme = formats::url_scheme(url);
            if !scheme.is_some_and(|sc| schemes.contains(&sc)) {
                r.format(
                    child(path, "url"),
                    url,
                    Err(format!("it is not a {}:// URL, as engine {} needs", schemes[0], s.engine)),
                    &format!("write e.g. {}://user@host/database, or change `engine`", schemes[0]),
                );
            }
        }
        (None, Some(secret)) => {
            if s.engine == Engine::Sqlite {
                r.push(
                    ErrorKind::Conflict,
                    child(path, "secret"),
                    Focus::Key,
                    format!("{} uses a secret with engine sqlite", crate::path::table_label(path)),
                    "DMS has no SQLite source: give a sqlite:// url (local only), or use mysql, mariadb or postgres",
                );
            }
            r.required(child(path, "secret"), secret, "name the Secrets Manager secret or give its ARN");
        }
    }
}

/// DMS Serverless capacity units: allowed values, minimum ≤ maximum.
fn capacity(base: &[Seg], c: &CdcIngestion, r: &mut Report) {
    let allowed = DMS_CAPACITY_UNITS
        .iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(", ");
    let mut ok = true;
    for (key, value) in [
        ("max_capacity_units", c.max_capacity_units),
        ("min_capacity_units", c.min_capacity_units),
    ] {
        if !DMS_CAPACITY_UNITS.contains(&value) {
            ok = false;
            r.push(
                ErrorKind::OutOfRange,
                child(base, key),
                Focus::Value,
                format!(
                    "`{key}` = {value} in {} is not a DMS Serverless capacity",
                    crate::path::table_label(base)
                ),
                format!("use one of {allowed}"),
            );
        }
    }
    if ok && c.min_capacity_units > c.max_capacity_units {
        r.push(
            ErrorKind::OutOfRange,
            child(base, "min_capacity_units"),
            Focus::Value,
            format!(
                "`min_capacity_units` = {} in {} is above `max_capacity_units` = {}",
                c.min_capacity_units,
                crate::path::table_label(base),
                c.max_capacity_units
            ),
            "lower the minimum or raise the maximum",
        );
    }
}
