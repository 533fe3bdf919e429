//! Association paths on both sides (`reference/threatconnect-api.md` §7.4): indicator ↔
//! group, group ↔ group and typed indicator ↔ indicator. Lists return `group[]` (with
//! `type`, `ownerName`) or `indicator[]` (with `type`, `summary`).

use axum::http::Method;
use rusqlite::Connection;
use tc_model::value::{decode_segment, normalize};
use tc_model::{GroupType, IndicatorType};

use crate::state::SandboxState;
use crate::store::StoreResult;
use crate::store::assoc::{self, ASSOCIATION_TYPES};
use crate::store::groups::{self, GroupRecord};
use crate::store::indicators::{self, IndicatorRecord};

use super::render::{self, Shape};
use super::request::{Fail, Reply, Req, not_found, ok_empty, ok_list};

/// Renders a list of groups found with `find`, under one lock of the store.
fn group_list(
    state: &SandboxState,
    req: &Req,
    find: impl FnOnce(&Connection) -> StoreResult<Vec<GroupRecord>>,
) -> Reply {
    let conn = state.store.conn();
    let (total, page) = req.page_of(find(&conn)?)?;
    let embed = req.embed();
    let items = page
        .iter()
        .map(|g| render::group(&conn, state.web_base(), g, Shape::Generic, embed))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ok_list("group", total, items))
}

/// Renders a list of indicators found with `find`, under one lock of the store.
fn indicator_list(
    state: &SandboxState,
    req: &Req,
    find: impl FnOnce(&Connection) -> StoreResult<Vec<IndicatorRecord>>,
) -> Reply {
    let conn = state.store.conn();
    let (total, page) = req.page_of(find(&conn)?)?;
    let embed = req.embed();
    let items = page
        .iter()
        .map(|i| render::indicator(&conn, state.web_base(), i, Shape::Generic, embed))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(ok_list("indicator", total, items))
}

fn indicator_in(
    state: &SandboxState,
    owner_id: i64,
    branch: &str,
    raw: &str,
) -> Result<IndicatorRecord, Fail> {
    let ty = IndicatorType::from_branch(branch).ok_or_else(not_found)?;
    let value = decode_segment(raw)
        .ok()
        .and_then(|v| normalize(ty, &v).ok())
        .ok_or_else(not_found)?;
    indicators::find(&state.store.conn(), owner_id, ty, &value)?.ok_or_else(not_found)
}

fn group_in(
    state: &SandboxState,
    owner_id: i64,
    branch: &str,
    raw: &str,
) -> Result<GroupRecord, Fail> {
    let ty = GroupType::from_branch(branch).ok_or_else(not_found)?;
    let id: i64 = raw.parse().map_err(|_| not_found())?;
    groups::find(&state.store.conn(), owner_id, Some(ty), id)?.ok_or_else(not_found)
}

/// `GET .../groups[/{branch}[/{id}]]` for an item whose linked groups `linked` returns
/// (of one type, when given): the list, one type's list, or the one group if linked.
fn linked_groups(
    state: &SandboxState,
    req: &Req,
    owner: i64,
    rest: &[String],
    linked: impl FnOnce(&Connection, Option<GroupType>) -> StoreResult<Vec<GroupRecord>>,
) -> Reply {
    match rest {
        [] => group_list(state, req, |c| linked(c, None)),
        [branch] => {
            let ty = GroupType::from_branch(branch).ok_or_else(not_found)?;
            group_list(state, req, |c| linked(c, Some(ty)))
        }
        [branch, id] => {
            let one = group_in(state, owner, branch, id)?;
            let is_linked = linked(&state.store.conn(), Some(one.ty))?
                .iter()
                .any(|g| g.id == one.id);
            if !is_linked {
                return Err(not_found());
            }
            group_list(state, req, |_| Ok(vec![one]))
        }
        _ => Err(not_found()),
    }
}

/// `/v2/groups/{branch}/{id}/{indicators|groups}/...`.
pub fn from_group(
    state: &SandboxState,
    req: &Req,
    group: &GroupRecord,
    what: &str,
    rest: &[String],
) -> Reply {
    let owner = group.owner.id;
    match (what, &req.method, rest) {
        ("indicators", &Method::GET, []) => {
            indicator_list(state, req, |c| groups::indicators_of(c, group.id, None))
        }
        ("indicators", &Method::GET, [branch]) => {
            let ty = IndicatorType::from_branch(branch).ok_or_else(not_found)?;
            indicator_list(state, req, |c| groups::indicators_of(c, group.id, Some(ty)))
        }
        ("indicators", &Method::POST, [branch, value]) => {
            let ind = indicator_in(state, owner, branch, value)?;
            state
                .store
                .write(|tx| groups::associate_indicator(tx, group, &ind))?;
            Ok(ok_empty())
        }
        ("indicators", &Method::DELETE, [branch, value]) => {
            let ind = indicator_in(state, owner, branch, value)?;
            state
                .store
                .write(|tx| groups::dissociate_indicator(tx, group.id, ind.id))?;
            Ok(ok_empty())
        }
        ("groups", &Method::GET, rest) => linked_groups(state, req, owner, rest, |c, ty| {
            groups::of_group(c, group.id, ty)
        }),
        ("groups", &Method::POST, [branch, id]) => {
            let other = group_in(state, owner, branch, id)?;
            state
                .store
                .write(|tx| groups::associate_groups(tx, group, &other))?;
            Ok(ok_empty())
        }
        ("groups", &Method::DELETE, [branch, id]) => {
            let other = group_in(state, owner, branch, id)?;
            state
                .store
                .write(|tx| groups::dissociate_groups(tx, group.id, other.id))?;
            Ok(ok_empty())
        }
        _ => Err(not_found()),
    }
}

/// `/v2/indicators/{branch}/{value}/{groups|indicators|associations}/...`.
pub fn from_indicator(
    state: &SandboxState,
    req: &Req,
    ind: &IndicatorRecord,
    what: &str,
    rest: &[String],
) -> Reply {
    let owner = ind.owner.id;
    match (what, &req.method, rest) {
        ("groups", &Method::GET, rest) => linked_groups(state, req, owner, rest, |c, ty| {
            groups::of_indicator(c, ind.id, ty)
        }),
        ("groups", &Method::POST, [branch, id]) => {
            let g = group_in(state, owner, branch, id)?;
            state
                .store
                .write(|tx| groups::associate_indicator(tx, &g, ind))?;
            Ok(ok_empty())
        }
        ("groups", &Method::DELETE, [branch, id]) => {
            let g = group_in(state, owner, branch, id)?;
            state
                .store
                .write(|tx| groups::dissociate_indicator(tx, g.id, ind.id))?;
            Ok(ok_empty())
        }
        ("indicators", &Method::GET, []) => {
            indicator_list(state, req, |c| assoc::associated(c, ind.id, None, None))
        }
        ("indicators", &Method::GET, [branch]) => {
            let ty = IndicatorType::from_branch(branch).ok_or_else(not_found)?;
            indicator_list(state, req, |c| assoc::associated(c, ind.id, None, Some(ty)))
        }
        ("associations", method, [kind, i, tail @ ..]) if i == "indicators" => {
            let kind = ASSOCIATION_TYPES
                .into_iter()
                .find(|a| a.branch == kind.as_str())
                .ok_or_else(not_found)?;
            match (method, tail) {
                (&Method::GET, []) => indicator_list(state, req, |c| {
                    assoc::associated(c, ind.id, Some(kind), None)
                }),
                (&Method::GET, [branch]) => {
                    let ty = IndicatorType::from_branch(branch).ok_or_else(not_found)?;
                    indicator_list(state, req, |c| {
                        assoc::associated(c, ind.id, Some(kind), Some(ty))
                    })
                }
                (&Method::POST, [branch, value]) => {
                    let other = indicator_in(state, owner, branch, value)?;
                    state
                        .store
                        .write(|tx| assoc::associate(tx, kind, ind, &other))?;
                    Ok(ok_empty())
                }
                (&Method::DELETE, [branch, value]) => {
                    let other = indicator_in(state, owner, branch, value)?;
                    state
                        .store
                        .write(|tx| assoc::dissociate(tx, kind, ind.id, other.id))?;
                    Ok(ok_empty())
                }
                _ => Err(not_found()),
            }
        }
        _ => Err(not_found()),
    }
}
