//! appsync rules.

pub mod app_sync_graph_ql_request_logging;

#[cfg(test)]
mod tests;
