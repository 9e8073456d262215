//! Random inputs for the parser and the rules (the cargo-fuzz target in `fuzz/` does the same
//! for longer runs): random text, mutated corpus templates, and random resources of every type
//! some rule looks at, with properties built from the names and intrinsics rules read. Parsing
//! either fails with an error or yields a template all five packs can check and report on;
//! nothing panics. The generator is seeded, so a failure names an input that reproduces.

use lakeforge_nag::packs::ALL;
use lakeforge_nag::{Template, check};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;

/// xorshift64*: small, deterministic, good enough to explore shapes.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Parses `text` under both file kinds and, when it parses, checks and reports; a panic fails
/// the test with the input that caused it.
fn exercise(text: &str) {
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        for origin in ["Random.json", "Random.yaml"] {
            if let Ok(template) = Template::parse(text, origin) {
                let report = check(&template, &ALL);
                for pack in &ALL {
                    let _ = report.to_csv(pack.name);
                    let _ = report.to_json(pack.name);
                }
                let _ = report.summary();
                let _ = check(&template.with_parameter_defaults(), &ALL);
            }
        }
    }));
    if outcome.is_err() {
        panic!("panicked on input:\n{text}");
    }
}

const SYNTAX: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "\"",
    "'",
    "\n",
    "  ",
    "- ",
    "!Ref ",
    "!GetAtt ",
    "!Sub ",
    "!If ",
    "!Join ",
    "Resources",
    "Type",
    "Properties",
    "Metadata",
    "cdk_nag",
    "rules_to_suppress",
    "AWS::S3::Bucket",
    "Fn::If",
    "Ref",
    "null",
    "true",
    "1e309",
    "-0",
    "&a",
    "*a",
    "<<",
    "#",
    "\\u0000",
    "é",
    "\u{1F600}",
    "%",
    "?",
    "|",
    ">",
];

#[test]
fn random_text_never_panics() {
    let mut random = Random(0x5EED_0001);
    for _ in 0..3000 {
        let length = random.below(40);
        let text: String = (0..length).map(|_| *random.pick(SYNTAX)).collect();
        exercise(&text);
    }
}

#[test]
fn mutated_corpus_templates_never_panic() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut templates: Vec<String> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.is_file())
        .map(|path| std::fs::read_to_string(path).unwrap())
        .collect();
    templates.sort();
    let mut random = Random(0x5EED_0002);
    for template in &templates {
        for _ in 0..20 {
            let mut lines: Vec<String> = template.lines().map(str::to_owned).collect();
            for _ in 0..=random.below(4) {
                let at = random.below(lines.len());
                match random.below(5) {
                    0 => {
                        lines.remove(at);
                    }
                    1 => {
                        let copy = lines[random.below(lines.len())].clone();
                        lines.insert(at, copy);
                    }
                    2 => {
                        let cut = random.below(lines[at].len() + 1);
                        let cut = (0..=cut)
                            .rev()
                            .find(|index| lines[at].is_char_boundary(*index))
                            .unwrap_or(0);
                        lines[at].truncate(cut);
                    }
                    3 => {
                        let extra = *random.pick(SYNTAX);
                        lines[at].push_str(extra);
                    }
                    _ => {
                        let other = random.below(lines.len());
                        lines.swap(at, other);
                    }
                }
                if lines.is_empty() {
                    lines.push(String::new());
                }
            }
            exercise(&lines.join("\n"));
        }
    }
}

/// Property names rules read, so random resources reach deep into the checks.
const KEYS: &[&str] = &[
    "Properties",
    "Statement",
    "Effect",
    "Action",
    "Resource",
    "Principal",
    "AWS",
    "Condition",
    "Bool",
    "aws:SecureTransport",
    "Enabled",
    "Encrypted",
    "KmsKeyId",
    "KMSKeyId",
    "Port",
    "Engine",
    "EngineMode",
    "Type",
    "Key",
    "Value",
    "Name",
    "Protocol",
    "CidrIp",
    "CidrIpv6",
    "FromPort",
    "ToPort",
    "IpProtocol",
    "SecurityGroupIngress",
    "Listeners",
    "LoadBalancerAttributes",
    "MethodSettings",
    "HttpMethod",
    "ResourcePath",
    "AccessLogSetting",
    "DestinationArn",
    "Format",
    "DistributionConfig",
    "Origins",
    "DomainName",
    "CustomOriginConfig",
    "OriginSSLProtocols",
    "ViewerCertificate",
    "LaunchTemplate",
    "LaunchTemplateName",
    "LaunchTemplateId",
    "LaunchTemplateData",
    "MetadataOptions",
    "HttpTokens",
    "BlockDeviceMappings",
    "Ebs",
    "ContainerDefinitions",
    "LogConfiguration",
    "LogDriver",
    "User",
    "Privileged",
    "Environment",
    "OptionSettings",
    "Namespace",
    "OptionName",
    "EnableCloudwatchLogsExports",
    "LoggingInfo",
    "BrokerLogs",
    "S3",
    "EncryptionInfo",
    "EncryptionInTransit",
    "ClusterConfig",
    "AccessPolicies",
    "LogPublishingOptions",
    "VPCOptions",
    "SubnetIds",
    "BackupSelection",
    "Resources",
    "ConversationLogSettings",
    "TextLogSettings",
    "Destination",
    "CloudWatch",
    "Config",
    "logging",
    "clusterLogging",
    "types",
    "enabled",
    "Policies",
    "PolicyDocument",
    "PasswordPolicy",
    "ManagedPolicyArns",
    "BucketEncryption",
    "ServerSideEncryptionConfiguration",
    "LoggingConfiguration",
    "VersioningConfiguration",
    "Status",
    "PolicyText",
    "Update",
    "NotificationConfigurations",
    "NotificationTypes",
    "TargetGroupARNs",
    "HealthCheckType",
    "StreamEncryption",
    "VpcConfig",
    "Runtime",
    "RedrivePolicy",
    "GlobalSecondaryIndexes",
    "IndexName",
    "ScalableDimension",
    "ServiceNamespace",
    "ResourceId",
    "CrossZone",
    "Subnets",
];

const INTRINSICS: &[&str] = &[
    "Ref",
    "Fn::GetAtt",
    "Fn::Sub",
    "Fn::Join",
    "Fn::If",
    "Fn::Select",
    "Fn::Split",
    "Fn::GetAZs",
    "Fn::ImportValue",
    "Fn::FindInMap",
    "Fn::Base64",
    "Condition",
];

const STRINGS: &[&str] = &[
    "",
    "*",
    "true",
    "false",
    "0",
    "5439",
    "0.0.0.0/0",
    "::/0",
    "tcp",
    "-1",
    "HTTP",
    "HTTPS",
    "ssl",
    "aurora-mysql",
    "postgres",
    "redis",
    "Allow",
    "Deny",
    "required",
    "ENABLED",
    "host",
    "root",
    "s3:*",
    "arn:aws:s3:::b/*",
    "{{resolve:secretsmanager:x}}",
    "ON",
    "PLUS",
    "Disabled",
    "Target",
    "Other",
    "AWS::NoValue",
    "(",
    "[",
    "\\",
    "A.B",
    "${Target}",
    "{\"Statement\":[]}",
    "not json",
];

fn value(random: &mut Random, depth: usize) -> serde_json::Value {
    use serde_json::Value as J;
    let scalar = |random: &mut Random| match random.below(6) {
        0 => J::Null,
        1 => J::Bool(random.chance(50)),
        2 => J::from(random.below(70000) as i64 - 2),
        3 => J::from(-1.5),
        _ => J::from(*random.pick(STRINGS)),
    };
    if depth == 0 {
        return scalar(random);
    }
    match random.below(8) {
        0 | 1 => scalar(random),
        2 | 3 => J::Array(
            (0..random.below(4))
                .map(|_| value(random, depth - 1))
                .collect(),
        ),
        4 => {
            let function = *random.pick(INTRINSICS);
            let argument = match function {
                "Ref" | "Condition" | "Fn::ImportValue" | "Fn::Base64" | "Fn::GetAZs" => {
                    J::from(*random.pick(STRINGS))
                }
                _ => J::Array(
                    (0..random.below(4))
                        .map(|_| value(random, depth - 1))
                        .collect(),
                ),
            };
            serde_json::json!({ function: argument })
        }
        _ => J::Object(
            (0..random.below(5))
                .map(|_| (random.pick(KEYS).to_string(), value(random, depth - 1)))
                .collect(),
        ),
    }
}

#[test]
fn random_resources_of_every_checked_type_never_panic() {
    let mut types: Vec<&str> = ALL
        .iter()
        .flat_map(|pack| pack.rules.iter())
        .filter_map(|entry| entry.rule.implementation())
        .flat_map(|rule| rule.resource_types.iter().copied())
        .collect();
    types.sort_unstable();
    types.dedup();
    let mut random = Random(0x5EED_0003);
    for round in 0..600 {
        let mut resources = serde_json::Map::new();
        for index in 0..3 {
            let name = if index == 0 {
                "Target".to_owned()
            } else {
                format!("Other{index}")
            };
            let kind = types[(round * 3 + index + random.below(3)) % types.len()];
            let mut resource = serde_json::json!({ "Type": kind });
            resource["Properties"] = serde_json::Value::Object(
                (0..=random.below(6))
                    .map(|_| (random.pick(KEYS).to_string(), value(&mut random, 4)))
                    .collect(),
            );
            if random.chance(20) {
                resource["Metadata"] = serde_json::json!({
                    "aws:cdk:path": "Stack/Target/Resource",
                    "cdk_nag": {"rules_to_suppress": [
                        {"id": "CdkNagValidationFailure", "reason": "random suppression reason"}
                    ]}
                });
            }
            resources.insert(name, resource);
        }
        let template = serde_json::json!({ "Resources": resources });
        exercise(&template.to_string());
    }
}
