//! TOML syntax errors: position from the parser, all of them reported.

use lakeforge_spec::ErrorKind;

use crate::{assert_at, errors, only_error};

#[test]
fn an_unclosed_table_header_points_at_the_line_end() {
    let e = only_error("[projects.core\nhas_emr = true\n");
    assert_at(&e, ErrorKind::Syntax, 1, 15);
    assert!(e.message.starts_with("invalid TOML: unclosed table"), "{e}");
    assert!(e.help.contains("close the bracket"), "{e}");
}

#[test]
fn an_unquoted_string_points_at_the_value() {
    let e = only_error("[projects.core]\nhas_emr = yes\n");
    assert_at(&e, ErrorKind::Syntax, 2, 11);
    assert!(e.help.contains("quote string values"), "{e}");
    // `2.6.3.1` is not a TOML value either: both lines are reported.
    let all = errors("[projects.core]\nairflow_version = 2.6.3.1\nhas_emr = yes\n");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], ErrorKind::Syntax, 2, 22);
    assert_at(&all[1], ErrorKind::Syntax, 3, 11);
}

#[test]
fn a_duplicate_key_points_at_the_second_one() {
    let e = only_error("[projects.core]\nhas_emr = true\nhas_emr = false\n");
    assert_at(&e, ErrorKind::Syntax, 3, 1);
    assert!(e.message.contains("duplicate key"), "{e}");
    assert!(e.help.contains("once"), "{e}");
}

#[test]
fn a_repeated_table_header_is_a_duplicate() {
    let e = only_error("[projects.core]\n\n[projects.core]\n");
    assert_at(&e, ErrorKind::Syntax, 3, 11);
}

#[test]
fn several_syntax_errors_are_all_reported_in_order() {
    let all = errors("[projects.core]\nhas_emr = yes\nhas_redshift = no\n");
    assert_eq!(all.len(), 2, "{all:#?}");
    assert_at(&all[0], ErrorKind::Syntax, 2, 11);
    assert_at(&all[1], ErrorKind::Syntax, 3, 16);
}

#[test]
fn an_unterminated_string_is_located() {
    let all = errors("[projects.core]\nairflow_version = \"2.6.3\n");
    assert_eq!(all[0].kind, ErrorKind::Syntax);
    assert_eq!(all[0].position.map(|p| p.line), Some(2));
}
