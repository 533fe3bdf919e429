//! Attributes on indicators and groups (`reference/threatconnect-api.md` §7.2).

use reqwest::Method;
use serde_json::{Map, Value, json};
use tc_model::Attribute;

use crate::client::{Client, decode_single, owner_query, require_data};
use crate::error::{Error, Result};
use crate::filters::ListOptions;
use crate::path::{ApiPath, ItemRef};

/// A new attribute: its type name (`"Description"`, `"Source"`, ...) and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttribute {
    pub type_name: String,
    pub value: String,
    /// Shown as the item's `description`/`source` (Description and Source types).
    pub displayed: Option<bool>,
    pub source: Option<String>,
}

impl NewAttribute {
    /// An attribute of type `type_name` with `value`.
    pub fn new(type_name: impl Into<String>, value: impl Into<String>) -> Self {
        NewAttribute {
            type_name: type_name.into(),
            value: value.into(),
            displayed: None,
            source: None,
        }
    }

    /// Sets `displayed`.
    pub fn displayed(mut self, displayed: bool) -> Self {
        self.displayed = Some(displayed);
        self
    }

    /// Sets the attribute's `source`.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The JSON body of `POST <item>/attributes`.
    pub fn to_body(&self) -> Result<Value> {
        if self.type_name.trim().is_empty() {
            return Err(Error::Invalid("An attribute needs a type.".into()));
        }
        let mut body = Map::new();
        body.insert("type".into(), json!(self.type_name));
        body.insert("value".into(), json!(self.value));
        extras(&mut body, self.displayed, self.source.as_deref());
        Ok(Value::Object(body))
    }
}

/// A change to an attribute: its value (required by ThreatConnect), `displayed`, `source`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeUpdate {
    pub value: String,
    pub displayed: Option<bool>,
    pub source: Option<String>,
}

impl AttributeUpdate {
    /// A new value.
    pub fn new(value: impl Into<String>) -> Self {
        AttributeUpdate {
            value: value.into(),
            displayed: None,
            source: None,
        }
    }

    /// Sets `displayed`.
    pub fn displayed(mut self, displayed: bool) -> Self {
        self.displayed = Some(displayed);
        self
    }

    /// Sets the attribute's `source`.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The JSON body of `PUT <item>/attributes/{id}`.
    pub fn to_body(&self) -> Value {
        let mut body = Map::new();
        body.insert("value".into(), json!(self.value));
        extras(&mut body, self.displayed, self.source.as_deref());
        Value::Object(body)
    }
}

fn extras(body: &mut Map<String, Value>, displayed: Option<bool>, source: Option<&str>) {
    if let Some(displayed) = displayed {
        body.insert("displayed".into(), json!(displayed));
    }
    if let Some(source) = source {
        body.insert("source".into(), json!(source));
    }
}

fn attributes_path(item: &ItemRef) -> Result<ApiPath> {
    Ok(item.path()?.seg("attributes"))
}

fn single(data: Option<Value>) -> Result<Attribute> {
    decode_single(&require_data(data)?, "attribute")
}

impl Client {
    /// The attributes of an item (`GET <item>/attributes`).
    pub async fn attributes(&self, owner: &str, item: &ItemRef) -> Result<Vec<Attribute>> {
        self.paged(
            attributes_path(item),
            owner_query(owner),
            "attribute".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// One attribute (`GET <item>/attributes/{id}`).
    pub async fn attribute(&self, owner: &str, item: &ItemRef, id: i64) -> Result<Attribute> {
        let response = self
            .call(
                Method::GET,
                &attributes_path(item)?.id(id),
                &owner_query(owner)?,
                None,
                true,
            )
            .await?;
        single(response.data)
    }

    /// Adds an attribute (`POST <item>/attributes`). Not idempotent: each call adds one, so
    /// it is never re-sent once it may have reached the server.
    pub async fn create_attribute(
        &self,
        owner: &str,
        item: &ItemRef,
        new: &NewAttribute,
    ) -> Result<Attribute> {
        let response = self
            .call(
                Method::POST,
                &attributes_path(item)?,
                &owner_query(owner)?,
                Some(new.to_body()?),
                false,
            )
            .await?;
        single(response.data)
    }

    /// Changes an attribute (`PUT <item>/attributes/{id}`).
    pub async fn update_attribute(
        &self,
        owner: &str,
        item: &ItemRef,
        id: i64,
        update: &AttributeUpdate,
    ) -> Result<Attribute> {
        let response = self
            .call(
                Method::PUT,
                &attributes_path(item)?.id(id),
                &owner_query(owner)?,
                Some(update.to_body()),
                true,
            )
            .await?;
        single(response.data)
    }

    /// Deletes an attribute (`DELETE <item>/attributes/{id}`).
    pub async fn delete_attribute(&self, owner: &str, item: &ItemRef, id: i64) -> Result<()> {
        self.call(
            Method::DELETE,
            &attributes_path(item)?.id(id),
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

    #[test]
    fn bodies() {
        assert_eq!(
            NewAttribute::new("Description", "C2 host")
                .displayed(true)
                .source("feed")
                .to_body()
                .unwrap(),
            json!({"type": "Description", "value": "C2 host", "displayed": true, "source": "feed"})
        );
        assert!(NewAttribute::new("", "x").to_body().is_err());
        assert_eq!(AttributeUpdate::new("v2").to_body(), json!({"value": "v2"}));
    }
}
