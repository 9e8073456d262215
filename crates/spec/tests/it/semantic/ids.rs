//! Construct ids: AWS naming rules and uniqueness across kinds.

use lakeforge_spec::ErrorKind;

use crate::{assert_at, only_error, valid};

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
