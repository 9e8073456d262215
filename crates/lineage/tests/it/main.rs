//! Integration tests of lakeforge-lineage: the HTTP transport against a stand-in Marquez.

mod http;
mod marquez;
