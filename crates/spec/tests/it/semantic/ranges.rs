//! Numeric ranges and orderings (minimum ≤ maximum).

use lakeforge_spec::ErrorKind;

use crate::{assert_at, errors, only_error, valid};

#[test]
fn project_ranges() {
    let text = "[projects.core]\n\
                airflow_max_workers = 26\n\
                emr_transient_core_size = 0\n\
                emr_transient_worker_min_size = 11\n\
                redshift_etl_node_count = 129\n\
                redshift_concurrency_limit = 11\n\
                redshift_serverless_base_rpu = 12\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::OutOfRange, 2, 23),
            (ErrorKind::OutOfRange, 3, 27),
            (ErrorKind::OutOfRange, 4, 33),
            (ErrorKind::OutOfRange, 5, 27),
            (ErrorKind::OutOfRange, 6, 30),
            (ErrorKind::OutOfRange, 7, 32),
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[0].message,
        "`airflow_max_workers` = 26 in [projects.core] is out of range"
    );
    assert_eq!(all[0].help, "use a value from 1 to 25 (MWAA's limit)");
    assert!(
        all[2]
            .message
            .contains("is above `emr_transient_worker_max_size` = 10"),
        "{}",
        all[2]
    );
    assert!(
        all[5].help.starts_with("use 4, or 8 to 512 in steps of 8"),
        "{}",
        all[5]
    );
}

#[test]
fn redshift_serverless_capacity_rules() {
    for base in [4, 8, 16, 512] {
        valid(&format!(
            "[projects.core]\nredshift_serverless_base_rpu = {base}\nredshift_serverless_rpu_limit = 512\n"
        ));
    }
    let e = only_error(
        "[projects.core]\nredshift_serverless_base_rpu = 64\nredshift_serverless_rpu_limit = 32\n",
    );
    assert_at(&e, ErrorKind::OutOfRange, 3, 33);
    assert!(
        e.message
            .contains("is below `redshift_serverless_base_rpu` = 64"),
        "{e}"
    );
    let e = only_error("[projects.core]\nredshift_serverless_rpu_limit = 100\n");
    assert_at(&e, ErrorKind::OutOfRange, 2, 33);
    assert_eq!(e.help, "use 8 to 1024 in steps of 8 (8, 16, 24, …)");
}

#[test]
fn network_ranges_and_cidr() {
    let e = only_error("[projects.core]\n[network]\nmax_azs = 7\n");
    assert_at(&e, ErrorKind::OutOfRange, 3, 11);
    let e = only_error("[projects.core]\n[network]\nnat_gateways = 3\n");
    assert_at(&e, ErrorKind::OutOfRange, 3, 16);
    assert!(e.help.contains("max_azs"), "{e}");
    let e = only_error("[projects.core]\n[network]\nvpc_cidr = \"10.0.0.0/8\"\n");
    assert_at(&e, ErrorKind::OutOfRange, 3, 12);
    assert!(e.help.contains("/16") && e.help.contains("/28"), "{e}");
    let e = only_error("[projects.core]\n[network]\nvpc_cidr = \"10.0.3.0/16\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 3, 12);
    assert_eq!(e.help, "write the network address: 10.0.0.0/16");
    let e = only_error("[projects.core]\n[network]\nvpc_cidr = \"10.0.0/16\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 3, 12);
}

#[test]
fn one_availability_zone_is_refused_for_what_needs_two() {
    // Every project that owns its Airflow deploys MWAA, which needs two zones.
    let e = only_error("[projects.core]\n[network]\nmax_azs = 1\nnat_gateways = 1\n");
    assert_at(&e, ErrorKind::Conflict, 3, 11);
    assert_eq!(
        e.message,
        "`max_azs` = 1 in [network] gives one availability zone, but [projects.core] deploys MWAA \
         (two private subnets in two availability zones)"
    );
    assert_eq!(e.help, "set max_azs = 2 (or more) in [network]");
    assert_eq!(
        e.to_string().lines().next().unwrap(),
        format!("lakeforge.toml:3:11: error: {}", e.message)
    );

    // Redshift, DMS and the simulator's Aurora are named too, each once.
    let text = "[network]\nmax_azs = 1\n[projects.core]\nhas_redshift = true\n\
                [projects.other]\nreuse_airflow = \"core\"\n\
                [cdc.sales]\nsource = { url = \"mysql://h/db\" }\ndestination = { project = \"core\" }\n\
                [simulator]\nproject = \"core\"\n";
    let e = only_error(text);
    assert_at(&e, ErrorKind::Conflict, 2, 11);
    for what in [
        "[projects.core] deploys MWAA",
        "[projects.core] deploys Redshift",
        "[cdc.sales] deploys a DMS replication subnet group",
        "[simulator] deploys Aurora MySQL",
    ] {
        assert_eq!(e.message.matches(what).count(), 1, "{what}: {e}");
    }
    assert!(!e.message.contains("[projects.other]"), "{e}");

    // Two zones (the default) or more are fine.
    valid("[projects.core]\nhas_redshift = true\n[network]\nmax_azs = 2\n");
    valid("[projects.core]\n[network]\nmax_azs = 3\nnat_gateways = 3\n");
}

#[test]
fn one_availability_zone_is_refused_for_builder_specs_too() {
    use lakeforge_spec::{Network, Project, Spec};
    let errors = Spec::builder()
        .network(Network::default().max_azs(1).nat_gateways(1))
        .project("core", Project::default())
        .build()
        .unwrap_err();
    let e = &errors.errors()[0];
    assert_eq!(
        (e.kind, e.path.as_str()),
        (ErrorKind::Conflict, "network.max_azs")
    );
    assert!(
        e.to_string()
            .starts_with("<builder>: network.max_azs: error: `max_azs` = 1"),
        "{e}"
    );
}

#[test]
fn stream_ranges_and_urls() {
    let text =
        "[projects.core]\n[streams.s]\nshard_count = 0\nretention_hours = 12\nurl = \"nats://x\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::OutOfRange, 3, 15),
            (ErrorKind::OutOfRange, 4, 19),
            (ErrorKind::Conflict, 5, 1)
        ],
        "{all:#?}"
    );
    let e = only_error("[projects.core]\n[streams.s]\nbackend = \"nats\"\nurl = \"http://x\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 4, 7);
}

#[test]
fn streaming_ranges() {
    let text = "[projects.core]\n[streams.s]\n[streaming.x]\nsource_stream = \"s\"\ndestination = { project = \"core\" }\n\
                buffer_interval_seconds = 901\nbuffer_size_mb = 0\nevent_time_field = \"\"\nmax_record_bytes = 2000000\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::OutOfRange, 6, 27),
            (ErrorKind::OutOfRange, 7, 18),
            (ErrorKind::MissingKey, 8, 20),
            (ErrorKind::OutOfRange, 9, 20),
        ],
        "{all:#?}"
    );
}

pub const CDC: &str = "[projects.core]\n[cdc.sales]\ndestination = { project = \"core\" }\n";

#[test]
fn cdc_capacity_units_are_dms_serverless_values() {
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\nmax_capacity_units = 3\n"
    ));
    assert_at(&e, ErrorKind::OutOfRange, 5, 22);
    assert!(
        e.help
            .starts_with("use one of 1, 2, 4, 8, 16, 32, 64, 128, 192, 256, 384"),
        "{e}"
    );
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\nmax_capacity_units = 4\nmin_capacity_units = 8\n"
    ));
    assert_at(&e, ErrorKind::OutOfRange, 6, 22);
    assert!(
        e.message.contains("is above `max_capacity_units` = 4"),
        "{e}"
    );
}

#[test]
fn errors_of_every_construct_come_together_in_file_order() {
    let text = "[projects.core]\nairflow_max_workers = 0\n[streams.s]\nshard_count = 0\n[simulator]\ndays = 0\n";
    let lines: Vec<usize> = errors(text)
        .iter()
        .map(|e| e.position.unwrap().line)
        .collect();
    assert_eq!(lines, [2, 4, 6]);
}
