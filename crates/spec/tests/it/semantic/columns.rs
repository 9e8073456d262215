//! `[streaming.<id>] columns`: the records' schema as Glue types, and the
//! simulator's clickstream schema when the simulator writes the stream.

use lakeforge_spec::{CLICKSTREAM_COLUMNS, ErrorKind, SchemaOrigin, Spec, StreamingIngestion};

use crate::{assert_at, errors, only_error, valid};

const HEAD: &str = "[projects.core]\n[streams.s]\n[streaming.x]\nsource_stream = \"s\"\ndestination = { project = \"core\" }\n";

#[test]
fn declared_columns_are_the_schema_in_name_order() {
    let spec = valid(&format!(
        "{HEAD}columns = {{ ts = \"timestamp\", event_id = \"bigint\", tags = \"array<string>\", amount = \"decimal(10,2)\" }}\n"
    ));
    let schema = spec.streaming_schema("x").unwrap();
    assert_eq!(schema.origin, SchemaOrigin::Declared);
    assert_eq!(
        schema.columns,
        [
            ("amount".to_owned(), "decimal(10,2)".to_owned()),
            ("event_id".to_owned(), "bigint".to_owned()),
            ("tags".to_owned(), "array<string>".to_owned()),
            ("ts".to_owned(), "timestamp".to_owned()),
        ]
    );
    let again: Spec = spec.to_toml_string().parse().unwrap();
    assert_eq!(again, spec);
    // A section works as well as an inline table.
    let section = valid(&format!(
        "{HEAD}[streaming.x.columns]\nts = \"timestamp\"\nevent_id = \"bigint\"\ntags = \"array<string>\"\namount = \"decimal(10,2)\"\n"
    ));
    assert_eq!(section, spec);
}

#[test]
fn the_simulators_stream_has_the_clickstream_schema_and_others_none() {
    let spec = valid(&format!("{HEAD}[simulator]\nstream = \"s\"\n"));
    let schema = spec.streaming_schema("x").unwrap();
    assert_eq!(schema.origin, SchemaOrigin::Simulator);
    let names: Vec<&str> = schema.columns.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names[..4],
        ["event_id", "event_type", "action", "timestamp"]
    );
    assert_eq!(schema.columns.len(), CLICKSTREAM_COLUMNS.len());
    // Declared columns win over the simulator's.
    let spec = valid(&format!(
        "{HEAD}columns = {{ a = \"string\" }}\n[simulator]\nstream = \"s\"\n"
    ));
    assert_eq!(
        spec.streaming_schema("x").unwrap().origin,
        SchemaOrigin::Declared
    );
    // Another stream, or no simulator stream: no schema.
    assert_eq!(valid(HEAD).streaming_schema("x"), None);
    let spec = valid(&format!("{HEAD}[streams.t]\n[simulator]\nstream = \"t\"\n"));
    assert_eq!(spec.streaming_schema("x"), None);
    assert_eq!(spec.streaming_schema("nope"), None);
}

#[test]
fn the_clickstream_columns_are_valid_glue_columns() {
    let mut ingestion = StreamingIngestion::new("s", lakeforge_spec::Destination::new("core"));
    for (name, ty) in CLICKSTREAM_COLUMNS {
        ingestion = ingestion.column(*name, *ty);
    }
    Spec::builder()
        .project("core", lakeforge_spec::Project::default())
        .stream("s", lakeforge_spec::Stream::default())
        .streaming("x", ingestion)
        .build()
        .unwrap();
}

#[test]
fn bad_types_and_names_are_reported_where_they_are() {
    let all = errors(&format!(
        "{HEAD}columns = {{ event_id = \"bigintt\", EventType = \"string\", items = \"array<struct<a:int>\" }}\n"
    ));
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    // In file order: the type of event_id, the name EventType, the type of items.
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 6, 24),
            (ErrorKind::InvalidName, 6, 35),
            (ErrorKind::InvalidValue, 6, 65),
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[0].message,
        "invalid type \"bigintt\" of column `event_id` in [streaming.x]: `bigintt` is not a Glue type"
    );
    assert!(
        all[0].help.starts_with("Glue types are bigint,"),
        "{}",
        all[0]
    );
    assert!(
        all[1]
            .message
            .contains("does not start with a lowercase letter"),
        "{}",
        all[1]
    );
    assert!(
        all[2].message.contains("it ends where array needs `>`"),
        "{}",
        all[2]
    );
    assert_eq!(
        all[0].to_string().lines().next().unwrap(),
        format!("lakeforge.toml:6:24: error: {}", all[0].message)
    );
}

#[test]
fn columns_with_json_output_are_a_conflict() {
    let e = only_error(&format!(
        "{HEAD}output_format = \"json\"\ncolumns = {{ a = \"string\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 7, 1);
    assert!(e.help.contains("output_format = \"parquet\""), "{e}");
}
