//! Post-deploy requirements are vendored into the Lambda zip by default
//! (pip for Lambda's platform), deterministically; opting out and a missing
//! pip are explained.

use std::io::Read;
use std::net::{TcpStream, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::time::Duration;

use lakeforge_aws::assets::pip_platform_args;
use lakeforge_aws::{CloudAssembly, Requirements, SynthError, SynthOptions, synth};
use lakeforge_spec::{PostDeployCode, Project, Spec};

use crate::common::skip;

/// The Python under test: env LAKEFORGE_PYTHON, default `python3`.
fn python() -> PathBuf {
    PathBuf::from(std::env::var("LAKEFORGE_PYTHON").unwrap_or_else(|_| "python3".to_owned()))
}

/// Whether `python -m pip` runs and the package index answers; prints why not.
fn pip_and_index(python: &Path) -> bool {
    let pip = std::process::Command::new(python)
        .args(["-m", "pip", "--version"])
        .output()
        .is_ok_and(|o| o.status.success());
    if !pip {
        return !skip(&format!(
            "`{} -m pip` is not available; set LAKEFORGE_PYTHON to a Python with pip",
            python.display()
        ));
    }
    let reachable = ("pypi.org", 443).to_socket_addrs().is_ok_and(|mut addrs| {
        addrs.any(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(5)).is_ok())
    });
    if !reachable {
        return !skip("the package index (pypi.org:443) is not reachable from here");
    }
    true
}

/// A spec with post-deploy code `vend` in `dir/code`, holding `requirements`.
fn project_with_code(dir: &Path, requirements: &str, vendor: bool) -> Spec {
    let code = dir.join("code");
    std::fs::create_dir_all(&code).unwrap();
    std::fs::write(
        code.join("index.py"),
        "import six\n\ndef handler(event, context):\n    return six.PY3\n",
    )
    .unwrap();
    std::fs::write(code.join("requirements.txt"), requirements).unwrap();
    Spec::builder()
        .project("core", Project::default())
        .post_deploy(
            "vend",
            PostDeployCode::default()
                .folder("code")
                .vendor_requirements(vendor),
        )
        .build()
        .unwrap()
}

/// The zip asset of the post-deploy stack and the stack's note on its function.
fn code_zip(
    assembly: &CloudAssembly,
) -> (zip::ZipArchive<std::io::Cursor<Vec<u8>>>, String, String) {
    let stack = assembly.stack("lakeforge-post-deploy-vend").unwrap();
    let asset = stack
        .assets()
        .iter()
        .find(|a| a.extension == "zip")
        .unwrap();
    let note = stack
        .notes()
        .find(|(path, _)| path.ends_with("PostDeploy/Function"))
        .map(|(_, note)| note.to_owned())
        .unwrap();
    (
        zip::ZipArchive::new(std::io::Cursor::new(asset.bytes.clone())).unwrap(),
        asset.hash.clone(),
        note,
    )
}

fn options(python: PathBuf) -> SynthOptions {
    SynthOptions {
        requirements: Requirements::Vendor { python },
        ..SynthOptions::default()
    }
}

#[test]
fn vendoring_is_the_default() {
    assert_eq!(
        SynthOptions::default().requirements,
        Requirements::Vendor {
            python: "python3".into()
        }
    );
    assert!(PostDeployCode::default().vendor_requirements);
    assert_eq!(
        pip_platform_args("python3.12"),
        [
            "--platform",
            "manylinux2014_x86_64",
            "--platform",
            "manylinux_2_28_x86_64",
            "--implementation",
            "cp",
            "--python-version",
            "3.12",
            "--only-binary=:all:"
        ]
    );
    // Amazon Linux 2 runtimes (glibc 2.26) take manylinux2014 wheels only.
    assert!(!pip_platform_args("python3.11").contains(&"manylinux_2_28_x86_64".to_owned()));
}

#[test]
fn requirements_land_in_a_deterministic_zip() {
    let python = python();
    if !pip_and_index(&python) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let spec = project_with_code(dir.path(), "six==1.16.0\n", true);
    let first = synth(&spec, dir.path(), &options(python.clone())).unwrap();
    let (mut archive, hash, note) = code_zip(&first);
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are sorted");
    for name in [
        "index.py",
        "requirements.txt",
        "six.py",
        "six-1.16.0.dist-info/METADATA",
    ] {
        assert!(names.iter().any(|n| n == name), "{name} in {names:?}");
    }
    assert!(
        !names
            .iter()
            .any(|n| n.starts_with("bin/") || n.contains("__pycache__"))
    );
    let mut six = String::new();
    archive
        .by_name("six.py")
        .unwrap()
        .read_to_string(&mut six)
        .unwrap();
    assert!(six.contains("__version__ = \"1.16.0\""), "the pinned six");
    for i in 0..archive.len() {
        let entry = archive.by_index(i).unwrap();
        let time = entry.last_modified().unwrap();
        assert_eq!(
            (time.year(), time.month(), time.day()),
            (1980, 1, 1),
            "{:?}",
            entry.name()
        );
    }
    assert!(
        note.starts_with("requirements.txt vendored into the asset"),
        "{note}"
    );
    assert!(note.contains("python3.12"), "{note}");

    // Same input, same asset: a second synthesis gives the same bytes.
    let second = synth(&spec, dir.path(), &options(python.clone())).unwrap();
    assert_eq!(code_zip(&second).1, hash);
    let template = second
        .stack("lakeforge-post-deploy-vend")
        .unwrap()
        .template_json()
        .to_owned();
    assert!(
        template.contains(&format!("{hash}.zip")),
        "the function's S3Key is the asset"
    );

    // A requirement pip cannot satisfy is an error that says what pip said.
    let bad = tempfile::tempdir().unwrap();
    let spec = project_with_code(bad.path(), "lakeforge-no-such-package==0.0.0\n", true);
    let error = synth(&spec, bad.path(), &options(python)).unwrap_err();
    assert!(matches!(error, SynthError::Pip { .. }), "{error}");
    let text = error.to_string();
    assert!(
        text.starts_with("[post_deploy.vend]: pip could not vendor"),
        "{text}"
    );
    assert!(text.contains("lakeforge-no-such-package"), "{text}");
    assert!(text.contains("vendor_requirements = false"), "{text}");
}

#[test]
fn a_python_without_pip_is_an_error_that_says_how_to_fix_it() {
    let dir = tempfile::tempdir().unwrap();
    let spec = project_with_code(dir.path(), "six==1.16.0\n", true);
    let error = synth(&spec, dir.path(), &options("/nonexistent/python3".into())).unwrap_err();
    assert!(
        matches!(error, SynthError::PipUnavailable { .. }),
        "{error}"
    );
    let text = error.to_string();
    assert!(
        text.starts_with("[post_deploy.vend] has a requirements.txt to vendor, but `/nonexistent/python3 -m pip` is not available"),
        "{text}"
    );
    assert!(text.contains("install pip"), "{text}");
    assert!(
        text.contains("vendor_requirements = false in [post_deploy.vend]"),
        "{text}"
    );
}

#[test]
fn opting_out_zips_the_folder_as_it_is_without_running_pip() {
    let dir = tempfile::tempdir().unwrap();
    // In the spec: pip is never asked (this Python does not exist).
    let spec = project_with_code(dir.path(), "six==1.16.0\n", false);
    let assembly = synth(&spec, dir.path(), &options("/nonexistent/python3".into())).unwrap();
    let (archive, _, note) = code_zip(&assembly);
    let names: Vec<String> = archive
        .file_names()
        .map(|n| n.unwrap().into_owned())
        .collect();
    assert_eq!(names, ["index.py", "requirements.txt"]);
    assert_eq!(
        note,
        "requirements.txt not vendored (vendor_requirements = false in [post_deploy.vend]): the function uses its runtime's packages"
    );
    // For the whole synthesis: Requirements::AsIs.
    let spec = project_with_code(dir.path(), "six==1.16.0\n", true);
    let options = SynthOptions {
        requirements: Requirements::AsIs,
        ..SynthOptions::default()
    };
    let (archive, _, note) = code_zip(&synth(&spec, dir.path(), &options).unwrap());
    assert_eq!(archive.len(), 2);
    assert!(note.contains("Requirements::AsIs"), "{note}");
}
