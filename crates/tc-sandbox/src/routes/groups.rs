//! `/v2/groups/...` (`reference/threatconnect-api.md` §6, §7.4).

use axum::http::{Method, StatusCode};
use serde_json::{Map, Value};
use tc_model::GroupType;

use crate::state::SandboxState;
use crate::store::groups::{self, GroupRecord};
use crate::store::meta::ItemKind;

use super::associations;
use super::items::{self, Item};
use super::render::{self, Shape};
use super::request::{Fail, Reply, Req, bad_request, not_found, ok_empty, ok_list, ok_single};

/// Dispatches everything under `/v2/groups`.
pub fn handle(state: &SandboxState, req: &Req, rest: &[String]) -> Reply {
    match (&req.method, rest) {
        (&Method::GET, []) => list(state, req, None),
        (_, [branch, tail @ ..]) => {
            let ty = GroupType::from_branch(branch).ok_or_else(not_found)?;
            match (&req.method, tail) {
                (&Method::GET, []) => list(state, req, Some(ty)),
                (&Method::POST, []) => create(state, req, ty),
                (_, [id, tail @ ..]) => {
                    let group = found(state, req, Some(ty), id)?;
                    match (&req.method, tail) {
                        (&Method::GET, []) => single(state, req, &group, StatusCode::OK),
                        (&Method::PUT, []) => update(state, req, &group),
                        (&Method::DELETE, []) => {
                            state.store.write(|tx| groups::delete(tx, group.id))?;
                            Ok(ok_empty())
                        }
                        (_, [what, more @ ..]) if what == "indicators" || what == "groups" => {
                            associations::from_group(state, req, &group, what, more)
                        }
                        (_, sub) => items::handle_sub(
                            state,
                            req,
                            Item {
                                kind: ItemKind::Group,
                                id: group.id,
                                owner_id: group.owner.id,
                            },
                            sub,
                        ),
                    }
                }
                _ => Err(not_found()),
            }
        }
        _ => Err(not_found()),
    }
}

/// A group of the request's owner by the id in a path.
pub fn found(
    state: &SandboxState,
    req: &Req,
    ty: Option<GroupType>,
    id: &str,
) -> Result<GroupRecord, Fail> {
    let owner = req.owner(state)?;
    let id: i64 = id.parse().map_err(|_| not_found())?;
    groups::find(&state.store.conn(), owner.id, ty, id)?.ok_or_else(not_found)
}

fn list(state: &SandboxState, req: &Req, ty: Option<GroupType>) -> Reply {
    let owner = req.owner(state)?;
    let query = req.list_query()?;
    let conn = state.store.conn();
    let (total, records) = groups::list(&conn, owner.id, ty, &query)?;
    let shape = if ty.is_some() {
        Shape::Typed
    } else {
        Shape::Generic
    };
    let embed = req.embed();
    let items = records
        .iter()
        .map(|g| render::group(&conn, state.web_base(), g, shape, embed))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ok_list(
        ty.map_or("group", GroupType::api_entity),
        total,
        items,
    ))
}

pub fn single(state: &SandboxState, req: &Req, g: &GroupRecord, status: StatusCode) -> Reply {
    let conn = state.store.conn();
    let item = render::group(&conn, state.web_base(), g, Shape::Single, req.embed())?;
    Ok(ok_single(status, g.ty.api_entity(), item))
}

/// The type-specific fields of a body: everything but what every group has.
fn type_fields(body: &Map<String, Value>) -> Map<String, Value> {
    const COMMON: [&str; 10] = [
        "id",
        "name",
        "type",
        "owner",
        "ownerName",
        "dateAdded",
        "lastModified",
        "webLink",
        "xid",
        "attribute",
    ];
    body.iter()
        .filter(|(k, _)| !COMMON.contains(&k.as_str()) && *k != "tag" && *k != "securityLabel")
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

fn create(state: &SandboxState, req: &Req, ty: GroupType) -> Reply {
    let owner = req.owner(state)?;
    let body = req.json()?;
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .ok_or_else(|| bad_request(format!("A {} needs a name", ty.name())))?
        .to_owned();
    let xid = body.get("xid").and_then(Value::as_str).map(str::to_owned);
    let fields = type_fields(&body);
    let now = state.now_unix();
    let (g, new) = state
        .store
        .write(|tx| groups::upsert(tx, &owner, ty, &name, xid.as_deref(), &fields, now))?;
    single(
        state,
        req,
        &g,
        if new {
            StatusCode::CREATED
        } else {
            StatusCode::OK
        },
    )
}

fn update(state: &SandboxState, req: &Req, g: &GroupRecord) -> Reply {
    let body = req.json()?;
    let name = body.get("name").and_then(Value::as_str).map(str::to_owned);
    let fields = type_fields(&body);
    let now = state.now_unix();
    state
        .store
        .write(|tx| groups::update(tx, g.id, name.as_deref(), &fields, now))?;
    let g = groups::get(&state.store.conn(), g.id)?.ok_or_else(not_found)?;
    single(state, req, &g, StatusCode::OK)
}
