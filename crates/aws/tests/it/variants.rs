//! Specs with constructs turned off or reused, the stack filter, YAML output,
//! assets and the cloud assembly's files.

use std::io::Read;

use lakeforge_aws::{SynthError, SynthOptions, TemplateFormat, synth};
use lakeforge_spec::Spec;

use crate::common::{examples_dir, minimal, of_type, resources, retail, retail_spec};

#[test]
fn a_spec_without_emr_or_redshift_has_no_such_resources() {
    let mut spec = retail_spec();
    for project in spec.projects.values_mut() {
        project.has_emr = false;
        project.has_redshift = false;
    }
    let assembly = synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap();
    for (stack, id, resource) in resources(&assembly) {
        let kind = resource["Type"].as_str().unwrap();
        assert!(
            !kind.starts_with("AWS::EMR") && !kind.starts_with("AWS::Redshift"),
            "{stack}/{id} is {kind}"
        );
    }
    let full = retail();
    assert!(!of_type(&full, "AWS::EMR::Studio").is_empty());
    assert!(!of_type(&full, "AWS::EMRServerless::Application").is_empty());
    assert!(!of_type(&full, "AWS::RedshiftServerless::Workgroup").is_empty());
}

#[test]
fn reused_airflow_and_lineage_become_cross_stack_imports() {
    let assembly = retail();
    let retail = assembly.stack("lakeforge-project-retail").unwrap();
    let core = assembly.stack("lakeforge-project-core").unwrap();
    assert!(
        retail
            .dependencies()
            .contains(&"lakeforge-project-core".to_owned())
    );
    let text = retail.template_json();
    for export in [
        "AirflowRoleName",
        "AirflowBucketArn",
        "AirflowBucketName",
        "OpenLineageEndpoint",
    ] {
        let name = format!("lakeforge-project-core:{export}");
        assert!(
            text.contains(&format!("\"Fn::ImportValue\": \"{name}\"")),
            "retail imports {name}"
        );
        assert!(
            core.template_json()
                .contains(&format!("\"Name\": \"{name}\"")),
            "core exports {name}"
        );
    }
    assert!(
        !text.contains("AWS::MWAA::Environment"),
        "retail reuses core's Airflow"
    );
    assert!(core.template_json().contains("AWS::MWAA::Environment"));
}

#[test]
fn every_import_names_an_export_of_a_stack_deployed_before() {
    let assembly = retail();
    let mut exported = Vec::new();
    for stack in assembly.stacks() {
        let text = stack.template_json();
        for import in text.split("\"Fn::ImportValue\": \"").skip(1) {
            let name = &import[..import.find('"').unwrap()];
            assert!(
                exported.contains(&name.to_owned()),
                "{} imports {name} before it is exported",
                stack.name()
            );
            let producer = name.split(':').next().unwrap();
            assert!(stack.dependencies().contains(&producer.to_owned()));
        }
        if let Some(outputs) = stack.template()["Outputs"].as_object() {
            exported.extend(
                outputs
                    .values()
                    .filter_map(|o| o["Export"]["Name"].as_str().map(str::to_owned)),
            );
        }
    }
}

#[test]
fn the_stacks_of_the_examples() {
    let names = |a: &lakeforge_aws::CloudAssembly| {
        a.stacks()
            .iter()
            .map(|s| s.name().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        names(&retail()),
        [
            "lakeforge-network",
            "lakeforge-streams",
            "lakeforge-project-core",
            "lakeforge-project-retail",
            "lakeforge-simulator",
            "lakeforge-streaming-c360-clickstream",
            "lakeforge-dms-vpc-role",
            "lakeforge-cdc-retail-sales-support",
            "lakeforge-post-deploy-retail-redshift",
            "lakeforge-use-cases",
            "lakeforge-provisioning",
        ]
    );
    assert_eq!(
        names(&minimal()),
        ["lakeforge-network", "lakeforge-project-core"]
    );
}

#[test]
fn the_stack_filter_keeps_the_named_stacks_and_rejects_unknown_ones() {
    let only = retail()
        .select(&["lakeforge-project-retail".to_owned()])
        .unwrap();
    assert_eq!(only.stacks().len(), 1);
    let out = tempfile::tempdir().unwrap();
    only.write_to(out.path()).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(
        manifest["artifacts"]["lakeforge-project-retail"]["dependencies"],
        serde_json::json!(["lakeforge-project-retail.assets"])
    );
    let error = retail().select(&["nope".to_owned()]).unwrap_err();
    assert!(matches!(error, SynthError::UnknownStack { .. }));
    assert!(error.to_string().contains("lakeforge-network"), "{error}");
}

#[test]
fn templates_can_be_written_as_yaml() {
    let out = tempfile::tempdir().unwrap();
    minimal()
        .write_templates(out.path(), TemplateFormat::Yaml)
        .unwrap();
    let text = std::fs::read_to_string(out.path().join("lakeforge-network.template.yaml")).unwrap();
    let value: serde_json::Value = serde_norway::from_str(&text).unwrap();
    assert_eq!(
        &value,
        minimal().stack("lakeforge-network").unwrap().template()
    );
}

#[test]
fn the_cloud_assembly_has_the_cdk_files() {
    let out = tempfile::tempdir().unwrap();
    let assembly = retail();
    assembly.write_to(out.path()).unwrap();
    let manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("manifest.json")).unwrap()).unwrap();
    assert_eq!(manifest["artifacts"]["Tree"]["type"], "cdk:tree");
    for stack in assembly.stacks() {
        let artifact = &manifest["artifacts"][stack.name()];
        assert_eq!(artifact["type"], "aws:cloudformation:stack");
        assert_eq!(
            artifact["properties"]["templateFile"],
            stack.template_file()
        );
        assert_eq!(
            manifest["artifacts"][format!("{}.assets", stack.name())]["type"],
            "cdk:asset-manifest"
        );
        let assets: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join(stack.assets_file())).unwrap())
                .unwrap();
        for (_, file) in assets["files"].as_object().unwrap() {
            assert!(
                out.path()
                    .join(file["source"]["path"].as_str().unwrap())
                    .is_file()
            );
        }
    }
    let tree: serde_json::Value =
        serde_json::from_slice(&std::fs::read(out.path().join("tree.json")).unwrap()).unwrap();
    assert_eq!(
        tree["tree"]["children"]["lakeforge-network"]["children"]["Vpc"]["id"],
        "Vpc"
    );
}

#[test]
fn post_deploy_code_is_zipped_run_once_and_says_how_requirements_were_handled() {
    let assembly = retail();
    let stack = assembly
        .stack("lakeforge-post-deploy-retail-redshift")
        .unwrap();
    assert!(
        stack
            .dependencies()
            .contains(&"lakeforge-project-retail".to_owned())
    );
    assert!(
        stack
            .template_json()
            .contains("AWS::CloudFormation::CustomResource")
    );
    let asset = stack
        .assets()
        .iter()
        .find(|a| a.extension == "zip")
        .unwrap();
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(asset.bytes.clone())).unwrap();
    let mut index = String::new();
    archive
        .by_name("index.py")
        .unwrap()
        .read_to_string(&mut index)
        .unwrap();
    assert!(index.contains("def handler_pause_redshift"));
    assert!(archive.by_name("requirements.txt").is_ok());
    let out = tempfile::tempdir().unwrap();
    assembly.write_to(out.path()).unwrap();
    let manifest = std::fs::read_to_string(out.path().join("manifest.json")).unwrap();
    assert!(manifest.contains("requirements.txt not vendored"));
}

#[test]
fn a_missing_post_deploy_folder_is_an_error_that_says_how_to_fix_it() {
    let spec = retail_spec();
    let error = synth(
        &spec,
        std::path::Path::new("/nonexistent"),
        &SynthOptions::default(),
    )
    .unwrap_err();
    assert!(matches!(error, SynthError::MissingFolder { .. }));
    assert!(error.to_string().contains("index.py"), "{error}");
}

#[test]
fn unknown_references_are_errors() {
    let spec: Spec = "[projects.a]\nreuse_airflow = \"b\"\n"
        .parse::<Spec>()
        .unwrap_or_else(|_| {
            let mut spec = Spec::default();
            spec.projects.insert(
                "a".into(),
                lakeforge_spec::Project::default().reuse_airflow("b"),
            );
            spec
        });
    let error = synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap_err();
    assert!(
        matches!(error, SynthError::UnknownProject { .. }),
        "{error}"
    );
}

#[test]
fn spec_suppressions_land_in_the_stacks_they_name() {
    use lakeforge_spec::NagSuppression;
    let mut spec = retail_spec();
    let provisioning = spec.provisioning.as_mut().unwrap();
    provisioning.suppressions = vec![
        NagSuppression::new(
            "AwsSolutions-IAM5",
            "Glue reads every key of the bronze bucket",
        )
        .applies_to(["Resource::*"])
        .stacks(["lakeforge-network"]),
        NagSuppression::new(
            "PCI.DSS.321-S3BucketReplicationEnabled",
            "single-region deployment by design",
        ),
    ];
    let assembly = synth(&spec, &examples_dir(), &SynthOptions::default()).unwrap();
    let network = assembly.stack("lakeforge-network").unwrap().template();
    let rules = network["Metadata"]["cdk_nag"]["rules_to_suppress"]
        .as_array()
        .unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["id"], "AwsSolutions-IAM5");
    assert_eq!(rules[0]["applies_to"][0], "Resource::*");
    let streams = assembly.stack("lakeforge-streams").unwrap().template();
    let rules = streams["Metadata"]["cdk_nag"]["rules_to_suppress"]
        .as_array()
        .unwrap();
    assert_eq!(
        rules.len(),
        1,
        "the IAM5 suppression is scoped to the network stack"
    );
    assert_eq!(rules[0]["reason"], "single-region deployment by design");

    let spec_dir = examples_dir();
    let mut wrong = retail_spec();
    wrong.provisioning.as_mut().unwrap().suppressions = vec![
        NagSuppression::new("AwsSolutions-S1", "logs bucket logs elsewhere")
            .stacks(["lakeforge-nope"]),
    ];
    match synth(&wrong, &spec_dir, &SynthOptions::default()) {
        Err(SynthError::UnknownStack { name, available }) => {
            assert_eq!(name, "lakeforge-nope");
            assert!(available.contains("lakeforge-network"), "{available}");
        }
        other => panic!(
            "expected an unknown-stack error, got {:?}",
            other.map(|a| a.stacks().len())
        ),
    }
}
