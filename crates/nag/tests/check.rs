//! The engine end to end: parsing errors, suppressions, reports.

use lakeforge_nag::{Compliance, Level, Pack, ReportFormat, Template, check, report_file_name};

fn aws_solutions() -> Pack {
    Pack::by_name("AwsSolutions").unwrap()
}

#[test]
fn malformed_templates_are_clear_errors() {
    let cases = [
        ("{ not json", "bad.json:1:3: not valid JSON"),
        ("Resources: [unclosed", "bad.yaml:"),
        ("Parameters: {}\n", "no `Resources` section"),
        (
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: {\"Fn::Concat\": [a]}\n",
            "unknown intrinsic function `Fn::Concat`",
        ),
        (
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Properties:\n      X: !Bogus a\n",
            "unknown YAML tag `!Bogus`",
        ),
        (
            "Resources:\n  B:\n    Type: AWS::S3::Bucket\n    Metadata:\n      cdk_nag:\n        rules_to_suppress:\n          - id: AwsSolutions-S1\n            reason: short\n",
            "reason' of 10 characters or more",
        ),
        ("[1, 2]", "must be an object"),
    ];
    for (text, expected) in cases {
        let origin = if text.starts_with('{') {
            "bad.json"
        } else {
            "bad.yaml"
        };
        let error = Template::parse(text, origin).unwrap_err().to_string();
        assert!(
            error.contains(expected),
            "{error} should contain {expected}"
        );
    }
    let missing = Template::load("/nonexistent/template.json").unwrap_err();
    assert!(missing.to_string().contains("cannot read the template"));
}

#[test]
fn stack_suppressions_and_validation_failures() {
    let template = Template::parse(
        r#"{"Metadata":{"cdk_nag":{"rules_to_suppress":[
            {"id":"CdkNagValidationFailure","reason":"port comes from a parameter","applies_to":["AwsSolutions-RS4"]},
            {"id":"AwsSolutions-SQS3","reason":"queues here are best effort"}]}},
          "Resources":{
            "C":{"Type":"AWS::Redshift::Cluster","Properties":{"Port":{"Ref":"P"}}},
            "Q":{"Type":"AWS::SQS::Queue"}}}"#,
        "Stack.json",
    )
    .unwrap();
    let report = check(&template, &[aws_solutions()]);
    let row = |id: &str| report.findings.iter().find(|f| f.rule_id == id).unwrap();
    assert_eq!(row("AwsSolutions-RS4").compliance, Compliance::Suppressed);
    assert_eq!(
        row("AwsSolutions-RS4").suppression_reason.as_deref(),
        Some("[] port comes from a parameter")
    );
    assert_eq!(row("AwsSolutions-SQS3").compliance, Compliance::Suppressed);
    assert_eq!(
        row("AwsSolutions-SQS4").compliance,
        Compliance::NonCompliant
    );
    assert!(row("AwsSolutions-RS4").error.is_some());
}

#[test]
fn unresolvable_values_are_unknown_and_fail_only_warning_gates() {
    let template = Template::parse(
        "Resources:\n  C:\n    Type: AWS::Redshift::Cluster\n    Properties:\n      Port: !Ref P\n",
        "Stack.yaml",
    )
    .unwrap();
    let report = check(&template, &[aws_solutions()]);
    let unknown = report
        .findings
        .iter()
        .find(|f| f.rule_id == "AwsSolutions-RS4")
        .unwrap();
    assert_eq!(unknown.compliance, Compliance::Unknown);
    let errors = report.failures(Level::Error);
    assert!(report.failures(Level::Warning) > errors);
    assert!(
        report
            .summary()
            .contains("CdkNagValidationFailure[AwsSolutions-RS4]")
    );
    let resolved = check(&template.with_parameter_defaults(), &[aws_solutions()]);
    assert_eq!(
        resolved
            .findings
            .iter()
            .find(|f| f.rule_id == "AwsSolutions-RS4")
            .unwrap()
            .compliance,
        Compliance::Unknown,
        "a parameter without a default stays unresolved"
    );
}

#[test]
fn reports_use_cdk_nag_formats() {
    let template = Template::parse(
        r#"{"Resources":{"Q":{"Type":"AWS::SQS::Queue","Metadata":{"aws:cdk:path":"App/Queue/Resource","cdk_nag":{"rules_to_suppress":[{"id":"AwsSolutions-SQS3","reason":"say \"no\", politely"}]}}}}}"#,
        "cdk.out/App.template.json",
    )
    .unwrap();
    let report = check(&template, &[aws_solutions()]);
    let csv = report.to_csv("AwsSolutions");
    assert_eq!(
        csv,
        "Rule ID,Resource ID,Compliance,Exception Reason,Rule Level,Rule Info\n\
\"AwsSolutions-SQS2\",\"App/Queue/Resource\",\"Compliant\",\"N/A\",\"Error\",\"The SQS queue does not use server-side encryption.\"\n\
\"AwsSolutions-SQS3\",\"App/Queue/Resource\",\"Suppressed\",\"say \"\"no\"\", politely\",\"Error\",\"The SQS queue has no dead-letter queue and is not one itself.\"\n\
\"AwsSolutions-SQS4\",\"App/Queue/Resource\",\"Non-Compliant\",\"N/A\",\"Error\",\"The SQS queue's policy does not deny requests made without TLS.\"\n"
    );
    let json: serde_json::Value = serde_json::from_str(&report.to_json("AwsSolutions")).unwrap();
    assert_eq!(json["lines"][1]["exceptionReason"], "say \"no\", politely");
    assert_eq!(json["lines"][2]["compliance"], "Non-Compliant");
    assert!(report.to_detailed_json().contains("\"explanation\""));
    assert_eq!(
        report_file_name("AwsSolutions", &template.stack_name, ReportFormat::Csv),
        "AwsSolutions-App-NagReport.csv"
    );
    let summary = report.summary();
    assert!(
        summary
            .starts_with("App/Queue/Resource (Q, AWS::SQS::Queue)\n  [Error] AwsSolutions-SQS4:"),
        "{summary}"
    );
    assert!(
        summary.contains("1 non-compliant, 0 unknown, 1 suppressed, 1 compliant"),
        "{summary}"
    );
    assert_eq!(report.failures(Level::Error), 1);
}

#[test]
fn compliance_packs_name_their_controls() {
    let template = Template::parse(
        "Resources:\n  B:\n    Type: AWS::S3::Bucket\n",
        "Stack.yaml",
    )
    .unwrap();
    let report = check(&template, &[Pack::by_name("HIPAA.Security").unwrap()]);
    let info = report
        .findings
        .iter()
        .find(|finding| finding.rule_id == "HIPAA.Security-S3BucketLoggingEnabled")
        .map(|finding| finding.rule_info.as_str());
    assert_eq!(
        info,
        Some(
            "The S3 bucket does not record server access logs. (Control IDs: 164.308(a)(3)(ii)(A), 164.312(b))"
        )
    );
}
