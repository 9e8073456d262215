//! Cross-references resolve, with closest-match suggestions.

use lakeforge_spec::ErrorKind;

use crate::{assert_at, errors, only_error, valid};

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
fn openlineage_url_is_an_http_url_of_a_project_not_reusing_another() {
    let e = only_error("[projects.core]\nopenlineage_url = \"marquez:5000\"\n");
    assert_at(&e, ErrorKind::InvalidValue, 2, 19);
    assert!(e.help.contains("http://localhost:5000"), "{e}");
    let e = only_error(&format!(
        "{THREE_PROJECTS}has_openlineage = true\nreuse_openlineage = \"core\"\nopenlineage_url = \"http://m:5000\"\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 7, 19);
    assert!(e.help.contains("[projects.core]"), "{e}");
    valid("[projects.core]\nopenlineage_url = \"https://marquez.example.com\"\n");
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

pub const STREAMING: &str = "[projects.retail]\n[streams.clickstream]\n[streaming.clicks]\n";

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
