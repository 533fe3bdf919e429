//! Owner-wide lists: `/v2/tags`, `/v2/securityLabels`, `/v2/types/...` (§5.1, §7).

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};
use tc_model::{GroupType, IndicatorType};

use crate::state::SandboxState;
use crate::store::assoc::{ASSOCIATION_TYPES, AssociationType};
use crate::store::meta;
use crate::store::{groups, indicators};

use super::render::{self, Shape};
use super::request::{Reply, Req, bad_request, decode, not_found, ok_empty, ok_list, ok_single};

/// `/v2/tags[/{name}[/indicators[/{branch}]]]`.
pub fn tags(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    let owner = req.owner(state)?;
    match (&req.method, rest) {
        (&Method::GET, []) => {
            let tags = meta::owner_tags(&state.store.conn(), owner.id)?;
            let query = req.list_query()?;
            let total = (query.start == 0).then_some(tags.len() as u64);
            let page = tags
                .iter()
                .skip(query.start)
                .take(query.limit)
                .map(|t| render::tag(state.web_base(), t))
                .collect();
            Ok(ok_list("tag", total, page))
        }
        (&Method::GET, [name]) => {
            let name = decode(name)?;
            let tags = meta::owner_tags(&state.store.conn(), owner.id)?;
            let tag = tags.iter().find(|t| t.name == name).ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "tag",
                render::tag(state.web_base(), tag),
            ))
        }
        (&Method::POST, []) => {
            let body = req.json()?;
            let name = body
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| bad_request("A tag needs a name"))?
                .to_owned();
            let description = body.get("description").and_then(Value::as_str);
            state
                .store
                .write(|tx| meta::create_tag(tx, owner.id, &name, description))?;
            let tags = meta::owner_tags(&state.store.conn(), owner.id)?;
            let tag = tags
                .iter()
                .find(|t| t.name == name.trim())
                .ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::CREATED,
                "tag",
                render::tag(state.web_base(), tag),
            ))
        }
        (&Method::PUT, [name]) => {
            let name = decode(name)?;
            let body = req.json()?;
            let new_name = body
                .get("name")
                .and_then(Value::as_str)
                .unwrap_or(&name)
                .to_owned();
            let description = body.get("description").and_then(Value::as_str);
            state
                .store
                .write(|tx| meta::rename_tag(tx, owner.id, &name, &new_name, description))?;
            let tags = meta::owner_tags(&state.store.conn(), owner.id)?;
            let tag = tags
                .iter()
                .find(|t| t.name == new_name.trim())
                .ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "tag",
                render::tag(state.web_base(), tag),
            ))
        }
        (&Method::DELETE, [name]) => {
            let name = decode(name)?;
            state
                .store
                .write(|tx| meta::delete_tag(tx, owner.id, &name))?;
            Ok(ok_empty())
        }
        (&Method::GET, [name, what, tail @ ..]) => {
            let mut query = req.list_query()?;
            query.tagged = Some(decode(name)?);
            marked_items(state, req, owner.id, query, what, tail)
        }
        _ => Err(not_found()),
    }
}

/// `/v2/securityLabels[/{name}[/{indicators|groups}[/{branch}]]]`.
pub fn labels(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    match (&req.method, rest) {
        (&Method::GET, []) => {
            let labels = meta::labels(&state.store.conn())?;
            req.list("securityLabel", labels.iter().map(render::label).collect())
        }
        (&Method::GET, [name]) => {
            let label = meta::label(&state.store.conn(), &decode(name)?)?.ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "securityLabel",
                render::label(&label),
            ))
        }
        (&Method::DELETE, [name]) => {
            let name = decode(name)?;
            state.store.write(|tx| meta::delete_label(tx, &name))?;
            Ok(ok_empty())
        }
        (&Method::GET, [name, what, tail @ ..]) => {
            let owner = req.owner(state)?;
            let mut query = req.list_query()?;
            query.labelled = Some(decode(name)?);
            marked_items(state, req, owner.id, query, what, tail)
        }
        _ => Err(not_found()),
    }
}

/// The indicators or groups (`what`) carrying a tag or label, of all types or of the one
/// named in `tail`.
fn marked_items(
    state: &SandboxState,
    req: &Req,
    owner_id: i64,
    query: indicators::ListQuery,
    what: &str,
    tail: &[String],
) -> Reply {
    let branch = match tail {
        [] => None,
        [branch] => Some(branch.as_str()),
        _ => return Err(not_found()),
    };
    let shape = if branch.is_some() {
        Shape::Typed
    } else {
        Shape::Generic
    };
    let embed = req.embed();
    let conn = state.store.conn();
    let (key, total, items) = match what {
        "indicators" => {
            let ty = branch
                .map(|b| IndicatorType::from_branch(b).ok_or_else(not_found))
                .transpose()?;
            let (total, records) = indicators::list(&conn, owner_id, ty, &query)?;
            let items = records
                .iter()
                .map(|r| render::indicator(&conn, state.web_base(), r, shape, embed))
                .collect::<Result<Vec<_>, _>>()?;
            (
                ty.map_or("indicator", IndicatorType::api_entity),
                total,
                items,
            )
        }
        "groups" => {
            let ty = branch
                .map(|b| GroupType::from_branch(b).ok_or_else(not_found))
                .transpose()?;
            let (total, records) = groups::list(&conn, owner_id, ty, &query)?;
            let items = records
                .iter()
                .map(|g| render::group(&conn, state.web_base(), g, shape, embed))
                .collect::<Result<Vec<_>, _>>()?;
            (ty.map_or("group", GroupType::api_entity), total, items)
        }
        _ => return Err(not_found()),
    };
    Ok(ok_list(key, total, items))
}

/// `/v2/types/indicatorTypes[/{apiEntity}]`, `/v2/types/attributeTypes[/{name}]`.
pub fn types(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    let additional = req.embed().additional;
    match (&req.method, rest) {
        (&Method::GET, [kind]) if kind == "indicatorTypes" => {
            let items: Vec<Value> = IndicatorType::ALL
                .iter()
                .map(|t| indicator_type(*t, additional))
                .collect();
            req.list("indicatorType", items)
        }
        (&Method::GET, [kind, entity]) if kind == "indicatorTypes" => {
            let ty = IndicatorType::from_api_entity(entity).ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "indicatorType",
                indicator_type(ty, additional),
            ))
        }
        (&Method::GET, [kind]) if kind == "associationTypes" => req.list(
            "associationType",
            ASSOCIATION_TYPES.iter().map(association_type).collect(),
        ),
        (&Method::GET, [kind, name]) if kind == "associationTypes" => {
            let name = decode(name)?;
            let t = ASSOCIATION_TYPES
                .iter()
                .find(|t| t.name == name || t.branch == name)
                .ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "associationType",
                association_type(t),
            ))
        }
        (&Method::GET, [kind]) if kind == "attributeTypes" => {
            let types = meta::attribute_types(&state.store.conn())?;
            let items: Vec<Value> = types.iter().map(attribute_type).collect();
            req.list("attributeType", items)
        }
        (&Method::GET, [kind, name]) if kind == "attributeTypes" => {
            let name = decode(name)?;
            let types = meta::attribute_types(&state.store.conn())?;
            let t = types
                .iter()
                .find(|t| t.name == name)
                .ok_or_else(not_found)?;
            Ok(ok_single(
                StatusCode::OK,
                "attributeType",
                attribute_type(t),
            ))
        }
        _ => Err(not_found()),
    }
}

/// An indicator type; its booleans are strings (quirk 10).
fn indicator_type(t: IndicatorType, additional: bool) -> Value {
    let text = |b: bool| if b { "true" } else { "false" };
    let mut v = json!({
        "name": t.name(),
        "custom": text(t.is_custom()),
        "parsable": text(!t.is_custom() || t == IndicatorType::Asn || t == IndicatorType::Cidr),
        "apiBranch": t.branch(),
        "apiEntity": t.api_entity(),
    });
    if t.is_custom() {
        v["casePreference"] = json!(if t == IndicatorType::Asn {
            "upper"
        } else {
            "sensitive"
        });
        for (i, label) in t.value_fields().iter().enumerate() {
            v[format!("value{}Label", i + 1)] = json!(label);
            v[format!("value{}Type", i + 1)] =
                json!(if t == IndicatorType::RegistryKey && i == 2 {
                    "selectone"
                } else {
                    "text"
                });
        }
    }
    if additional {
        let keys: serde_json::Map<String, Value> = t
            .value_fields()
            .iter()
            .enumerate()
            .map(|(i, f)| (format!("key{}", i + 1), json!(f)))
            .collect();
        v["keys"] = Value::Object(keys);
    }
    v
}

/// An association type; its booleans are strings (quirk 10).
fn association_type(t: &AssociationType) -> Value {
    json!({"name": t.name, "custom": "false", "fileAction": "false", "apiBranch": t.branch})
}

fn attribute_type(t: &meta::AttributeTypeRecord) -> Value {
    let mut v = json!({"name": t.name, "maxSize": t.max_size, "allowMarkdown": t.allow_markdown});
    if let Some(d) = &t.description {
        v["description"] = json!(d);
    }
    if let Some(e) = &t.error_message {
        v["errorMessage"] = json!(e);
    }
    v
}
