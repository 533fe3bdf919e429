//! What indicators and groups share: `<item>/attributes`, `<item>/tags`,
//! `<item>/securityLabels` (`reference/threatconnect-api.md` §7.1–§7.3).

use axum::http::{Method, StatusCode};
use serde_json::Value;

use crate::state::SandboxState;
use crate::store::meta::{self, AttributeInput, ItemKind};

use super::render;
use super::request::{Reply, Req, bad_request, decode, not_found, ok_empty, ok_single};

/// The item a sub-resource hangs on.
#[derive(Debug, Clone, Copy)]
pub struct Item {
    pub kind: ItemKind,
    pub id: i64,
    pub owner_id: i64,
}

/// `sub` is the path after the item.
pub fn handle_sub(state: &SandboxState, req: &Req, item: Item, sub: &[String]) -> Reply {
    let now = state.now_unix();
    let first = sub.first().map(String::as_str);
    let rest = sub.get(1..).unwrap_or_default();
    match (first, &req.method, rest) {
        (Some("tags"), &Method::GET, []) => {
            let tags = meta::item_tags(&state.store.conn(), item.kind, item.id)?;
            req.list(
                "tag",
                tags.iter()
                    .map(|t| render::tag(state.web_base(), t))
                    .collect(),
            )
        }
        (Some("tags"), &Method::POST, [name]) => {
            let name = decode(name)?;
            state
                .store
                .write(|tx| meta::apply_tag(tx, item.owner_id, item.kind, item.id, &name))?;
            Ok(ok_empty())
        }
        (Some("tags"), &Method::DELETE, [name]) => {
            let name = decode(name)?;
            state
                .store
                .write(|tx| meta::remove_tag(tx, item.owner_id, item.kind, item.id, &name))?;
            Ok(ok_empty())
        }
        (Some("securityLabels"), &Method::GET, []) => {
            let labels = meta::item_labels(&state.store.conn(), item.kind, item.id)?;
            req.list("securityLabel", labels.iter().map(render::label).collect())
        }
        (Some("securityLabels"), &Method::POST, [name]) => {
            let name = decode(name)?;
            state
                .store
                .write(|tx| meta::apply_label(tx, item.kind, item.id, &name))?;
            Ok(ok_empty())
        }
        (Some("securityLabels"), &Method::DELETE, [name]) => {
            let name = decode(name)?;
            state
                .store
                .write(|tx| meta::remove_label(tx, item.kind, item.id, &name))?;
            Ok(ok_empty())
        }
        (Some("attributes"), &Method::GET, []) => {
            let attributes = meta::attributes(&state.store.conn(), item.kind, item.id)?;
            let additional = req.embed().additional;
            req.list(
                "attribute",
                attributes
                    .iter()
                    .map(|a| render::attribute(a, additional))
                    .collect(),
            )
        }
        (Some("attributes"), &Method::POST, []) => {
            let body = req.json()?;
            let input = attribute_input(&body, true)?;
            let created = state
                .store
                .write(|tx| meta::add_attribute(tx, item.kind, item.id, &input, now))?;
            Ok(ok_single(
                StatusCode::CREATED,
                "attribute",
                render::attribute(&created, true),
            ))
        }
        (Some("attributes"), method, [id]) => {
            let id: i64 = id.parse().map_err(|_| not_found())?;
            match *method {
                Method::GET => {
                    let a = meta::attribute(&state.store.conn(), item.kind, item.id, id)?
                        .ok_or_else(not_found)?;
                    Ok(ok_single(
                        StatusCode::OK,
                        "attribute",
                        render::attribute(&a, req.embed().additional),
                    ))
                }
                Method::PUT => {
                    let body = req.json()?;
                    let input = attribute_input(&body, false)?;
                    let a = state.store.write(|tx| {
                        meta::update_attribute(tx, item.kind, item.id, id, &input, now)
                    })?;
                    Ok(ok_single(
                        StatusCode::OK,
                        "attribute",
                        render::attribute(&a, true),
                    ))
                }
                Method::DELETE => {
                    state
                        .store
                        .write(|tx| meta::delete_attribute(tx, item.kind, item.id, id))?;
                    Ok(ok_empty())
                }
                _ => Err(not_found()),
            }
        }
        _ => Err(not_found()),
    }
}

fn attribute_input(
    body: &serde_json::Map<String, Value>,
    creating: bool,
) -> Result<AttributeInput, super::request::Fail> {
    let text = |key: &str| body.get(key).and_then(Value::as_str).map(str::to_owned);
    let type_name = text("type").unwrap_or_default();
    if creating && type_name.is_empty() {
        return Err(bad_request("An attribute needs a type"));
    }
    let value = match body.get("value") {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        _ => return Err(bad_request("This attribute requires a value")),
    };
    let displayed = match body.get("displayed") {
        None | Some(Value::Null) => None,
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::String(s)) => Some(s.eq_ignore_ascii_case("true")),
        Some(other) => {
            return Err(bad_request(format!(
                "displayed must be true or false, not {other}"
            )));
        }
    };
    Ok(AttributeInput {
        type_name,
        value,
        displayed,
        source: text("source"),
        xid: text("xid"),
    })
}
