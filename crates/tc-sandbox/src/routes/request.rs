//! One request, as the v2 handlers see it: method, raw path segments, decoded query
//! parameters and body, and the replies they build.

use axum::body::Bytes;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};
use tc_model::{Owner, messages};

use crate::reply::{failure, store_failure};
use crate::state::SandboxState;
use crate::store::StoreError;
use crate::store::indicators::{Condition, ListQuery};

/// Largest `resultLimit` ThreatConnect serves (§3.2).
pub const MAX_RESULT_LIMIT: usize = 10_000;
/// `resultLimit` when none is given (§3.2).
pub const DEFAULT_RESULT_LIMIT: usize = 100;
const PAGING_MESSAGE: &str = "The resultStart and resultLimit query parameters must be integers and the maximum value for resultLimit is 10000";

/// A failed request, already in ThreatConnect's shape (boxed: a response is large and
/// the happy path should not carry its size).
#[derive(Debug)]
pub struct Fail(pub Box<Response>);

impl Fail {
    pub fn new(response: Response) -> Self {
        Fail(Box::new(response))
    }
}

impl IntoResponse for Fail {
    fn into_response(self) -> Response {
        *self.0
    }
}

impl From<StoreError> for Fail {
    fn from(e: StoreError) -> Self {
        Fail::new(store_failure(&e))
    }
}

/// What a handler returns.
pub type Reply = Result<Response, Fail>;

/// 400 with a message.
pub fn bad_request(message: impl AsRef<str>) -> Fail {
    Fail::new(failure(StatusCode::BAD_REQUEST, message.as_ref()))
}

/// 404 with the catalogue's message.
pub fn not_found() -> Fail {
    Fail::new(failure(StatusCode::NOT_FOUND, messages::RESOURCE_NOT_FOUND))
}

/// `{"status":"Success"}` alone (quirk 15).
pub fn ok_empty() -> Response {
    (StatusCode::OK, axum::Json(json!({"status": "Success"}))).into_response()
}

/// `{"status":"Success","data":{key: item}}` with `status`.
pub fn ok_single(status: StatusCode, key: &str, item: Value) -> Response {
    (
        status,
        axum::Json(json!({"status": "Success", "data": {key: item}})),
    )
        .into_response()
}

/// A list envelope; `resultCount` only when given (first page).
pub fn ok_list(key: &str, total: Option<u64>, items: Vec<Value>) -> Response {
    let mut data = Map::new();
    if let Some(total) = total {
        data.insert("resultCount".into(), json!(total));
    }
    data.insert(key.into(), Value::Array(items));
    (
        StatusCode::OK,
        axum::Json(json!({"status": "Success", "data": data})),
    )
        .into_response()
}

/// One request.
#[derive(Debug)]
pub struct Req {
    pub method: Method,
    /// Path segments after `/api/v2/`, still percent-encoded.
    pub segments: Vec<String>,
    /// Query parameters, decoded, in order.
    pub params: Vec<(String, String)>,
    pub body: Bytes,
    /// `Content-Type`, for multipart bodies.
    pub content_type: Option<String>,
}

impl Req {
    /// The first value of a parameter. `owner` is also accepted as `Owner` (one doc example).
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name || (name == "owner" && k == "Owner"))
            .map(|(_, v)| v.as_str())
    }

    fn flag(&self, name: &str) -> bool {
        self.param(name)
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    }

    /// `includes=` values (repeatable, comma-separated).
    fn includes(&self, what: &str) -> bool {
        self.params
            .iter()
            .filter(|(k, _)| k == "includes")
            .flat_map(|(_, v)| v.split(','))
            .any(|v| v.trim() == what)
    }

    /// What to embed in items.
    pub fn embed(&self) -> Embed {
        Embed {
            additional: self.flag("includeAdditional") || self.includes("additional"),
            tags: self.flag("includeTags") || self.includes("tags"),
            attributes: self.flag("includeAttributes") || self.includes("attributes"),
            labels: self.flag("includeSecurityLabels") || self.includes("labels"),
        }
    }

    /// The owner the request names, or the API user's own Organization without `owner=`.
    /// An unknown owner is 403 "The requested owner was not found" (§2.4).
    pub fn owner(&self, state: &SandboxState) -> Result<Owner, Fail> {
        match self.param("owner") {
            None => Ok(state.default_owner()?),
            Some(name) => state.store.owner_by_name(name)?.ok_or_else(|| {
                Fail::new(failure(StatusCode::FORBIDDEN, messages::OWNER_NOT_FOUND))
            }),
        }
    }

    /// `resultStart`, `resultLimit`, `filters`, `orParams`, `modifiedSince`.
    pub fn list_query(&self) -> Result<ListQuery, Fail> {
        let number = |name: &str, default: usize| -> Result<usize, Fail> {
            match self.param(name) {
                None => Ok(default),
                Some(v) => v.trim().parse().map_err(|_| bad_request(PAGING_MESSAGE)),
            }
        };
        let start = number("resultStart", 0)?;
        let limit = number("resultLimit", DEFAULT_RESULT_LIMIT)?;
        if limit > MAX_RESULT_LIMIT {
            return Err(bad_request(PAGING_MESSAGE));
        }
        let mut conditions = Vec::new();
        for (_, filters) in self.params.iter().filter(|(k, _)| k == "filters") {
            for part in filters.split(',').filter(|p| !p.trim().is_empty()) {
                conditions.push(parse_condition(part)?);
            }
        }
        let modified_since = match self.param("modifiedSince") {
            None => None,
            Some(v) => Some(crate::store::parse_time(v).ok_or_else(|| {
                bad_request(format!(
                    "modifiedSince must be a date and time such as 2024-01-31T00:00:00Z, not {v}"
                ))
            })?),
        };
        Ok(ListQuery {
            start,
            limit,
            conditions,
            or: self.flag("orParams"),
            modified_since,
            ..ListQuery::default()
        })
    }

    /// One page of an in-memory list by `resultStart`/`resultLimit`, with the total when the
    /// page is the first (quirk 2).
    pub fn page_of<T>(&self, items: Vec<T>) -> Result<(Option<u64>, Vec<T>), Fail> {
        let query = self.list_query()?;
        let total = (query.start == 0).then_some(items.len() as u64);
        Ok((
            total,
            items
                .into_iter()
                .skip(query.start)
                .take(query.limit)
                .collect(),
        ))
    }

    /// A paged list envelope of already-rendered items.
    pub fn list(&self, key: &str, items: Vec<Value>) -> Reply {
        let (total, page) = self.page_of(items)?;
        Ok(ok_list(key, total, page))
    }

    /// The body as a JSON object.
    pub fn json(&self) -> Result<Map<String, Value>, Fail> {
        match serde_json::from_slice::<Value>(&self.body) {
            Ok(Value::Object(map)) => Ok(map),
            _ => Err(bad_request(messages::MALFORMED_REQUEST)),
        }
    }
}

/// One raw path segment, decoded (a name such as a tag or label); undecodable is not found.
pub fn decode(raw: &str) -> Result<String, Fail> {
    tc_model::value::decode_segment(raw).map_err(|_| not_found())
}

/// `field<op>value`, the operator being the first of `= < > ^ !` after the field name.
fn parse_condition(text: &str) -> Result<Condition, Fail> {
    let text = text.trim();
    let at = text
        .find(['=', '<', '>', '^', '!'])
        .filter(|&i| i > 0)
        .ok_or_else(|| {
            bad_request(format!(
                "Invalid filter {text}: expected a field, an operator (= < > ^) and a value"
            ))
        })?;
    let op = text[at..].chars().next().unwrap_or('=');
    Ok(Condition {
        field: text[..at].trim().to_owned(),
        op,
        value: text[at + op.len_utf8()..].to_owned(),
    })
}

/// What to embed in each item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Embed {
    pub additional: bool,
    pub tags: bool,
    pub attributes: bool,
    pub labels: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conditions_split_at_the_operator() {
        let c = parse_condition("summary^bad.ex").unwrap();
        assert_eq!(
            (c.field.as_str(), c.op, c.value.as_str()),
            ("summary", '^', "bad.ex")
        );
        let c = parse_condition("dateAdded<2015-10-15").unwrap();
        assert_eq!((c.op, c.value.as_str()), ('<', "2015-10-15"));
        assert!(parse_condition("=3").is_err());
        assert!(parse_condition("rating").is_err());
    }
}
