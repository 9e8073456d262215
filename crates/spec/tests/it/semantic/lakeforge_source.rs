//! `[provisioning] lakeforge_source`: where the pipeline gets the lakeforge it builds.

use lakeforge_spec::{ErrorKind, LakeforgeSource, Provisioning, Spec};

use crate::{assert_at, errors, only_error, valid};

const HEAD: &str = "[projects.core]\n[provisioning]\n";

#[test]
fn absent_means_the_repository_folder_lakeforge() {
    let spec = valid(HEAD);
    let p = spec.provisioning.unwrap();
    assert_eq!(p.lakeforge_source, None);
    assert_eq!(
        p.effective_lakeforge_source(),
        LakeforgeSource::at_path("lakeforge")
    );
}

#[test]
fn git_tag_git_rev_and_path_are_read_and_round_trip() {
    for (text, expected) in [
        (
            "lakeforge_source = { git = \"https://github.com/acme/lakeforge.git\", tag = \"v0.1.0\" }\n",
            LakeforgeSource::git_tag("https://github.com/acme/lakeforge.git", "v0.1.0"),
        ),
        (
            "lakeforge_source = { git = \"https://git.acme.example/lakeforge\", rev = \"0123abcd\" }\n",
            LakeforgeSource::git_rev("https://git.acme.example/lakeforge", "0123abcd"),
        ),
        (
            "[provisioning.lakeforge_source]\npath = \"vendor/lakeforge\"\n",
            LakeforgeSource::at_path("vendor/lakeforge"),
        ),
    ] {
        let spec = valid(&format!("{HEAD}{text}"));
        let p = spec.provisioning.as_ref().unwrap();
        assert_eq!(p.lakeforge_source.as_ref(), Some(&expected));
        assert_eq!(p.effective_lakeforge_source(), expected);
        let again: Spec = spec.to_toml_string().parse().unwrap();
        assert_eq!(again, spec);
    }
}

#[test]
fn a_git_source_must_be_pinned_by_exactly_one_of_tag_and_rev() {
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ git = \"https://github.com/acme/lakeforge.git\" }}\n"
    ));
    assert_at(&e, ErrorKind::MissingKey, 3, 20);
    assert!(e.help.contains("tag = \"v0.1.0\""), "{e}");
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ git = \"https://h/l\", tag = \"v1\", rev = \"abcdef0\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 3, 55);
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ git = \"https://h/l\", rev = \"main\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 3, 49);
    assert!(e.help.contains("hexadecimal"), "{e}");
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ git = \"https://h/l\", tag = \"v1 beta\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 3, 49);
}

#[test]
fn git_urls_are_https_and_paths_stay_in_the_repository() {
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ git = \"git@github.com:acme/lakeforge.git\", tag = \"v1\" }}\n"
    ));
    assert_at(&e, ErrorKind::InvalidValue, 3, 28);
    assert_eq!(
        e.message,
        "invalid `git` = \"git@github.com:acme/lakeforge.git\" in [provisioning.lakeforge_source]: it is not an https:// URL"
    );
    for (path, why) in [
        ("/opt/lakeforge", "absolute"),
        ("../lakeforge", "`..`"),
        ("lake forge", "contains"),
        ("lf;rm", "contains"),
    ] {
        let e = only_error(&format!(
            "{HEAD}[provisioning.lakeforge_source]\npath = \"{path}\"\n"
        ));
        assert_at(&e, ErrorKind::InvalidValue, 4, 8);
        assert!(e.message.contains(why), "{path}: {e}");
    }
}

#[test]
fn path_and_git_exclude_each_other_and_one_is_needed() {
    let all = errors(&format!(
        "{HEAD}lakeforge_source = {{ path = \"lakeforge\", git = \"https://h/l\", tag = \"v1\" }}\n"
    ));
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_at(&all[0], ErrorKind::Conflict, 3, 42);
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ path = \"lakeforge\", tag = \"v1\" }}\n"
    ));
    assert_at(&e, ErrorKind::Conflict, 3, 42);
    let e = only_error(&format!("{HEAD}lakeforge_source = {{}}\n"));
    assert_at(&e, ErrorKind::MissingKey, 3, 20);
    let e = only_error(&format!(
        "{HEAD}lakeforge_source = {{ branch = \"main\", path = \"x\" }}\n"
    ));
    assert_eq!(e.kind, ErrorKind::UnknownKey, "{e}");
    assert!(e.help.contains("rev"), "{e}");
}

#[test]
fn the_builder_sets_a_source() {
    let spec = Spec::builder()
        .project("core", lakeforge_spec::Project::default())
        .provisioning(
            Provisioning::default()
                .lakeforge_source(LakeforgeSource::git_tag("https://h/lakeforge", "v0.1.0")),
        )
        .build()
        .unwrap();
    assert_eq!(
        spec.provisioning
            .unwrap()
            .effective_lakeforge_source()
            .tag
            .as_deref(),
        Some("v0.1.0")
    );
    let errors = Spec::builder()
        .project("core", lakeforge_spec::Project::default())
        .provisioning(Provisioning::default().lakeforge_source(LakeforgeSource::default()))
        .build()
        .unwrap_err();
    assert_eq!(errors.errors()[0].path, "provisioning.lakeforge_source");
}
