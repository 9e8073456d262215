//! quicksight rules.

pub mod quicksight_ssl_connections;

#[cfg(test)]
mod tests;
