//! `[lake]`, `[network]`, `[streams.*]`, and the need for a project.

use super::{Focus, Report, formats, names};
use crate::error::ErrorKind;
use crate::model::{LakeRoot, Spec, Stream, StreamBackend};
use crate::path::keys;

pub(super) fn check(spec: &Spec, r: &mut Report) {
    lake(spec, r);
    network(spec, r);
    streams(spec, r);
    if spec.projects.is_empty() {
        r.push(
            ErrorKind::MissingKey,
            Vec::new(),
            Focus::Key,
            "the spec declares no project",
            "add a project table, e.g. `[projects.core]` (every key has a default)",
        );
    }
}

fn lake(spec: &Spec, r: &mut Report) {
    if let Err(why) = LakeRoot::parse(&spec.lake.root) {
        r.push(
            ErrorKind::InvalidValue,
            keys(&["lake", "root"]),
            Focus::Value,
            format!("invalid `root` = {:?} in [lake]: {why}", spec.lake.root),
            "use file://./lake (relative to this file), file:///absolute/path, s3://bucket/prefix or memory://",
        );
    }
    if let Some(id) = &spec.lake.default_project {
        r.reference(
            keys(&["lake", "default_project"]),
            id,
            "project",
            "projects",
            spec.projects.keys().map(String::as_str),
        );
    }
}

fn network(spec: &Spec, r: &mut Report) {
    let n = &spec.network;
    match formats::cidr(&n.vpc_cidr) {
        Err(why) => r.format(
            keys(&["network", "vpc_cidr"]),
            &n.vpc_cidr,
            Err(why),
            "write an IPv4 block such as 10.0.0.0/16",
        ),
        Ok(cidr) if !(16..=28).contains(&cidr.prefix) => r.push(
            ErrorKind::OutOfRange,
            keys(&["network", "vpc_cidr"]),
            Focus::Value,
            format!(
                "`vpc_cidr` = {:?} in [network] has a /{} prefix",
                n.vpc_cidr, cidr.prefix
            ),
            "a VPC block has a prefix from /16 (65 536 addresses) to /28 (16 addresses)",
        ),
        Ok(cidr) if !cidr.is_network() => r.push(
            ErrorKind::InvalidValue,
            keys(&["network", "vpc_cidr"]),
            Focus::Value,
            format!(
                "`vpc_cidr` = {:?} in [network] has host bits set",
                n.vpc_cidr
            ),
            format!("write the network address: {}", cidr.network()),
        ),
        Ok(_) => {}
    }
    r.range(keys(&["network", "max_azs"]), n.max_azs, 1..=6, "");
    if n.max_azs == 1 {
        single_zone(spec, r);
    }
    r.range(
        keys(&["network", "nat_gateways"]),
        n.nat_gateways,
        0..=n.max_azs.max(1),
        " (at most one NAT gateway per availability zone: `max_azs`)",
    );
    r.name(
        keys(&["network", "access_log_bucket"]),
        Focus::Value,
        "S3 bucket name",
        &n.access_log_bucket,
        names::s3_bucket(&n.access_log_bucket),
        "S3 bucket names have 3 to 63 lowercase letters, digits, dots and hyphens, and start and end with a letter or digit",
    );
    if !n.access_log_prefix.is_empty() {
        r.format(
            keys(&["network", "access_log_prefix"]),
            &n.access_log_prefix,
            names::s3_prefix(&n.access_log_prefix, true),
            "use `/`-separated segments of letters, digits and ! - _ . * ' ( ) =, e.g. \"access-logs/\"",
        );
    }
}

/// The constructs whose AWS resources need subnets in two availability zones.
fn two_zone_constructs(spec: &Spec) -> Vec<String> {
    let mut needs = Vec::new();
    for (id, project) in &spec.projects {
        if project.owns_airflow() {
            needs.push(format!(
                "[projects.{id}] deploys MWAA (two private subnets in two availability zones)"
            ));
        }
        if project.has_redshift {
            needs.push(format!(
                "[projects.{id}] deploys Redshift (its subnet group and Serverless workgroup span two availability zones)"
            ));
        }
    }
    for id in spec.cdc.keys() {
        needs.push(format!(
            "[cdc.{id}] deploys a DMS replication subnet group (subnets in two availability zones)"
        ));
    }
    if spec.simulator.is_some() {
        needs.push(
            "[simulator] deploys Aurora MySQL (a DB subnet group covers two availability zones)"
                .to_owned(),
        );
    }
    needs
}

/// `max_azs = 1` cannot hold what needs two availability zones.
fn single_zone(spec: &Spec, r: &mut Report) {
    let needs = two_zone_constructs(spec);
    if needs.is_empty() {
        return;
    }
    r.push(
        ErrorKind::Conflict,
        keys(&["network", "max_azs"]),
        Focus::Value,
        format!(
            "`max_azs` = 1 in [network] gives one availability zone, but {}",
            needs.join("; ")
        ),
        "set max_azs = 2 (or more) in [network]",
    );
}

fn streams(spec: &Spec, r: &mut Report) {
    for (name, stream) in &spec.streams {
        r.name(
            keys(&["streams", name]),
            Focus::Key,
            "stream name",
            name,
            names::stream_name(name),
            "streams become Kinesis streams: 1 to 128 letters, digits, `_`, `.` or `-`",
        );
        r.range(
            keys(&["streams", name, "shard_count"]),
            stream.shard_count,
            1..=500,
            " (Kinesis' default shard quota)",
        );
        r.range(
            keys(&["streams", name, "retention_hours"]),
            stream.retention_hours,
            24..=8760,
            " (Kinesis keeps records from 1 to 365 days)",
        );
        stream_url(name, stream, r);
    }
}

/// A `url` only for backends that use one, with the backend's scheme.
fn stream_url(name: &str, stream: &Stream, r: &mut Report) {
    let Some(url) = &stream.url else {
        return;
    };
    let path = keys(&["streams", name, "url"]);
    let scheme = formats::url_scheme(url);
    match stream.backend {
        StreamBackend::Embedded => r.push(
            ErrorKind::Conflict,
            path,
            Focus::Key,
            format!("[streams.{name}] sets `url` but its backend is embedded"),
            "remove `url`, or set backend = \"nats\" or \"kinesis\"",
        ),
        StreamBackend::Nats if !matches!(scheme, Some("nats" | "tls")) => r.format(
            path,
            url,
            Err("it is not a nats:// or tls:// URL".to_owned()),
            "write the NATS server, e.g. nats://127.0.0.1:4222",
        ),
        StreamBackend::Kinesis if !matches!(scheme, Some("http" | "https")) => r.format(
            path,
            url,
            Err("it is not an http:// or https:// endpoint".to_owned()),
            "write the Kinesis endpoint, e.g. https://kinesis.eu-west-1.amazonaws.com, or remove `url` for the default",
        ),
        _ => {}
    }
}
