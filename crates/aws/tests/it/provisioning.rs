//! The provisioning pipeline builds lakeforge from the source the spec names
//! (the repository's `lakeforge/` folder by default, or a pinned git
//! repository), checks with it, and deploys with the same binary.

use lakeforge_aws::{CloudAssembly, SynthOptions, synth};
use lakeforge_spec::{LakeforgeSource, Spec};
use serde_json::Value;

use crate::common::{examples_dir, retail, retail_spec};

/// The retail spec with `source` as its lakeforge source.
fn with_source(source: Option<LakeforgeSource>) -> CloudAssembly {
    let mut spec: Spec = retail_spec();
    spec.provisioning.as_mut().unwrap().lakeforge_source = source;
    spec.validate().unwrap();
    synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap()
}

/// The CodeBuild project of `stage` in the provisioning stack.
fn project(assembly: &CloudAssembly, stage: &str) -> Value {
    let stack = assembly.stack("lakeforge-provisioning").unwrap();
    stack.template()["Resources"]
        .as_object()
        .unwrap()
        .iter()
        .find(|(id, r)| r["Type"] == "AWS::CodeBuild::Project" && id.contains(stage))
        .map(|(_, r)| r["Properties"].clone())
        .unwrap_or_else(|| panic!("no {stage} project"))
}

/// The buildspec of `project`, parsed as YAML.
fn buildspec(project: &Value) -> Value {
    let text = project["Source"]["BuildSpec"].as_str().unwrap();
    serde_norway::from_str(text).unwrap_or_else(|e| panic!("{e}:\n{text}"))
}

/// Every command of `phase` in `spec`.
fn commands(spec: &Value, phase: &str) -> Vec<String> {
    spec["phases"][phase]["commands"]
        .as_array()
        .map(|c| c.iter().map(|c| c.as_str().unwrap().to_owned()).collect())
        .unwrap_or_default()
}

/// The build's environment variables: name → value.
fn variables(project: &Value) -> Vec<(String, String)> {
    project["Environment"]["EnvironmentVariables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["Name"].as_str().unwrap().to_owned(),
                v["Value"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect()
}

#[test]
fn nothing_is_installed_from_crates_io() {
    for assembly in [
        retail(),
        with_source(Some(LakeforgeSource::git_tag("https://h/l.git", "v1"))),
    ] {
        let text = assembly
            .stack("lakeforge-provisioning")
            .unwrap()
            .template_json()
            .to_owned();
        assert!(!text.contains("cargo install --locked lakeforge"), "{text}");
        for stage in ["Test", "Deploy"] {
            buildspec(&project(&assembly, stage));
        }
    }
}

#[test]
fn by_default_lakeforge_is_built_from_the_repository_folder() {
    let assembly = retail();
    let test = project(&assembly, "Test");
    let spec = buildspec(&test);
    let build = commands(&spec, "build");
    assert!(
        build[0].starts_with("test -f \"$LAKEFORGE_PATH/crates/cli/Cargo.toml\" ||")
            && build[0].contains("set [provisioning] lakeforge_source"),
        "{build:?}"
    );
    assert_eq!(
        build[1],
        ". \"$HOME/.cargo/env\" && cargo install --locked --root \"$LAKEFORGE_ROOT\" --path \"$LAKEFORGE_PATH/crates/cli\""
    );
    assert_eq!(build[2], ".lakeforge-install/bin/lakeforge check");
    assert!(variables(&test).contains(&("LAKEFORGE_PATH".into(), "lakeforge".into())));
    assert_eq!(
        spec["env"]["variables"]["LAKEFORGE_ROOT"],
        ".lakeforge-install"
    );
    assert_eq!(spec["artifacts"]["base-directory"], ".lakeforge-install");
    assert_eq!(spec["artifacts"]["files"][0], "bin/lakeforge");
    let install = commands(&spec, "install");
    assert!(
        install[0].contains("sh.rustup.rs") && install[0].contains("--default-toolchain stable")
    );
    // Compiling lakeforge needs a large machine and time.
    assert_eq!(test["Environment"]["ComputeType"], "BUILD_GENERAL1_LARGE");
    assert_eq!(test["TimeoutInMinutes"], 180);
    // The assembly says the seeded repository lacks the sources.
    let stack = assembly.stack("lakeforge-provisioning").unwrap();
    let (path, note) = stack
        .notes()
        .find(|(path, _)| path.ends_with("Pipeline/Test/Project"))
        .expect("a note on the Test build");
    assert_eq!(path, "lakeforge-provisioning/Pipeline/Test/Project");
    assert!(
        note.contains("lakeforge/ folder") && note.contains("does not hold"),
        "{note}"
    );
}

#[test]
fn a_git_source_is_built_at_its_tag_or_commit_from_the_environment() {
    let url = "https://github.com/acme/lakeforge.git";
    for (source, pin, variable) in [
        (
            LakeforgeSource::git_tag(url, "v0.1.0"),
            "--tag \"$LAKEFORGE_TAG\"",
            ("LAKEFORGE_TAG", "v0.1.0"),
        ),
        (
            LakeforgeSource::git_rev(url, "0123456789abcdef"),
            "--rev \"$LAKEFORGE_REV\"",
            ("LAKEFORGE_REV", "0123456789abcdef"),
        ),
    ] {
        let assembly = with_source(Some(source));
        let test = project(&assembly, "Test");
        let build = commands(&buildspec(&test), "build");
        assert_eq!(
            build[0],
            format!(
                ". \"$HOME/.cargo/env\" && cargo install --locked --root \"$LAKEFORGE_ROOT\" --git \"$LAKEFORGE_GIT\" {pin} lakeforge"
            )
        );
        assert_eq!(build[1], ".lakeforge-install/bin/lakeforge check");
        let vars = variables(&test);
        assert!(
            vars.contains(&("LAKEFORGE_GIT".into(), url.into())),
            "{vars:?}"
        );
        assert!(
            vars.contains(&(variable.0.into(), variable.1.into())),
            "{vars:?}"
        );
        assert!(!vars.iter().any(|(name, _)| name == "LAKEFORGE_PATH"));
        let stack = assembly.stack("lakeforge-provisioning").unwrap();
        assert!(stack.notes().any(|(_, note)| note.contains(url)));
    }
}

#[test]
fn deploy_uses_the_binary_the_test_build_made() {
    let assembly = retail();
    let deploy = project(&assembly, "Deploy");
    let build = commands(&buildspec(&deploy), "build");
    assert_eq!(
        build,
        [
            "chmod +x \"$CODEBUILD_SRC_DIR_Lakeforge/bin/lakeforge\"",
            "\"$CODEBUILD_SRC_DIR_Lakeforge/bin/lakeforge\" synth --out cdk.out",
            &format!(
                "npx --yes {} deploy --all --app cdk.out --require-approval never",
                lakeforge_aws::constructs::provisioning::CDK_CLI
            ),
        ]
    );
    assert_eq!(deploy["Environment"]["ComputeType"], "BUILD_GENERAL1_SMALL");
    let stack = assembly.stack("lakeforge-provisioning").unwrap();
    let pipeline = stack.template()["Resources"]
        .as_object()
        .unwrap()
        .values()
        .find(|r| r["Type"] == "AWS::CodePipeline::Pipeline")
        .unwrap();
    let stages = pipeline["Properties"]["Stages"].as_array().unwrap();
    let names: Vec<&str> = stages.iter().map(|s| s["Name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Source", "Test", "Deploy"]);
    let test = &stages[1]["Actions"][0];
    assert_eq!(test["OutputArtifacts"][0]["Name"], "Lakeforge");
    let deploy = &stages[2]["Actions"][0];
    let inputs: Vec<&str> = deploy["InputArtifacts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Name"].as_str().unwrap())
        .collect();
    assert_eq!(inputs, ["Source", "Lakeforge"]);
    assert_eq!(deploy["Configuration"]["PrimarySource"], "Source");
}
