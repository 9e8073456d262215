//! sqs rules.

pub mod sqs_queue_dlq;
pub mod sqs_queue_sse;
pub mod sqs_queue_ssl_requests_only;

#[cfg(test)]
mod tests;
