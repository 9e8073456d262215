//! Semantic validation: ids, references, ranges, formats and folders, each
//! error at its exact line and column.

use lakeforge_spec::{ErrorKind, Spec};

use crate::{assert_at, errors, only_error, valid};

// ----- ids -------------------------------------------------------------------

#[test]
fn a_project_id_must_be_a_bucket_name_part() {
    let e = only_error("[projects.Core]\n");
    assert_at(&e, ErrorKind::InvalidName, 1, 11);
    assert_eq!(
        e.message,
        "invalid project id `Core`: it contains the uppercase letter `C`"
    );
    assert!(e.help.contains("-datadocs-"), "{}", e.help);
    assert!(e.help.contains("at most 26 characters"), "{}", e.help);
}

#[test]
fn a_project_id_has_at_most_26_characters() {
    let id = "a".repeat(27);
    let e = only_error(&format!("[projects.{id}]\n"));
    assert_at(&e, ErrorKind::InvalidName, 1, 11);
    assert!(
        e.message.ends_with("it has 27 characters, more than 26"),
        "{e}"
    );
    valid(&format!("[projects.{}]\n", "a".repeat(26)));
}

#[test]
fn project_ids_start_with_a_letter_and_use_single_inner_hyphens() {
    for (id, why) in [
        ("1core", "does not start with a lowercase letter"),
        ("co--re", "two hyphens in a row"),
        ("core-", "ends with a hyphen"),
        ("co_re", "contains `_`"),
    ] {
        let e = only_error(&format!("[projects.{id}]\n"));
        assert_at(&e, ErrorKind::InvalidName, 1, 11);
        assert!(e.message.contains(why), "{id}: {e}");
    }
}

#[test]
fn other_construct_ids_follow_the_same_charset_up_to_63() {
    let text = "[projects.core]\n[post_deploy.Pause_It]\n";
    let e = only_error(text);
    assert_at(&e, ErrorKind::InvalidName, 2, 14);
    assert!(
        e.message.starts_with("invalid post_deploy id `Pause_It`"),
        "{e}"
    );
    assert!(e.help.contains("CloudFormation stack names"), "{e}");
    let long = "p".repeat(64);
    let e = only_error(&format!("[projects.core]\n[post_deploy.{long}]\n"));
    assert!(e.message.contains("more than 63"), "{e}");
    valid(&format!(
        "[projects.core]\n[post_deploy.{}]\n",
        "p".repeat(63)
    ));
}

#[test]
fn ids_are_unique_across_construct_kinds() {
    let e = only_error("[projects.core]\n\n[post_deploy.core]\n");
    assert_at(&e, ErrorKind::DuplicateId, 3, 14);
    assert_eq!(
        e.message,
        "id `core` of [post_deploy.core] is already used by [projects.core]"
    );
    assert!(e.help.contains("CloudFormation stack name"), "{e}");
}

#[test]
fn a_stream_name_follows_kinesis_rules() {
    let e = only_error("[projects.core]\n[streams.\"click stream\"]\n");
    assert_at(&e, ErrorKind::InvalidName, 2, 10);
    assert!(e.message.contains("contains ` `"), "{e}");
    valid("[projects.core]\n[streams.\"Click.Stream_1-x\"]\n");
}

#[test]
fn a_spec_needs_a_project() {
    let e = only_error("[lake]\nroot = \"memory://\"\n");
    assert_at(&e, ErrorKind::MissingKey, 1, 1);
    assert_eq!(e.message, "the spec declares no project");
    assert!(e.help.contains("[projects.core]"), "{e}");
    assert_eq!(only_error("").kind, ErrorKind::MissingKey);
}

// ----- references ------------------------------------------------------------

const THREE_PROJECTS: &str =
    "[projects.core]\nhas_openlineage = true\n[projects.analytics]\n[projects.retail]\n";

#[test]
fn reuse_airflow_names_a_declared_project_closest_first() {
    let e = only_error(&format!("{THREE_PROJECTS}reuse_airflow = \"cor\"\n"));
    assert_at(&e, ErrorKind::UnknownReference, 5, 17);
    assert_eq!(
        e.message,
        "`reuse_airflow` in [projects.retail] names project `cor`, which is not declared"
    );
    assert_eq!(
        e.help,
        "declared projects are core, analytics (closest match first)"
    );
}

#[test]
fn a_project_cannot_reuse_itself() {
    let e = only_error("[projects.core]\nreuse_airflow = \"core\"\n");
    assert_at(&e, ErrorKind::UnknownReference, 2, 17);
    assert_eq!(e.message, "[projects.core] reuses its own Airflow");
}

#[test]
fn reuse_airflow_names_the_owner_not_another_reuser() {
    let e = only_error(
        "[projects.core]\n[projects.mid]\nreuse_airflow = \"core\"\n[projects.edge]\nreuse_airflow = \"mid\"\n",
    );
    assert_at(&e, ErrorKind::Conflict, 5, 17);
    assert!(e.help.contains("reuse_airflow = \"core\""), "{e}");
}

#[test]
fn reuse_openlineage_needs_a_project_hosting_lineage() {
    let e = only_error(
        "[projects.core]\n[projects.retail]\nhas_openlineage = true\nreuse_openlineage = \"core\"\n",
    );
    assert_at(&e, ErrorKind::Conflict, 4, 21);
    assert_eq!(
        e.message,
        "[projects.retail] reuses the OpenLineage endpoint of `core`, which hosts none"
    );
    assert!(e.help.contains("has_openlineage = true"), "{e}");
    valid(&format!(
        "{THREE_PROJECTS}has_openlineage = true\nreuse_openlineage = \"core\"\n"
    ));
}

#[test]
fn reuse_openlineage_without_lineage_is_a_contradiction() {
    // has_openlineage is not written: the error points at the project's header.
    let e = only_error(&format!("{THREE_PROJECTS}reuse_openlineage = \"core\"\n"));
    assert_at(&e, ErrorKind::Conflict, 4, 1);
    assert_eq!(
        e.message,
        "[projects.retail] sets reuse_openlineage but not has_openlineage"
    );
    assert_eq!(e.path, "projects.retail.has_openlineage");
}

#[test]
fn the_default_project_must_exist() {
    let e =
        only_error("[lake]\ndefault_project = \"retial\"\n[projects.retail]\n[projects.core]\n");
    assert_at(&e, ErrorKind::UnknownReference, 2, 19);
    assert_eq!(
        e.help,
        "declared projects are retail, core (closest match first)"
    );
}

const STREAMING: &str = "[projects.retail]\n[streams.clickstream]\n[streaming.clicks]\n";

#[test]
fn streaming_names_a_declared_stream() {
    let e = only_error(&format!(
        "{STREAMING}source_stream = \"clikstream\"\ndestination = {{ project = \"retail\" }}\n"
    ));
    assert_at(&e, ErrorKind::UnknownReference, 4, 17);
    assert_eq!(
        e.message,
        "`source_stream` in [streaming.clicks] names stream `clikstream`, which is not declared"
    );
    assert_eq!(e.help, "declared streams: clickstream (the only one)");
}

#[test]
fn streaming_requires_a_stream_and_a_destination_project() {
    let all = errors(STREAMING);
    assert_eq!(all.len(), 2, "{all:#?}");
    // Neither key is written: both point at the [streaming.clicks] header.
    assert_at(&all[0], ErrorKind::MissingKey, 3, 1);
    assert_at(&all[1], ErrorKind::MissingKey, 3, 1);
    let messages: Vec<&str> = all.iter().map(|e| e.message.as_str()).collect();
    assert!(
        messages.contains(&"missing required key `source_stream` in [streaming.clicks]"),
        "{messages:?}"
    );
    assert!(
        messages.contains(&"missing required key `project` in [streaming.clicks.destination]"),
        "{messages:?}"
    );
    assert!(
        all.iter()
            .any(|e| e.help == "add source_stream = \"clickstream\" (a [streams.<name>] entry)")
    );
    assert!(
        all.iter()
            .any(|e| e.help == "add project = \"retail\" to the destination")
    );
}

#[test]
fn a_destination_names_a_declared_project() {
    let e = only_error(&format!(
        "{STREAMING}source_stream = \"clickstream\"\ndestination = {{ project = \"retale\", zone = \"gold\" }}\n"
    ));
    assert_at(&e, ErrorKind::UnknownReference, 5, 27);
    assert_eq!(e.help, "declared projects: retail (the only one)");
}

#[test]
fn a_destination_prefix_is_a_clean_key_prefix() {
    let e = only_error(&format!(
        "{STREAMING}source_stream = \"clickstream\"\ndestination = {{ project = \"retail\", prefix = \"/a//b\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 5, 46);
}

#[test]
fn simulator_use_cases_and_post_deploy_name_declared_things() {
    let text = "[projects.retail]\n\
                [streams.clickstream]\n\
                [post_deploy.pause]\n\
                project = \"retial\"\n\
                [simulator]\n\
                stream = \"clicks\"\n\
                project = \"retal\"\n\
                [use_cases]\n\
                project = \"core\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::UnknownReference, 4, 11),
            (ErrorKind::UnknownReference, 6, 10),
            (ErrorKind::UnknownReference, 7, 11),
            (ErrorKind::UnknownReference, 9, 11),
        ],
        "{all:#?}"
    );
    assert_eq!(all[1].help, "declared streams: clickstream (the only one)");
}

#[test]
fn with_several_projects_and_no_default_the_use_cases_need_one() {
    let e = only_error("[projects.a]\n[projects.b]\n[use_cases]\n");
    assert_at(&e, ErrorKind::MissingKey, 3, 2);
    assert!(e.help.contains("default_project"), "{e}");
    valid(
        "[lake]\ndefault_project = \"b\"\n[projects.a]\n[projects.b]\n[use_cases]\n[simulator]\n",
    );
}

#[test]
fn no_stream_declared_says_how_to_declare_one() {
    let e = only_error("[projects.core]\n[simulator]\nstream = \"clickstream\"\n");
    assert_eq!(
        e.help,
        "no stream is declared; add a [streams.clickstream] table"
    );
}

// ----- ranges ------------------------------------------------------------------

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

const CDC: &str = "[projects.core]\n[cdc.sales]\ndestination = { project = \"core\" }\n";

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
fn cdc_source_has_exactly_one_of_url_and_secret() {
    // No source at all: points at the [cdc.sales] header.
    let e = only_error(CDC);
    assert_at(&e, ErrorKind::MissingKey, 2, 1);
    assert_eq!(
        e.message,
        "[cdc.sales.source] has neither `url` nor `secret`"
    );
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\", secret = \"db\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 4, 34);
    let e = only_error(&format!(
        "{CDC}source = {{ engine = \"sqlite\", secret = \"db\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 4, 31);
    assert!(e.help.contains("DMS has no SQLite source"), "{e}");
    let e = only_error(&format!(
        "{CDC}source = {{ engine = \"postgres\", url = \"mysql://h/db\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 4, 39);
    assert!(e.message.contains("not a postgres:// URL"), "{e}");
}

#[test]
fn cdc_patterns_and_schema_names() {
    let text = format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\ninclude = [\"c360.%\", \"c360\"]\nrename_schema = {{ c360 = \"c360 raw\" }}\ntimestamp_column = \"1ts\"\n"
    );
    let all = errors(&text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 5, 22),
            (ErrorKind::InvalidValue, 6, 26),
            (ErrorKind::InvalidValue, 7, 20)
        ],
        "{all:#?}"
    );
    assert_eq!(all[0].path, "cdc.sales.include[1]");
    let e = only_error(&format!(
        "{CDC}source = {{ url = \"mysql://h/db\" }}\ninclude = []\n"
    ));
    assert_at(&e, ErrorKind::MissingKey, 5, 11);
}

#[test]
fn post_deploy_checks() {
    let text = "[projects.core]\n[post_deploy.x]\nhandler = \"index\"\nruntime = \"python2.7\"\ncommand = []\n\
                environment = { AWS_REGION = \"x\" }\ntimeout_seconds = 901\n\
                [[post_deploy.x.policy_statements]]\nactions = [\"PauseCluster\"]\nresources = []\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 3, 11),
            (ErrorKind::InvalidValue, 4, 11),
            (ErrorKind::MissingKey, 5, 11),
            (ErrorKind::InvalidName, 6, 17),
            (ErrorKind::OutOfRange, 7, 19),
            (ErrorKind::InvalidValue, 9, 12),
            (ErrorKind::MissingKey, 10, 13),
        ],
        "{all:#?}"
    );
    assert_eq!(
        all[6].message,
        "policy statement post_deploy.x.policy_statements[0] has no resources"
    );
}

#[test]
fn simulator_checks() {
    let text = "[projects.core]\n[simulator]\ndays = 0\nstart_date = \"2026-02-30\"\ndatabase_url = \"oracle://x\"\nsearch_quality = 1.5\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::OutOfRange, 3, 8),
            (ErrorKind::InvalidValue, 4, 14),
            (ErrorKind::InvalidValue, 5, 16),
            (ErrorKind::OutOfRange, 6, 18),
        ],
        "{all:#?}"
    );
    assert!(
        all[1].message.ends_with("day 30 does not exist in 2026-02"),
        "{}",
        all[1]
    );
}

#[test]
fn lists_name_each_entry_once() {
    let e =
        only_error("[projects.core]\n[use_cases]\nenabled = [\"churn\", \"graph\", \"churn\"]\n");
    assert_at(&e, ErrorKind::DuplicateId, 3, 30);
    let e = only_error(
        "[projects.core]\n[provisioning]\nnag_packs = [\"AwsSolutions\", \"AwsSolutions\"]\n",
    );
    assert_at(&e, ErrorKind::DuplicateId, 3, 30);
}

#[test]
fn provisioning_names() {
    let text = "[projects.core]\n[provisioning]\nrepository_name = \"x.git\"\nbranch = \"a..b\"\npermissions_boundary = \"my policy\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidName, 3, 19),
            (ErrorKind::InvalidName, 4, 10),
            (ErrorKind::InvalidName, 5, 24)
        ],
        "{all:#?}"
    );
    assert!(
        all[0].message.ends_with("it ends with `.git`"),
        "{}",
        all[0]
    );
}

#[test]
fn lake_and_network_names() {
    let text = "[lake]\nroot = \"ftp://x\"\n[network]\naccess_log_bucket = \"Logs\"\naccess_log_prefix = \"/x\"\n[projects.core]\ns3_log_bucket_prefix = \"a b\"\n";
    let all = errors(text);
    let at: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line, e.position.unwrap().column))
        .collect();
    assert_eq!(
        at,
        [
            (ErrorKind::InvalidValue, 2, 8),
            (ErrorKind::InvalidName, 4, 21),
            (ErrorKind::InvalidValue, 5, 21),
            (ErrorKind::InvalidValue, 7, 24),
        ],
        "{all:#?}"
    );
    assert!(
        all[0].message.contains("unsupported scheme `ftp://`"),
        "{}",
        all[0]
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

// ----- folders -------------------------------------------------------------------

#[test]
fn a_post_deploy_folder_must_exist_next_to_the_spec_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec_path = dir.path().join("lakeforge.toml");
    let text = "[projects.core]\n[post_deploy.pause]\nfolder = \"hooks/pause\"\n";
    std::fs::write(&spec_path, text).expect("write");

    let errs = Spec::from_path(&spec_path)
        .expect_err("folder missing")
        .into_vec();
    assert_eq!(errs.len(), 1, "{errs:#?}");
    let e = &errs[0];
    assert_eq!(e.kind, ErrorKind::MissingPath);
    assert_eq!(
        e.file.as_deref(),
        Some(spec_path.display().to_string().as_str())
    );
    assert_eq!(e.position.map(|p| (p.line, p.column)), Some((3, 10)));
    assert!(e.message.contains("`hooks/pause`"), "{e}");

    // The folder alone is not enough: the handler's module must be there.
    std::fs::create_dir_all(dir.path().join("hooks/pause")).expect("mkdir");
    let errs = Spec::from_path(&spec_path)
        .expect_err("module missing")
        .into_vec();
    assert_eq!(errs[0].kind, ErrorKind::MissingPath);
    assert!(
        errs[0].message.contains("hooks/pause/index.py"),
        "{}",
        errs[0]
    );

    std::fs::write(
        dir.path().join("hooks/pause/index.py"),
        "def handler(e, c): pass\n",
    )
    .expect("write");
    Spec::from_path(&spec_path).expect("valid once the folder exists");

    // Parsed from a string there is no folder to check.
    valid(text);
}

#[test]
fn the_default_folder_is_post_deploy_slash_id() {
    let dir = tempfile::tempdir().expect("temp dir");
    let spec_path = dir.path().join("lakeforge.toml");
    std::fs::write(
        &spec_path,
        "[projects.core]\n[post_deploy.pause]\ncommand = [\"./run.sh\"]\n",
    )
    .expect("write");
    let e = &Spec::from_path(&spec_path).expect_err("missing").into_vec()[0];
    // No `folder` key: the error points at the table header.
    assert_eq!(e.position.map(|p| (p.line, p.column)), Some((2, 1)));
    assert!(e.message.contains("`post_deploy/pause`"), "{e}");
    std::fs::create_dir_all(dir.path().join("post_deploy/pause")).expect("mkdir");
    // With a command, no Python module is required.
    Spec::from_path(&spec_path).expect("valid");
}

#[test]
fn unreadable_files_are_reported_not_panicked_on() {
    let e = &Spec::from_path("/nonexistent/lakeforge.toml")
        .expect_err("missing")
        .into_vec()[0];
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(e.position, None);
    assert!(
        e.to_string()
            .starts_with("/nonexistent/lakeforge.toml: error: cannot read the spec"),
        "{e}"
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("lakeforge.toml");
    std::fs::write(&path, b"[projects.core]\nhas_emr = \"\xff\"\n").expect("write");
    let e = &Spec::from_path(&path).expect_err("not UTF-8").into_vec()[0];
    assert_eq!(e.kind, ErrorKind::Io);
    assert_eq!(e.position.map(|p| (p.line, p.column)), Some((2, 12)));
}
