//! API paths built from already-encoded segments, and the items that tags, attributes,
//! labels and associations hang on.
//!
//! Every segment goes through [`tc_model::value::encode_segment`], which leaves only the
//! RFC 3986 unreserved characters as they are: a URL indicator becomes one segment
//! (`http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1`, §11 quirk 7). `url`'s own
//! `path_segments_mut().push()` would leave `:` and others unencoded, so it is not used for
//! values.

use tc_model::value::{FileHashes, encode_segment, normalize};
use tc_model::{GroupType, IndicatorType};

use crate::error::{Error, Result};

/// A path below the base URL, `v2/...`, each segment percent-encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiPath(String);

impl ApiPath {
    /// `v2`.
    pub fn v2() -> Self {
        ApiPath("v2".to_owned())
    }

    /// Appends one segment, encoding everything but unreserved characters.
    pub fn seg(mut self, raw: &str) -> Self {
        self.0.push('/');
        self.0.push_str(&encode_segment(raw));
        self
    }

    /// Appends a numeric id.
    pub fn id(self, id: i64) -> Self {
        self.seg(&id.to_string())
    }

    /// Appends an indicator value as one segment (see [`indicator_segment`]).
    pub fn indicator(self, ty: IndicatorType, value: &str) -> Result<Self> {
        Ok(self.seg(ty.branch()).seg(&indicator_segment(ty, value)?))
    }

    /// The encoded path, without a leading `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The value to put in a path for an indicator: its normalised summary (so an invalid value
/// is refused before anything is sent, with the model's explanation); for a File, one hash
/// (any one addresses it, §11 quirk 6) — the first of the summary, upper-case.
pub fn indicator_segment(ty: IndicatorType, value: &str) -> Result<String> {
    let summary = normalize(ty, value).map_err(|e| Error::Invalid(e.reason))?;
    if ty == IndicatorType::File {
        let hashes = FileHashes::parse_summary(&summary).map_err(|e| Error::Invalid(e.reason))?;
        if let Some(first) = hashes.iter().next() {
            return Ok(first.to_owned());
        }
    }
    Ok(summary)
}

/// An indicator (type + value) or a group (type + id): what tags, attributes, security
/// labels and associations hang on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ItemRef {
    Indicator { ty: IndicatorType, value: String },
    Group { ty: GroupType, id: i64 },
}

impl ItemRef {
    /// An indicator by type and value (any of a File's hashes will do).
    pub fn indicator(ty: IndicatorType, value: impl Into<String>) -> Self {
        ItemRef::Indicator {
            ty,
            value: value.into(),
        }
    }

    /// A group by type and id.
    pub fn group(ty: GroupType, id: i64) -> Self {
        ItemRef::Group { ty, id }
    }

    /// `v2/indicators/{branch}/{value}` or `v2/groups/{branch}/{id}`.
    pub fn path(&self) -> Result<ApiPath> {
        self.append_to(ApiPath::v2())
    }

    /// `base` + `indicators/{branch}/{value}` or `groups/{branch}/{id}`: the item as the
    /// target of an association.
    pub fn append_to(&self, base: ApiPath) -> Result<ApiPath> {
        match self {
            ItemRef::Indicator { ty, value } => base.seg("indicators").indicator(*ty, value),
            ItemRef::Group { ty, id } => Ok(base.seg("groups").seg(ty.branch()).id(*id)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_values_are_one_fully_encoded_segment() {
        let path = ApiPath::v2()
            .seg("indicators")
            .indicator(IndicatorType::Url, "http://bad.example/a b?x=1")
            .unwrap();
        assert_eq!(
            path.as_str(),
            "v2/indicators/urls/http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1"
        );
        let plus = ApiPath::v2().seg("tags").seg("C++ / Nation State");
        assert_eq!(plus.as_str(), "v2/tags/C%2B%2B%20%2F%20Nation%20State");
    }

    #[test]
    fn files_are_addressed_by_one_upper_case_hash() {
        let md5 = "905ad8176a569a36421bf54c04ba7f95";
        let sha1 = "a52b6986d68cdfac53aa740566cbeade4452124e";
        assert_eq!(
            indicator_segment(IndicatorType::File, md5).unwrap(),
            md5.to_ascii_uppercase()
        );
        assert_eq!(
            indicator_segment(IndicatorType::File, &format!("{sha1} : {md5}")).unwrap(),
            md5.to_ascii_uppercase(),
            "md5 comes first in a summary"
        );
    }

    #[test]
    fn invalid_values_are_refused_before_sending() {
        let err = indicator_segment(IndicatorType::Address, "198.51.100.300").unwrap_err();
        assert!(matches!(err, Error::Invalid(m) if m.contains("300")));
    }

    #[test]
    fn item_paths() {
        assert_eq!(
            ItemRef::group(GroupType::Incident, 42)
                .path()
                .unwrap()
                .as_str(),
            "v2/groups/incidents/42"
        );
        let host = ItemRef::indicator(IndicatorType::Host, "Bad.Example");
        assert_eq!(
            host.path().unwrap().as_str(),
            "v2/indicators/hosts/bad.example"
        );
        let assoc = host
            .append_to(ItemRef::group(GroupType::Adversary, 7).path().unwrap())
            .unwrap();
        assert_eq!(
            assoc.as_str(),
            "v2/groups/adversaries/7/indicators/hosts/bad.example"
        );
    }
}
