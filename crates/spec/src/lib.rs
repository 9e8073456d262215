//! The lakeforge project spec: `lakeforge.toml` as Rust types.
//!
//! One spec describes a data lake + warehouse project made of *constructs*:
//! projects with bronze/silver/gold zones, streams, streaming and CDC ingestion,
//! post-deploy code, the retail simulator, the sample use cases and the
//! provisioning pipeline. A spec is written either in TOML ([`Spec::from_path`],
//! [`Spec::from_str_named`]) or in Rust ([`Spec::builder`]); both are validated
//! by the same rules, and every error says what is wrong, where (file, line and
//! column when there is a file) and how to fix it.
//!
//! ```
//! use lakeforge_spec::{Project, Spec};
//!
//! let spec = Spec::builder()
//!     .project("core", Project::default().has_redshift(true))
//!     .build()
//!     .expect("a valid spec");
//! assert_eq!(spec.default_project(), Some("core"));
//! let again: Spec = spec.to_toml_string().parse().expect("round trip");
//! assert_eq!(again, spec);
//! ```

#![warn(missing_docs)]

mod setters;
mod string_enum;

mod builder;
mod error;
mod load;
mod model;
mod path;
mod suggest;
mod summary;
pub mod templates;
mod validate;

pub use builder::SpecBuilder;
pub use error::{ErrorKind, Position, SpecError, SpecErrors};
pub use model::*;
pub use string_enum::ParseEnumError;
pub use summary::ConstructSummary;
