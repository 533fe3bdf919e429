//! ThreatConnect's v2 failure messages (`reference/threatconnect-api.md` §2.4, §3.3).
//!
//! The sandbox answers with these exact strings and the client recognises them, so both
//! sides agree on what each failure means.

/// The HMAC signature did not verify.
pub const SIGNATURE_MISMATCH: &str = "Signature data did not match expected result";
/// The `Timestamp` header is more than five minutes from the server clock.
pub const TIMESTAMP_OUT_OF_RANGE: &str = "Timestamp out of acceptable time range";
/// The `Timestamp` header is missing or not a number.
pub const INVALID_TIMESTAMP: &str = "Invalid timestamp";
/// Unknown Access ID, missing credentials, or no access.
pub const ACCESS_DENIED: &str = "Access Denied";
/// Expired, superseded or unknown API token.
pub const UNAUTHORIZED: &str = "Unauthorized";
/// The owner named in the request does not exist or is not visible.
pub const OWNER_NOT_FOUND: &str = "The requested owner was not found";
/// No such resource.
pub const RESOURCE_NOT_FOUND: &str = "The requested resource was not found";
/// The request could not be understood.
pub const MALFORMED_REQUEST: &str = "The request was not properly formed";
/// Anything else that went wrong on the server.
pub const UNKNOWN_ERROR: &str = "An unknown error occurred";

/// Time window, in seconds either side of the server clock, that a signed request's
/// `Timestamp` must fall within.
pub const TIMESTAMP_WINDOW_SECS: i64 = 300;
