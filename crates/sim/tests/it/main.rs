//! Integration tests of the retail simulator.

mod databases;
mod determinism;
mod errors;
mod identities;
mod oltp;
mod outputs;
mod support;
mod trends;
