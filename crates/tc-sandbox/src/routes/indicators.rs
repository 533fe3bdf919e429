//! `/v2/indicators/...` (`reference/threatconnect-api.md` §5, §7).

use axum::http::{Method, StatusCode};
use serde_json::{Map, Value, json};
use tc_model::IndicatorType;
use tc_model::value::{decode_segment, normalize, summary_from_fields};

use crate::state::SandboxState;
use crate::store::indicators::{self, IndicatorFields, IndicatorRecord};
use crate::store::meta::ItemKind;

use super::associations;
use super::items::{self, Item};
use super::render::{self, Shape};
use super::request::{Fail, Reply, Req, bad_request, not_found, ok_empty, ok_list, ok_single};

/// Dispatches everything under `/v2/indicators`.
pub fn handle(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    match (&req.method, rest) {
        (&Method::GET, []) => list(state, req, None),
        (_, [branch, tail @ ..]) => {
            let ty = IndicatorType::from_branch(branch).ok_or_else(not_found)?;
            match (&req.method, tail) {
                (&Method::GET, []) => list(state, req, Some(ty)),
                (&Method::POST, []) => create(state, req, ty),
                (_, [value, tail @ ..]) => {
                    let summary = lookup_summary(ty, value)?;
                    match (&req.method, tail) {
                        (&Method::GET, []) => get(state, req, ty, &summary),
                        (&Method::PUT, []) => update(state, req, ty, &summary),
                        (&Method::DELETE, []) => delete(state, req, ty, &summary),
                        (&Method::GET, [owners]) if owners == "owners" => {
                            owners_of(state, req, ty, &summary)
                        }
                        (&Method::POST, [o]) if o == "observations" => {
                            observe(state, req, ty, &summary)
                        }
                        (&Method::GET, [o]) if o == "observations" || o == "observationCount" => {
                            observations(state, req, ty, &summary, o)
                        }
                        (&Method::POST, [fp]) if fp == "falsePositive" => {
                            false_positive(state, req, ty, &summary)
                        }
                        (_, [what, more @ ..])
                            if matches!(
                                what.as_str(),
                                "groups" | "indicators" | "associations"
                            ) =>
                        {
                            let rec = found(state, req, ty, &summary)?;
                            associations::from_indicator(state, req, &rec, what, more)
                        }
                        (_, sub) => {
                            let rec = found(state, req, ty, &summary)?;
                            items::handle_sub(
                                state,
                                req,
                                Item {
                                    kind: ItemKind::Indicator,
                                    id: rec.id,
                                    owner_id: rec.owner.id,
                                },
                                sub,
                            )
                        }
                    }
                }
                _ => Err(not_found()),
            }
        }
        _ => Err(not_found()),
    }
}

/// The canonical summary for a value in a path. A value that cannot be valid cannot
/// exist, so it is simply not found.
fn lookup_summary(ty: IndicatorType, raw: &str) -> Result<String, Fail> {
    // For a File, one hash or a full summary both normalise (any hash addresses it, quirk 6).
    let decoded = decode_segment(raw).map_err(|_| not_found())?;
    normalize(ty, &decoded).map_err(|_| not_found())
}

fn list(state: &SandboxState, req: &Req, ty: Option<IndicatorType>) -> Reply {
    let owner = req.owner(state)?;
    let query = req.list_query()?;
    let conn = state.store.conn();
    let (total, records) = indicators::list(&conn, owner.id, ty, &query)?;
    let shape = if ty.is_some() {
        Shape::Typed
    } else {
        Shape::Generic
    };
    let embed = req.embed();
    let items = records
        .iter()
        .map(|r| render::indicator(&conn, state.web_base(), r, shape, embed))
        .collect::<Result<Vec<_>, _>>()?;
    let key = ty.map_or("indicator", IndicatorType::api_entity);
    Ok(ok_list(key, total, items))
}

fn single(state: &SandboxState, req: &Req, rec: &IndicatorRecord, status: StatusCode) -> Reply {
    let conn = state.store.conn();
    let item = render::indicator(&conn, state.web_base(), rec, Shape::Single, req.embed())?;
    Ok(ok_single(status, rec.ty.api_entity(), item))
}

fn found(
    state: &SandboxState,
    req: &Req,
    ty: IndicatorType,
    summary: &str,
) -> Result<IndicatorRecord, Fail> {
    let owner = req.owner(state)?;
    let conn = state.store.conn();
    indicators::find(&conn, owner.id, ty, summary)?.ok_or_else(not_found)
}

fn get(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let rec = found(state, req, ty, summary)?;
    single(state, req, &rec, StatusCode::OK)
}

/// Reads a boolean that clients send as `true` or `"true"` (quirk 10).
fn flag(body: &Map<String, Value>, key: &str) -> Result<Option<bool>, Fail> {
    match body.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(Value::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(other) => Err(bad_request(format!(
            "{key} must be true or false, not {other}"
        ))),
    }
}

/// The writable fields of a create or update body (§5.3). `creating` allows the create-only
/// ones.
pub fn fields_from_body(
    ty: IndicatorType,
    body: &Map<String, Value>,
    creating: bool,
) -> Result<IndicatorFields, Fail> {
    let rating = match body.get("rating") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let r = v
                .as_f64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
            match r {
                Some(r) if (0.0..=5.0).contains(&r) => Some(r),
                _ => {
                    return Err(bad_request(format!(
                        "The rating must be a number from 0 to 5, not {v}"
                    )));
                }
            }
        }
    };
    let confidence = match body.get("confidence") {
        None | Some(Value::Null) => None,
        Some(v) => {
            let c = v
                .as_i64()
                .or_else(|| v.as_str().and_then(|s| s.trim().parse().ok()));
            match c {
                Some(c) if (0..=100).contains(&c) => Some(c),
                _ => {
                    return Err(bad_request(format!(
                        "The confidence must be a whole number from 0 to 100, not {v}"
                    )));
                }
            }
        }
    };
    let size = match body.get("size").or_else(|| body.get("intValue1")) {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_i64() {
            Some(s) if s >= 0 && ty == IndicatorType::File => Some(s),
            _ => {
                return Err(bad_request(format!(
                    "size must be a whole number of bytes on a File, not {v}"
                )));
            }
        },
    };
    let mut fields = IndicatorFields {
        rating,
        confidence,
        size,
        ..Default::default()
    };
    if ty == IndicatorType::Host {
        fields.dns_active = flag(body, "dnsActive")?.or(flag(body, "flag1")?);
        fields.whois_active = flag(body, "whoisActive")?.or(flag(body, "flag2")?);
    }
    if creating {
        fields.active = flag(body, "active")?;
        fields.active_locked = flag(body, "activeLocked")?;
        fields.private_flag = flag(body, "privateFlag")?;
        if fields.private_flag == Some(true) && ty.is_custom() {
            return Err(bad_request(
                "Private indicators are not allowed for custom indicator types",
            ));
        }
        fields.xid = body.get("xid").and_then(Value::as_str).map(str::to_owned);
    }
    Ok(fields)
}

fn create(state: &SandboxState, req: &Req, ty: IndicatorType) -> Reply {
    let owner = req.owner(state)?;
    let body = req.json()?;
    let summary = match summary_from_fields(ty, &body) {
        Ok(s) => s,
        Err(e) => {
            // A typed create names its value fields; `summary` is accepted as well.
            match body.get("summary").and_then(Value::as_str) {
                Some(s) => normalize(ty, s).map_err(|e| bad_request(e.reason))?,
                None => return Err(bad_request(e.reason)),
            }
        }
    };
    let fields = fields_from_body(ty, &body, true)?;
    let now = state.now_unix();
    let (rec, new) = state
        .store
        .write(|tx| indicators::upsert(tx, &owner, ty, &summary, &fields, now))?;
    single(
        state,
        req,
        &rec,
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
    )
}

fn update(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let rec = found(state, req, ty, summary)?;
    let body = req.json()?;
    let fields = fields_from_body(ty, &body, false)?;
    let now = state.now_unix();
    state
        .store
        .write(|tx| indicators::update(tx, rec.id, &fields, now))?;
    let rec = found(state, req, ty, &rec.summary)?;
    single(state, req, &rec, StatusCode::OK)
}

fn delete(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let rec = found(state, req, ty, summary)?;
    state.store.write(|tx| indicators::delete(tx, rec.id))?;
    Ok(ok_empty())
}

fn owners_of(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let conn = state.store.conn();
    let owners = indicators::owners_of(&conn, ty, summary)?;
    if owners.is_empty() {
        return Err(not_found());
    }
    let with_item = req.embed().additional;
    let items = owners
        .iter()
        .map(|(o, item)| {
            let mut v = json!({"id": o.id, "name": o.name, "type": o.owner_type.as_str()});
            if with_item {
                v["itemId"] = json!(item);
            }
            v
        })
        .collect();
    Ok(ok_list("owner", Some(owners.len() as u64), items))
}

fn observe(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let rec = found(state, req, ty, summary)?;
    let body = req.json()?;
    let count = body
        .get("count")
        .and_then(Value::as_i64)
        .filter(|c| *c > 0)
        .ok_or_else(|| bad_request("count must be a positive whole number"))?;
    let now = state.now_unix();
    state
        .store
        .write(|tx| indicators::observe(tx, rec.id, count, now))?;
    Ok(ok_empty())
}

fn observations(
    state: &SandboxState,
    req: &Req,
    ty: IndicatorType,
    summary: &str,
    which: &str,
) -> Reply {
    let rec = found(state, req, ty, summary)?;
    let mut count = json!({"count": rec.observation_count});
    if let Some(t) = rec.last_observed {
        count["dateObserved"] = json!(crate::store::iso(t));
    }
    if which == "observationCount" {
        Ok(ok_single(StatusCode::OK, "observationCount", count))
    } else {
        Ok(ok_list("observation", Some(1), vec![count]))
    }
}

fn false_positive(state: &SandboxState, req: &Req, ty: IndicatorType, summary: &str) -> Reply {
    let rec = found(state, req, ty, summary)?;
    let now = state.now_unix();
    let (count, last) = state
        .store
        .write(|tx| indicators::false_positive(tx, rec.id, now))?;
    Ok(ok_single(
        StatusCode::OK,
        "falsePositive",
        json!({"count": count, "lastReported": crate::store::iso(last)}),
    ))
}
