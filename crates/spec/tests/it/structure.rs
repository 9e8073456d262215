//! Unknown keys, wrong types and bad enumeration values: every one reported,
//! each at its own position, with the valid choices closest first.

use lakeforge_spec::ErrorKind;

use crate::{assert_at, errors, only_error};

#[test]
fn an_unknown_project_key_lists_valid_keys_closest_first() {
    let e = only_error("[projects.core]\nhas_emrr = true\n");
    assert_at(&e, ErrorKind::UnknownKey, 2, 1);
    assert_eq!(e.message, "unknown key `has_emrr` in [projects.core]");
    assert!(e.help.starts_with("valid keys are has_emr, "), "{}", e.help);
    assert!(e.help.ends_with("(closest match first)"), "{}", e.help);
    // Every field of the project is offered.
    for key in [
        "has_redshift",
        "airflow_env_class",
        "redshift_serverless_rpu_limit",
        "s3_log_bucket_prefix",
    ] {
        assert!(e.help.contains(key), "{key} missing from {}", e.help);
    }
    assert_eq!(e.path, "projects.core.has_emrr");
}

#[test]
fn the_display_form_matches_the_documented_shape() {
    let e = only_error("[projects.core]\nredshift_etl_node_cont = 2\n");
    let shown = e.to_string();
    assert!(
        shown.starts_with(
            "lakeforge.toml:2:1: error: unknown key `redshift_etl_node_cont` in [projects.core]\n  help: valid keys are redshift_etl_node_count, "
        ),
        "{shown}"
    );
}

#[test]
fn an_unknown_top_level_table_suggests_the_right_one() {
    let e = only_error("[project.core]\nhas_emr = true\n");
    assert_at(&e, ErrorKind::UnknownKey, 1, 2);
    assert_eq!(e.message, "unknown key `project` at the top level");
    assert!(
        e.help.starts_with("valid keys are projects, "),
        "{}",
        e.help
    );
}

#[test]
fn unknown_keys_inside_inline_tables_and_arrays_of_tables_are_found() {
    let text = "[projects.core]\n\
                [streams.s]\n\
                [streaming.x]\n\
                source_stream = \"s\"\n\
                destination = { projct = \"core\" }\n\
                [post_deploy.y]\n\
                [[post_deploy.y.policy_statements]]\n\
                action = [\"s3:GetObject\"]\n\
                resources = [\"*\"]\n";
    let all = errors(text);
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], ErrorKind::UnknownKey, 5, 17);
    assert_eq!(
        all[0].message,
        "unknown key `projct` in [streaming.x.destination]"
    );
    assert!(
        all[0].help.starts_with("valid keys are project, "),
        "{}",
        all[0].help
    );
    assert_at(&all[1], ErrorKind::UnknownKey, 8, 1);
    assert_eq!(
        all[1].message,
        "unknown key `action` in [post_deploy.y.policy_statements[0]]"
    );
    assert!(
        all[1].help.starts_with("valid keys are actions, "),
        "{}",
        all[1].help
    );
}

#[test]
fn a_wrong_type_points_at_the_value_and_shows_the_default() {
    let e = only_error("[projects.core]\nhas_emr = \"yes\"\n");
    assert_at(&e, ErrorKind::WrongType, 2, 11);
    assert_eq!(
        e.message,
        "`has_emr` in [projects.core] must be true or false, not the string \"yes\""
    );
    assert_eq!(e.help, "for example: has_emr = false");
}

#[test]
fn a_string_where_a_number_belongs() {
    let e = only_error("[network]\nmax_azs = \"2\"\n[projects.core]\n");
    assert_at(&e, ErrorKind::WrongType, 2, 11);
    assert!(
        e.message.contains("a whole number from 0 to 4294967295"),
        "{e}"
    );
    assert_eq!(e.help, "for example: max_azs = 2");
}

#[test]
fn a_negative_count_is_out_of_range() {
    let e = only_error("[projects.core]\nairflow_max_workers = -1\n");
    assert_at(&e, ErrorKind::OutOfRange, 2, 23);
    assert!(e.help.contains("a whole number from 0 to"), "{e}");
}

#[test]
fn a_bad_enumeration_value_lists_valid_values_closest_first() {
    let e = only_error("[projects.core]\nairflow_env_class = \"mw1.smal\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 2, 21);
    assert_eq!(
        e.message,
        "invalid value `mw1.smal` for `airflow_env_class` in [projects.core]"
    );
    assert!(
        e.help.starts_with("valid values are mw1.small, "),
        "{}",
        e.help
    );
    assert!(e.help.contains("mw1.2xlarge"), "{}", e.help);
}

#[test]
fn the_access_mode_is_spelled_in_capitals() {
    let e = only_error("[projects.core]\nairflow_access_mode = \"private_only\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 2, 23);
    assert!(
        e.help
            .starts_with("valid values are PRIVATE_ONLY, PUBLIC_ONLY"),
        "{}",
        e.help
    );
}

#[test]
fn a_bad_value_inside_an_array_points_at_the_element() {
    let e =
        only_error("[projects.core]\n[provisioning]\nnag_packs = [\"AwsSolutions\", \"HIPAA\"]\n");
    assert_at(&e, ErrorKind::InvalidValue, 3, 30);
    assert!(
        e.help.starts_with("valid values are HIPAA.Security, "),
        "{}",
        e.help
    );
}

#[test]
fn a_bad_zone_in_an_inline_destination() {
    let text = "[projects.core]\n[streams.s]\n[streaming.x]\nsource_stream = \"s\"\ndestination = { project = \"core\", zone = \"sliver\" }\n";
    let e = only_error(text);
    assert_at(&e, ErrorKind::InvalidValue, 5, 42);
    assert_eq!(
        e.message,
        "invalid value `sliver` for `zone` in [streaming.x.destination]"
    );
    assert!(
        e.help.starts_with("valid values are silver, "),
        "{}",
        e.help
    );
}

#[test]
fn every_problem_of_one_table_is_reported() {
    let text = "[projects.core]\nhas_emr = 1\nhas_redshift = \"no\"\nairflow_env_class = \"big\"\nbogus = 3\n";
    let all = errors(text);
    let kinds: Vec<_> = all
        .iter()
        .map(|e| (e.kind, e.position.unwrap().line))
        .collect();
    assert_eq!(
        kinds,
        [
            (ErrorKind::WrongType, 2),
            (ErrorKind::WrongType, 3),
            (ErrorKind::InvalidValue, 4),
            (ErrorKind::UnknownKey, 5),
        ]
    );
}

#[test]
fn problems_in_several_constructs_are_all_reported() {
    let text = "[lake]\nroot = 5\n[projects.a]\nhas_emr = 1\n[projects.b]\nnope = 1\n[simulator]\ndays = \"x\"\n";
    let all = errors(text);
    let lines: Vec<_> = all.iter().map(|e| e.position.unwrap().line).collect();
    assert_eq!(lines, [2, 4, 6, 8], "{all:#?}");
}

#[test]
fn a_construct_that_is_not_a_table() {
    let e = only_error("[projects]\ncore = 1\n");
    assert_at(&e, ErrorKind::WrongType, 2, 8);
    assert_eq!(
        e.message,
        "`core` in [projects] must be a table, not an integer"
    );
    assert!(e.help.contains("[projects.core]"), "{e}");
    let e = only_error("projects = \"core\"\n");
    assert_at(&e, ErrorKind::WrongType, 1, 12);
    assert_eq!(
        e.message,
        "`projects` at the top level must be a table of tables, not a string"
    );
    let e = only_error("[projects.core]\n[post_deploy.x]\npolicy_statements = 3\n");
    assert_eq!(
        e.message,
        "`policy_statements` in [post_deploy.x] must be an array of tables, not an integer"
    );
}

#[test]
fn a_list_where_a_string_belongs_and_vice_versa() {
    let e = only_error(
        "[projects.core]\n[cdc.x]\nsource = { url = \"mysql://h/db\" }\ndestination = { project = \"core\" }\ninclude = \"c360.%\"\n",
    );
    assert_at(&e, ErrorKind::WrongType, 5, 11);
    assert!(
        e.message
            .ends_with("must be an array, not the string \"c360.%\""),
        "{e}"
    );
    assert_eq!(e.help, "for example: include = [\"%.%\"]");
}

#[test]
fn a_wrong_start_date_type() {
    let e = only_error("[projects.core]\n[simulator]\nstart_date = 20260101\n");
    assert_at(&e, ErrorKind::WrongType, 3, 14);
    assert!(e.message.contains("a date such as 2026-01-01"), "{e}");
}

#[test]
fn a_wrong_type_deep_inside_a_value_names_the_inner_key() {
    let e = only_error("[projects.core]\n[post_deploy.x]\nenvironment = { a = { b = 1 } }\n");
    assert_at(&e, ErrorKind::WrongType, 3, 21);
    assert_eq!(
        e.message,
        "`environment.a` in [post_deploy.x] must be a string, not a table"
    );
    assert_eq!(e.path, "post_deploy.x.environment.a");
    let e = only_error("[projects.core]\n[use_cases]\nenabled = [\"churn\", 3]\n");
    assert_at(&e, ErrorKind::WrongType, 3, 21);
    assert_eq!(
        e.message,
        "`enabled[1]` in [use_cases] must be a string, not an integer"
    );
    assert_eq!(
        e.help,
        "valid values are entity_resolution, lifetime_value, segmentation, recommendations, graph, churn"
    );
    let e = only_error("[projects.core]\nairflow_env_class = 2\n");
    assert_at(&e, ErrorKind::WrongType, 2, 21);
    assert!(
        e.help
            .starts_with("valid values are mw1.micro, mw1.small, "),
        "{e}"
    );
}

#[test]
fn wrong_types_without_a_default_show_a_placeholder() {
    let all = errors("[projects.core]\n[post_deploy.x]\nenvironment = [1]\ncommand = \"run.sh\"\n");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], ErrorKind::WrongType, 3, 15);
    assert_eq!(all[0].help, "write a table, e.g. environment = { … }");
    assert_at(&all[1], ErrorKind::WrongType, 4, 11);
    assert_eq!(all[1].help, "write an array, e.g. command = […]");
}

#[test]
fn a_date_where_a_string_belongs_is_called_a_date() {
    let e = only_error("[projects.core]\nairflow_version = 2026-01-01\n");
    assert_at(&e, ErrorKind::WrongType, 2, 19);
    assert_eq!(
        e.message,
        "`airflow_version` in [projects.core] must be a string, not a date/time"
    );
    assert_eq!(e.help, "for example: airflow_version = \"2.6.3\"");
}
