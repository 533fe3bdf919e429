//! The ThreatConnect v2 data model, shared by the client, the sandbox and the app.
//!
//! What belongs here: types that describe ThreatConnect data and the JSON it puts on the
//! wire (`reference/threatconnect-api.md` §3–§8, §10), the rules that validate and normalise
//! indicator values, and the server's failure messages:
//!
//! - [`indicator`], [`group`]: the indicator and group type catalogues.
//! - [`value`]: validation and normalisation of indicator values, File hashes, and the
//!   percent-encoding of a value as one path segment.
//! - [`rating`]: Threat Rating, Confidence Rating and ThreatAssess.
//! - [`wire`]: response envelopes and the indicator, group, tag, attribute, label and batch
//!   status items inside them.
//! - [`batch`]: the V2 batch job configuration and upload document.
//! - [`owner`], [`messages`]: owners and users; the v2 failure message catalogue.
//!
//! What does not: any I/O (network, files, clock), HTTP, storage or UI concern.

pub mod batch;
pub mod group;
pub mod indicator;
pub mod messages;
pub mod owner;
pub mod rating;
mod serde_util;
pub mod value;
pub mod wire;

pub use batch::{
    AttributeWriteType, BatchAction, BatchAssociation, BatchConfig, BatchDocument, BatchGroup,
    BatchIndicator, WriteType,
};
pub use group::GroupType;
pub use indicator::IndicatorType;
pub use owner::{Owner, OwnerType, User};
pub use rating::{
    Confidence, ConfidenceBand, ThreatAssess, ThreatAssessBand, ThreatLevel, ThreatRating,
};
pub use value::{FileHashes, ValueError, decode_segment, encode_segment, normalize};
pub use wire::{
    Attribute, BatchError, BatchStatus, Envelope, Group, Indicator, OwnerList, OwnerSingle,
    ResponseStatus, SecurityLabel, Tag, WhoAmI,
};
