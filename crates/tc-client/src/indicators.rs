//! Indicators (`reference/threatconnect-api.md` §5): list, get, create, update, delete, the
//! owners of a value, observations and false positives.
//!
//! Values are validated and normalised with [`tc_model::value::normalize`] before anything is
//! sent, and go into paths as one fully encoded segment (a URL indicator becomes
//! `http%3A%2F%2F...`). A File is addressed by any one of its hashes.

use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use tc_model::rating::{Confidence, ThreatRating};
use tc_model::value::{fields_from_summary, normalize};
use tc_model::wire::{FalsePositive, Observation};
use tc_model::{Indicator, IndicatorType, OwnerType};

use crate::client::{Client, decode_list, decode_single, owner_query, require_data};
use crate::error::{Error, Result};
use crate::filters::{Includes, ListOptions};
use crate::paging::{Page, Paged};
use crate::path::ApiPath;

/// A new indicator: its type and value, and the optional fields of a create (§5.3).
#[derive(Debug, Clone, PartialEq)]
pub struct NewIndicator {
    pub ty: IndicatorType,
    pub value: String,
    /// Threat Rating, 0–5 (decimals allowed).
    pub rating: Option<f64>,
    /// Confidence Rating, 0–100.
    pub confidence: Option<i64>,
    /// Default true on the server.
    pub active: Option<bool>,
    pub active_locked: Option<bool>,
    pub private_flag: Option<bool>,
    /// Host only.
    pub dns_active: Option<bool>,
    /// Host only.
    pub whois_active: Option<bool>,
    /// File only: size in bytes.
    pub size: Option<i64>,
    pub xid: Option<String>,
}

impl NewIndicator {
    /// An indicator of type `ty` with `value` (as an analyst would type it).
    pub fn new(ty: IndicatorType, value: impl Into<String>) -> Self {
        NewIndicator {
            ty,
            value: value.into(),
            rating: None,
            confidence: None,
            active: None,
            active_locked: None,
            private_flag: None,
            dns_active: None,
            whois_active: None,
            size: None,
            xid: None,
        }
    }

    /// Sets the Threat Rating (0–5).
    pub fn rating(mut self, rating: f64) -> Self {
        self.rating = Some(rating);
        self
    }

    /// Sets the Confidence Rating (0–100).
    pub fn confidence(mut self, confidence: i64) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Sets `active`.
    pub fn active(mut self, active: bool) -> Self {
        self.active = Some(active);
        self
    }

    /// Sets `activeLocked`.
    pub fn active_locked(mut self, locked: bool) -> Self {
        self.active_locked = Some(locked);
        self
    }

    /// Sets `privateFlag`.
    pub fn private_flag(mut self, private: bool) -> Self {
        self.private_flag = Some(private);
        self
    }

    /// Sets a Host's `dnsActive`.
    pub fn dns_active(mut self, active: bool) -> Self {
        self.dns_active = Some(active);
        self
    }

    /// Sets a Host's `whoisActive`.
    pub fn whois_active(mut self, active: bool) -> Self {
        self.whois_active = Some(active);
        self
    }

    /// Sets a File's size in bytes.
    pub fn size(mut self, size: i64) -> Self {
        self.size = Some(size);
        self
    }

    /// Sets the external id.
    pub fn xid(mut self, xid: impl Into<String>) -> Self {
        self.xid = Some(xid.into());
        self
    }

    /// The JSON body of `POST /v2/indicators/{branch}`: the type's value fields (e.g.
    /// `{"ip": ...}`, `{"md5": ..., "sha256": ...}`, `{"AS Number": ...}`) and the optional
    /// fields that are set.
    pub fn to_body(&self) -> Result<Value> {
        let ty = self.ty;
        let summary = normalize(ty, &self.value).map_err(|e| Error::Invalid(e.reason))?;
        let mut body = fields_from_summary(ty, &summary);
        add_common(
            &mut body,
            ty,
            self.rating,
            self.confidence,
            self.dns_active,
            self.whois_active,
            self.size,
        )?;
        for (key, flag) in [
            ("active", self.active),
            ("activeLocked", self.active_locked),
            ("privateFlag", self.private_flag),
        ] {
            if let Some(flag) = flag {
                body.insert(key.into(), json!(flag));
            }
        }
        if let Some(xid) = &self.xid {
            body.insert("xid".into(), json!(xid));
        }
        Ok(Value::Object(body))
    }
}

/// The fields of an update (§5.3): only those that are set are sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IndicatorUpdate {
    pub rating: Option<f64>,
    pub confidence: Option<i64>,
    /// Host only.
    pub dns_active: Option<bool>,
    /// Host only.
    pub whois_active: Option<bool>,
    /// File only.
    pub size: Option<i64>,
}

impl IndicatorUpdate {
    /// Nothing changed yet.
    pub fn new() -> Self {
        IndicatorUpdate::default()
    }

    /// Sets the Threat Rating (0–5).
    pub fn rating(mut self, rating: f64) -> Self {
        self.rating = Some(rating);
        self
    }

    /// Sets the Confidence Rating (0–100).
    pub fn confidence(mut self, confidence: i64) -> Self {
        self.confidence = Some(confidence);
        self
    }

    /// Sets a Host's `dnsActive`.
    pub fn dns_active(mut self, active: bool) -> Self {
        self.dns_active = Some(active);
        self
    }

    /// Sets a Host's `whoisActive`.
    pub fn whois_active(mut self, active: bool) -> Self {
        self.whois_active = Some(active);
        self
    }

    /// Sets a File's size in bytes.
    pub fn size(mut self, size: i64) -> Self {
        self.size = Some(size);
        self
    }

    /// The JSON body of `PUT /v2/indicators/{branch}/{value}`.
    pub fn to_body(&self, ty: IndicatorType) -> Result<Value> {
        let mut body = Map::new();
        add_common(
            &mut body,
            ty,
            self.rating,
            self.confidence,
            self.dns_active,
            self.whois_active,
            self.size,
        )?;
        Ok(Value::Object(body))
    }
}

/// Rating, confidence and the type-specific fields, checked with the model's rules.
fn add_common(
    body: &mut Map<String, Value>,
    ty: IndicatorType,
    rating: Option<f64>,
    confidence: Option<i64>,
    dns_active: Option<bool>,
    whois_active: Option<bool>,
    size: Option<i64>,
) -> Result<()> {
    if let Some(rating) = rating {
        let rating = ThreatRating::new(rating).map_err(|e| Error::Invalid(e.reason))?;
        body.insert("rating".into(), json!(rating.value()));
    }
    if let Some(confidence) = confidence {
        let confidence = Confidence::new(confidence).map_err(|e| Error::Invalid(e.reason))?;
        body.insert("confidence".into(), json!(confidence.value()));
    }
    let host_only = |field: &str| {
        Error::Invalid(format!(
            "Only Host indicators have {field}; this is a {}.",
            ty.name()
        ))
    };
    // v2 writes the Host flags as the strings "true"/"false" (§11 quirk 10).
    for (key, flag) in [("dnsActive", dns_active), ("whoisActive", whois_active)] {
        if let Some(flag) = flag {
            if ty != IndicatorType::Host {
                return Err(host_only(key));
            }
            body.insert(key.into(), json!(flag.to_string()));
        }
    }
    if let Some(size) = size {
        if ty != IndicatorType::File {
            return Err(Error::Invalid(format!(
                "Only File indicators have a size; this is a {}.",
                ty.name()
            )));
        }
        if size < 0 {
            return Err(Error::Invalid(format!(
                "A file size cannot be negative ({size})."
            )));
        }
        body.insert("size".into(), json!(size));
    }
    Ok(())
}

/// An owner that holds a value (`GET .../{value}/owners?includes=additional`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IndicatorOwner {
    pub id: i64,
    pub name: String,
    #[serde(rename = "type")]
    pub owner_type: OwnerType,
    /// The indicator's id in this owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<i64>,
}

fn indicators_path(ty: Option<IndicatorType>) -> ApiPath {
    let path = ApiPath::v2().seg("indicators");
    match ty {
        Some(ty) => path.seg(ty.branch()),
        None => path,
    }
}

fn list_key(ty: Option<IndicatorType>) -> &'static str {
    ty.map_or("indicator", IndicatorType::api_entity)
}

fn value_path(ty: IndicatorType, value: &str) -> Result<ApiPath> {
    ApiPath::v2().seg("indicators").indicator(ty, value)
}

fn with_owner(owner: &str, more: Vec<(String, String)>) -> Result<Vec<(String, String)>> {
    let mut query = owner_query(owner)?;
    query.extend(more);
    Ok(query)
}

fn includes_query(owner: &str, includes: Includes) -> Result<Vec<(String, String)>> {
    let mut more = Vec::new();
    includes.push_query(&mut more);
    with_owner(owner, more)
}

fn list_query(owner: &str, options: &ListOptions) -> Result<Vec<(String, String)>> {
    with_owner(owner, options.query()?)
}

/// Decodes the single indicator of a response (under the type's `apiEntity` key).
fn single(data: Option<Value>, ty: IndicatorType) -> Result<Indicator> {
    decode_single(&require_data(data)?, ty.api_entity())
}

impl Client {
    /// One page of indicators of `owner`: of one type (`GET /v2/indicators/{branch}`, items
    /// with their value fields) or of all types (`ty = None`, `GET /v2/indicators`, items with
    /// `type` and `summary`). `start` is `resultStart`; the page size is
    /// `options.page_size`. Only active indicators unless the filters say otherwise.
    pub async fn list_indicators(
        &self,
        owner: &str,
        ty: Option<IndicatorType>,
        options: &ListOptions,
        start: usize,
    ) -> Result<Page<Indicator>> {
        let query = list_query(owner, options)?;
        let limit = options.checked_page_size()?;
        self.page(&indicators_path(ty), &query, list_key(ty), start, limit)
            .await
    }

    /// Every indicator of `owner` (of one type, or all), page after page, as a stream. See
    /// [`Paged`] for the total and for stopping early.
    pub fn indicators(
        &self,
        owner: &str,
        ty: Option<IndicatorType>,
        options: &ListOptions,
    ) -> Paged<Indicator> {
        self.paged(
            Ok(indicators_path(ty)),
            list_query(owner, options),
            list_key(ty).to_owned(),
            options.checked_page_size(),
        )
    }

    /// One indicator (`GET /v2/indicators/{branch}/{value}`), with what `includes` asks for.
    pub async fn get_indicator(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
        includes: Includes,
    ) -> Result<Indicator> {
        let response = self
            .call(
                Method::GET,
                &value_path(ty, value)?,
                &includes_query(owner, includes)?,
                None,
                true,
            )
            .await?;
        single(response.data, ty)
    }

    /// Creates an indicator (`POST /v2/indicators/{branch}`), or updates the one with the
    /// same value in `owner`. ThreatConnect treats the create as an upsert by value, so this
    /// call is retried like a `PUT`.
    pub async fn create_indicator(&self, owner: &str, new: &NewIndicator) -> Result<Indicator> {
        let ty = new.ty;
        let body = new.to_body()?;
        let response = self
            .call(
                Method::POST,
                &indicators_path(Some(ty)),
                &owner_query(owner)?,
                Some(body),
                true,
            )
            .await?;
        single(response.data, ty)
    }

    /// Updates an indicator (`PUT /v2/indicators/{branch}/{value}`).
    pub async fn update_indicator(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
        update: &IndicatorUpdate,
    ) -> Result<Indicator> {
        let body = update.to_body(ty)?;
        let response = self
            .call(
                Method::PUT,
                &value_path(ty, value)?,
                &owner_query(owner)?,
                Some(body),
                true,
            )
            .await?;
        single(response.data, ty)
    }

    /// Deletes an indicator from `owner` (`DELETE /v2/indicators/{branch}/{value}`).
    pub async fn delete_indicator(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
    ) -> Result<()> {
        self.call(
            Method::DELETE,
            &value_path(ty, value)?,
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }

    /// The owners holding this value, each with the indicator's id there
    /// (`GET .../{value}/owners?includes=additional`).
    pub async fn indicator_owners(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
    ) -> Result<Vec<IndicatorOwner>> {
        let query = with_owner(owner, vec![("includes".into(), "additional".into())])?;
        let response = self
            .call(
                Method::GET,
                &value_path(ty, value)?.seg("owners"),
                &query,
                None,
                true,
            )
            .await?;
        let data = require_data(response.data)?;
        Ok(decode_list(&data, "owner")?.1)
    }

    /// Adds `count` observations (`POST .../{value}/observations`, body `{"count": n}`).
    /// Not idempotent: never re-sent once it may have reached the server.
    pub async fn add_observations(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
        count: u32,
    ) -> Result<()> {
        if count == 0 {
            return Err(Error::Invalid("Add at least one observation.".into()));
        }
        self.call(
            Method::POST,
            &value_path(ty, value)?.seg("observations"),
            &owner_query(owner)?,
            Some(json!({ "count": count })),
            false,
        )
        .await?;
        Ok(())
    }

    /// The indicator's observation count (`GET .../{value}/observationCount`).
    pub async fn observation_count(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
    ) -> Result<Observation> {
        let response = self
            .call(
                Method::GET,
                &value_path(ty, value)?.seg("observationCount"),
                &owner_query(owner)?,
                None,
                true,
            )
            .await?;
        let data = require_data(response.data)?;
        decode_single(&data, "observationCount")
    }

    /// Reports the indicator as a false positive (`POST .../{value}/falsePositive`).
    /// ThreatConnect counts at most one report per user, indicator and day, so sending it
    /// again is harmless and the call is retried.
    pub async fn report_false_positive(
        &self,
        owner: &str,
        ty: IndicatorType,
        value: &str,
    ) -> Result<FalsePositive> {
        let response = self
            .call(
                Method::POST,
                &value_path(ty, value)?.seg("falsePositive"),
                &owner_query(owner)?,
                None,
                true,
            )
            .await?;
        let data = require_data(response.data)?;
        decode_single(&data, "falsePositive")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn create_body_has_typed_value_fields() {
        let body = NewIndicator::new(IndicatorType::Host, "Bad.Example")
            .rating(2.5)
            .confidence(70)
            .dns_active(true)
            .whois_active(false)
            .active(true)
            .to_body()
            .unwrap();
        assert_eq!(
            body,
            json!({"hostName": "bad.example", "rating": 2.5, "confidence": 70,
                   "dnsActive": "true", "whoisActive": "false", "active": true})
        );
        let md5 = "905ad8176a569a36421bf54c04ba7f95";
        let body = NewIndicator::new(IndicatorType::File, md5)
            .size(1024)
            .to_body()
            .unwrap();
        assert_eq!(body, json!({"md5": md5.to_ascii_uppercase(), "size": 1024}));
        let body = NewIndicator::new(IndicatorType::Asn, "asn 64500")
            .to_body()
            .unwrap();
        assert_eq!(body["AS Number"], "ASN64500");
    }

    #[test]
    fn bad_fields_are_refused_before_sending() {
        let too_high = NewIndicator::new(IndicatorType::Host, "bad.example").rating(6.0);
        assert!(matches!(too_high.to_body(), Err(Error::Invalid(_))));
        let confidence = IndicatorUpdate::new().confidence(101);
        assert!(confidence.to_body(IndicatorType::Host).is_err());
        let not_host = IndicatorUpdate::new().dns_active(true);
        assert!(matches!(
            not_host.to_body(IndicatorType::Address),
            Err(Error::Invalid(m)) if m.contains("Host")
        ));
        let not_file = IndicatorUpdate::new().size(3);
        assert!(not_file.to_body(IndicatorType::Url).is_err());
        assert!(
            NewIndicator::new(IndicatorType::Address, "999.1.1.1")
                .to_body()
                .is_err()
        );
    }
}
