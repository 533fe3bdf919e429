//! The ThreatConnect v2 data model, shared by the client, the sandbox and the app.
//!
//! What belongs here: types that describe ThreatConnect data and the JSON it puts on the
//! wire (`reference/threatconnect-api.md` §3–§4), and the server's failure messages.
//! What does not: any I/O, HTTP, storage or UI concern.

pub mod indicator;
pub mod messages;
pub mod owner;
pub mod wire;

pub use indicator::IndicatorType;
pub use owner::{Owner, OwnerType, User};
pub use wire::{Envelope, OwnerList, OwnerSingle, ResponseStatus, WhoAmI};
