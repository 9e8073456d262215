//! eventbridge rules.

pub mod event_bus_open_access;

#[cfg(test)]
mod tests;
