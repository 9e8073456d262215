//! Compliance rule packs over CloudFormation templates, compatible with
//! [cdk-nag](https://github.com/cdklabs/cdk-nag) 2.38: the packs AwsSolutions,
//! HIPAA.Security, NIST.800.53.R4, NIST.800.53.R5 and PCI.DSS.321, cdk-nag's
//! suppression metadata, and its NagReport CSV/JSON reports.
//!
//! ```
//! use lakeforge_nag::{Template, check, packs::Pack};
//! let template = Template::parse("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n", "Demo.yaml").unwrap();
//! let pack = Pack::by_name("AwsSolutions").unwrap();
//! let report = check(&template, &[pack]);
//! assert!(report.to_csv("AwsSolutions").starts_with("Rule ID,Resource ID,Compliance"));
//! ```
//!
//! Rule ids, levels and control mappings are cdk-nag's, so reports and suppressions stay
//! interchangeable with it; the rule texts (what is wrong, why, and the fix) are our own.
//! Every rule is checked against real cdk-nag over the corpus in `tests/corpus`.

pub mod access;
mod check;
pub mod docs;
mod error;
pub mod packs;
pub mod report;
pub mod rule;
pub mod rules;
pub mod suppression;
pub mod template;
pub mod value;

pub use check::check;
pub use error::NagError;
pub use packs::{Level, Pack};
pub use report::{Compliance, Finding, Report, ReportFormat, report_file_name};
pub use template::{Resource, Template};
