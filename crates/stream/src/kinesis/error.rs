//! Turning AWS SDK errors into [`StreamError::Kinesis`] with a kind that says
//! how to fix them.

use aws_sdk_kinesis::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};

use crate::error::{KinesisErrorKind, StreamError};

/// Wraps an SDK error with the stream and what was being done.
pub(crate) fn kinesis_error<E, R>(
    stream: &str,
    action: impl Into<String>,
    err: SdkError<E, R>,
) -> StreamError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + 'static,
{
    let (kind, detail) = classify(&err);
    StreamError::Kinesis {
        stream: stream.to_owned(),
        action: action.into(),
        kind,
        detail,
    }
}

/// The service's error code, if the service answered with an error.
pub(crate) fn error_code<E: ProvideErrorMetadata, R>(err: &SdkError<E, R>) -> Option<&str> {
    match err {
        SdkError::ServiceError(context) => context.err().code(),
        _ => None,
    }
}

fn classify<E, R>(err: &SdkError<E, R>) -> (KinesisErrorKind, String)
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug + 'static,
{
    if let SdkError::ServiceError(context) = err {
        let service = context.err();
        let code = service.code().unwrap_or("an unnamed error");
        let detail = match service.message() {
            Some(message) => format!("{code}: {}", message.trim_end_matches('.')),
            None => code.to_owned(),
        };
        return (kind_of_code(code), detail);
    }
    let detail = chain(err);
    let lower = format!("{}", DisplayErrorContext(err)).to_ascii_lowercase();
    let kind = if lower.contains("credential") || lower.contains("identity") {
        KinesisErrorKind::Credentials
    } else {
        match err {
            SdkError::TimeoutError(_) => KinesisErrorKind::Unreachable,
            SdkError::DispatchFailure(failure) if failure.is_io() || failure.is_timeout() => {
                KinesisErrorKind::Unreachable
            }
            _ if lower.contains("dns") || lower.contains("connect") => {
                KinesisErrorKind::Unreachable
            }
            _ => KinesisErrorKind::Other,
        }
    };
    (kind, detail)
}

/// The messages of `err` and its sources, without debug dumps, each once,
/// with the SDK's long hints on unauthenticated requests cut.
fn chain(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut next = Some(err);
    while let Some(e) = next {
        let text = e.to_string();
        let text = text
            .split(". Be sure to set")
            .next()
            .unwrap_or(&text)
            .to_owned();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        next = e.source();
    }
    parts.join(": ")
}

/// The kind of a Kinesis error code.
pub(crate) fn kind_of_code(code: &str) -> KinesisErrorKind {
    match code {
        "ResourceNotFoundException" => KinesisErrorKind::NotFound,
        "ResourceInUseException" => KinesisErrorKind::NotReady,
        "ProvisionedThroughputExceededException"
        | "LimitExceededException"
        | "KMSThrottlingException"
        | "ThrottlingException"
        | "Throttling"
        | "InternalFailure"
        | "ServiceUnavailable" => KinesisErrorKind::Throttled,
        "UnrecognizedClientException"
        | "InvalidSignatureException"
        | "ExpiredTokenException"
        | "IncompleteSignature"
        | "MissingAuthenticationToken"
        | "InvalidClientTokenId"
        | "SignatureDoesNotMatch" => KinesisErrorKind::Credentials,
        "AccessDeniedException" | "KMSAccessDeniedException" => KinesisErrorKind::AccessDenied,
        "InvalidArgumentException" | "ValidationException" => KinesisErrorKind::InvalidArgument,
        _ => KinesisErrorKind::Other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_map_to_kinds_that_say_how_to_fix_them() {
        assert_eq!(
            kind_of_code("ResourceNotFoundException"),
            KinesisErrorKind::NotFound
        );
        assert_eq!(
            kind_of_code("ProvisionedThroughputExceededException"),
            KinesisErrorKind::Throttled
        );
        assert_eq!(
            kind_of_code("UnrecognizedClientException"),
            KinesisErrorKind::Credentials
        );
        assert_eq!(kind_of_code("Whatever"), KinesisErrorKind::Other);
        assert!(
            KinesisErrorKind::Credentials
                .fix()
                .contains("AWS_ACCESS_KEY_ID")
        );
    }
}
