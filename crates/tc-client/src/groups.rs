//! Groups (`reference/threatconnect-api.md` §6): list, get, create, update, delete.

use reqwest::Method;
use serde_json::{Map, Value, json};
use tc_model::{Group, GroupType};

use crate::client::{Client, decode_single, owner_query, require_data};
use crate::error::{Error, Result};
use crate::filters::{Includes, ListOptions, iso_utc};
use crate::paging::{Page, Paged};
use crate::path::ApiPath;

/// A new group: its type, name, optional `xid`, and the type-specific fields (§6.1:
/// `eventDate` for Incidents and Events, `fileName` for Documents and Reports, ...).
#[derive(Debug, Clone, PartialEq)]
pub struct NewGroup {
    pub ty: GroupType,
    pub name: String,
    /// With an xid the create is an upsert by xid (and is retried); without one, every
    /// create makes a new group (and is never re-sent once it may have reached the server).
    pub xid: Option<String>,
    pub fields: Map<String, Value>,
}

impl NewGroup {
    /// A group of type `ty` named `name`.
    pub fn new(ty: GroupType, name: impl Into<String>) -> Self {
        NewGroup {
            ty,
            name: name.into(),
            xid: None,
            fields: Map::new(),
        }
    }

    /// Sets the external id.
    pub fn xid(mut self, xid: impl Into<String>) -> Self {
        self.xid = Some(xid.into());
        self
    }

    /// Sets a type-specific field as ThreatConnect names it (`"fileName"`, `"status"`, ...).
    pub fn field(mut self, name: impl Into<String>, value: Value) -> Self {
        self.fields.insert(name.into(), value);
        self
    }

    /// Sets `eventDate` (Incident, Event), as `YYYY-MM-DDTHH:MM:SSZ`.
    pub fn event_date(self, date: impl Into<time::OffsetDateTime>) -> Self {
        self.field("eventDate", json!(iso_utc(date.into())))
    }

    /// Sets `status` (Incident, Event).
    pub fn status(self, status: impl Into<String>) -> Self {
        self.field("status", json!(status.into()))
    }

    /// The JSON body of `POST /v2/groups/{branch}`. Missing required fields (§6.1) are
    /// refused here, before anything is sent.
    pub fn to_body(&self) -> Result<Value> {
        if self.name.trim().is_empty() {
            return Err(Error::Invalid(format!(
                "A {} needs a name.",
                self.ty.name()
            )));
        }
        for required in self.ty.required_fields() {
            if self.fields.get(*required).is_none_or(Value::is_null) {
                return Err(Error::Invalid(format!(
                    "A {} needs {required}.",
                    self.ty.name()
                )));
            }
        }
        let mut body = self.fields.clone();
        body.insert("name".into(), json!(self.name));
        if let Some(xid) = &self.xid {
            body.insert("xid".into(), json!(xid));
        }
        Ok(Value::Object(body))
    }
}

/// The fields of a group update: a new name and/or type-specific fields.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GroupUpdate {
    pub name: Option<String>,
    pub fields: Map<String, Value>,
}

impl GroupUpdate {
    /// Nothing changed yet.
    pub fn new() -> Self {
        GroupUpdate::default()
    }

    /// Renames the group.
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets a type-specific field.
    pub fn field(mut self, name: impl Into<String>, value: Value) -> Self {
        self.fields.insert(name.into(), value);
        self
    }

    /// The JSON body of `PUT /v2/groups/{branch}/{id}`.
    pub fn to_body(&self) -> Value {
        let mut body = self.fields.clone();
        if let Some(name) = &self.name {
            body.insert("name".into(), json!(name));
        }
        Value::Object(body)
    }
}

fn groups_path(ty: Option<GroupType>) -> ApiPath {
    let path = ApiPath::v2().seg("groups");
    match ty {
        Some(ty) => path.seg(ty.branch()),
        None => path,
    }
}

fn group_path(ty: GroupType, id: i64) -> ApiPath {
    groups_path(Some(ty)).id(id)
}

fn list_key(ty: Option<GroupType>) -> &'static str {
    ty.map_or("group", GroupType::api_entity)
}

fn list_query(owner: &str, options: &ListOptions) -> Result<Vec<(String, String)>> {
    let mut query = owner_query(owner)?;
    query.extend(options.query()?);
    Ok(query)
}

fn single(data: Option<Value>, ty: GroupType) -> Result<Group> {
    decode_single(&require_data(data)?, ty.api_entity())
}

impl Client {
    /// One page of groups of `owner`, of one type (`GET /v2/groups/{branch}`) or all
    /// (`GET /v2/groups`, items with `type`).
    pub async fn list_groups(
        &self,
        owner: &str,
        ty: Option<GroupType>,
        options: &ListOptions,
        start: usize,
    ) -> Result<Page<Group>> {
        let query = list_query(owner, options)?;
        let limit = options.checked_page_size()?;
        self.page(&groups_path(ty), &query, list_key(ty), start, limit)
            .await
    }

    /// Every group of `owner` (of one type, or all) as a stream.
    pub fn groups(
        &self,
        owner: &str,
        ty: Option<GroupType>,
        options: &ListOptions,
    ) -> Paged<Group> {
        self.paged(
            Ok(groups_path(ty)),
            list_query(owner, options),
            list_key(ty).to_owned(),
            options.checked_page_size(),
        )
    }

    /// One group (`GET /v2/groups/{branch}/{id}`).
    pub async fn get_group(
        &self,
        owner: &str,
        ty: GroupType,
        id: i64,
        includes: Includes,
    ) -> Result<Group> {
        let mut query = owner_query(owner)?;
        includes.push_query(&mut query);
        let response = self
            .call(Method::GET, &group_path(ty, id), &query, None, true)
            .await?;
        single(response.data, ty)
    }

    /// Creates a group (`POST /v2/groups/{branch}`). Retried only when it has an xid.
    pub async fn create_group(&self, owner: &str, new: &NewGroup) -> Result<Group> {
        let body = new.to_body()?;
        let response = self
            .call(
                Method::POST,
                &groups_path(Some(new.ty)),
                &owner_query(owner)?,
                Some(body),
                new.xid.is_some(),
            )
            .await?;
        single(response.data, new.ty)
    }

    /// Updates a group (`PUT /v2/groups/{branch}/{id}`).
    pub async fn update_group(
        &self,
        owner: &str,
        ty: GroupType,
        id: i64,
        update: &GroupUpdate,
    ) -> Result<Group> {
        let response = self
            .call(
                Method::PUT,
                &group_path(ty, id),
                &owner_query(owner)?,
                Some(update.to_body()),
                true,
            )
            .await?;
        single(response.data, ty)
    }

    /// Deletes a group (`DELETE /v2/groups/{branch}/{id}`).
    pub async fn delete_group(&self, owner: &str, ty: GroupType, id: i64) -> Result<()> {
        self.call(
            Method::DELETE,
            &group_path(ty, id),
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn required_fields_are_checked_before_sending() {
        let err = NewGroup::new(GroupType::Incident, "Phish wave")
            .to_body()
            .unwrap_err();
        assert!(matches!(err, Error::Invalid(m) if m.contains("eventDate")));
        let body = NewGroup::new(GroupType::Incident, "Phish wave")
            .event_date(datetime!(2024-01-01 02:00 +02:00))
            .status("New")
            .xid("feed:incident:42")
            .to_body()
            .unwrap();
        assert_eq!(
            body,
            json!({"name": "Phish wave", "eventDate": "2024-01-01T00:00:00Z",
                   "status": "New", "xid": "feed:incident:42"})
        );
        assert!(NewGroup::new(GroupType::Adversary, " ").to_body().is_err());
    }
}
