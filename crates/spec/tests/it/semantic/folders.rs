//! Folders and files named by the spec, and unreadable spec files.

use lakeforge_spec::{ErrorKind, Spec};

use crate::valid;

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
