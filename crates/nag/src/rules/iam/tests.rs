use super::*;
use crate::rules::testing::*;

const ROLE: &str = "AWS::IAM::Role";
const POLICY: &str = "AWS::IAM::Policy";

#[test]
fn iam_group_has_users() {
    expect(
        &iam_group_has_users::RULE,
        &[
            (
                many(
                    r#""G":{"Type":"AWS::IAM::Group"},"U":{"Type":"AWS::IAM::User","Properties":{"Groups":[{"Ref":"G"}]}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""G":{"Type":"AWS::IAM::Group","Properties":{"GroupName":"admins"}},"A":{"Type":"AWS::IAM::UserToGroupAddition","Properties":{"GroupName":"admins","Users":["u"]}}"#,
                ),
                Pass,
            ),
            (
                many(
                    r#""G":{"Type":"AWS::IAM::Group"},"U":{"Type":"AWS::IAM::User","Properties":{"Groups":[{"Ref":"G2"}]}}"#,
                ),
                Fail,
            ),
        ],
    );
}

#[test]
fn iam_no_inline_policy() {
    expect(
        &iam_no_inline_policy::RULE,
        &[
            (one(ROLE, r#"{"AssumeRolePolicyDocument":{}}"#), Pass),
            (one(ROLE, r#"{"Policies":[]}"#), Fail),
            (one(POLICY, "{}"), Fail),
        ],
    );
}

#[test]
fn iam_no_managed_policies() {
    expect(
        &iam_no_managed_policies::RULE,
        &[
            (
                one(ROLE, r#"{"ManagedPolicyArns":[{"Ref":"MyPolicy"}]}"#),
                Pass,
            ),
            (
                one(
                    ROLE,
                    r#"{"ManagedPolicyArns":[{"Fn::Join":["",["arn:",{"Ref":"AWS::Partition"},":iam::aws:policy/AdministratorAccess"]]}]}"#,
                ),
                Expect::Findings(&[
                    "Policy::arn:<AWS::Partition>:iam::aws:policy/AdministratorAccess",
                ]),
            ),
            (
                one(ROLE, r#"{"ManagedPolicyArns":{"Fn::If":["C",[],[]]}}"#),
                Unknown,
            ),
        ],
    );
}

#[test]
fn iam_no_wildcard_permissions() {
    expect(
        &iam_no_wildcard_permissions::RULE,
        &[
            (
                one(
                    POLICY,
                    r#"{"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/k"}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    POLICY,
                    r#"{"PolicyDocument":{"Statement":[{"Effect":"Deny","Action":"*","Resource":"*"}]}}"#,
                ),
                Pass,
            ),
            (
                one(
                    POLICY,
                    r#"{"PolicyDocument":{"Statement":[{"Effect":"Allow","Action":["s3:*","s3:Get*"],"Resource":[{"Fn::Join":["",[{"Fn::GetAtt":["B","Arn"]},"/*"]]}]}]}}"#,
                ),
                Expect::Findings(&["Action::s3:*", "Action::s3:Get*", "Resource::<B.Arn>/*"]),
            ),
            (
                one(
                    ROLE,
                    r#"{"Policies":[{"PolicyName":"p","PolicyDocument":{"Statement":[{"Effect":"Allow","Action":"kms:*","Resource":"*"}]}}]}"#,
                ),
                Expect::Findings(&["Action::kms:*", "Resource::*"]),
            ),
            (one(ROLE, r#"{"Policies":[{"PolicyName":"p"}]}"#), Unknown),
        ],
    );
}

#[test]
fn iam_policy_admin_and_full_access() {
    let admin = one(
        POLICY,
        r#"{"PolicyDocument":{"Statement":[{"Action":"*","Effect":"Allow","Resource":"*"}]}}"#,
    );
    let service = one(
        POLICY,
        r#"{"PolicyDocument":{"Statement":[{"Action":"s3:*","Effect":"Allow","Resource":"arn:aws:s3:::b"}]}}"#,
    );
    let narrow = one(
        POLICY,
        r#"{"PolicyDocument":{"Statement":[{"Action":"s3:GetObject","Effect":"Allow","Resource":"*"}]}}"#,
    );
    expect(
        &iam_policy_no_statements_with_admin_access::RULE,
        &[
            (admin.clone(), Fail),
            (service.clone(), Pass),
            (one(ROLE, "{}"), Pass),
        ],
    );
    expect(
        &iam_policy_no_statements_with_full_access::RULE,
        &[(admin, Fail), (service, Fail), (narrow, Pass)],
    );
}

#[test]
fn iam_users() {
    expect(
        &iam_user_group_membership::RULE,
        &[
            (one("AWS::IAM::User", r#"{"Groups":["g"]}"#), Pass),
            (one("AWS::IAM::User", "{}"), Fail),
        ],
    );
    expect(
        &iam_user_no_policies::RULE,
        &[
            (one("AWS::IAM::User", r#"{"Groups":["g"]}"#), Pass),
            (
                one("AWS::IAM::User", r#"{"ManagedPolicyArns":["a"]}"#),
                Fail,
            ),
            (one(POLICY, r#"{"Users":["u"]}"#), Fail),
            (one(POLICY, r#"{"Roles":["r"]}"#), Pass),
        ],
    );
}
