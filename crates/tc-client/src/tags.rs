//! Tags (`reference/threatconnect-api.md` §7.1): the owner's tags, tags on an item (applying
//! an unknown tag creates it), and the indicators carrying a tag.

use reqwest::Method;
use tc_model::{Group, GroupType, Indicator, IndicatorType, Tag};

use crate::client::{Client, owner_query};
use crate::error::{Error, Result};
use crate::filters::ListOptions;
use crate::paging::Paged;
use crate::path::{ApiPath, ItemRef};

/// Longest tag name ThreatConnect accepts (§7.1).
pub const MAX_TAG_LENGTH: usize = 128;

/// Checks a tag name before it goes into a path.
fn tag_name(name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::Invalid("A tag needs a name.".into()));
    }
    let n = trimmed.chars().count();
    if n > MAX_TAG_LENGTH {
        return Err(Error::Invalid(format!(
            "The tag has {n} characters, and ThreatConnect allows at most {MAX_TAG_LENGTH}."
        )));
    }
    Ok(trimmed)
}

fn item_tag_path(item: &ItemRef, name: &str) -> Result<ApiPath> {
    Ok(item.path()?.seg("tags").seg(tag_name(name)?))
}

impl Client {
    /// The owner's tags (`GET /v2/tags`), as a stream.
    pub fn tags(&self, owner: &str, options: &ListOptions) -> Paged<Tag> {
        let query = owner_query(owner).and_then(|mut q| {
            q.extend(options.query()?);
            Ok(q)
        });
        self.paged(
            Ok(ApiPath::v2().seg("tags")),
            query,
            "tag".to_owned(),
            options.checked_page_size(),
        )
    }

    /// Applies a tag to an item (`POST <item>/tags/{name}`); a tag that does not exist yet
    /// is created. Applying it twice changes nothing, so the call is retried.
    pub async fn apply_tag(&self, owner: &str, item: &ItemRef, name: &str) -> Result<()> {
        self.call(
            Method::POST,
            &item_tag_path(item, name)?,
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }

    /// Removes a tag from an item (`DELETE <item>/tags/{name}`).
    pub async fn remove_tag(&self, owner: &str, item: &ItemRef, name: &str) -> Result<()> {
        self.call(
            Method::DELETE,
            &item_tag_path(item, name)?,
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }

    /// The tags on an item (`GET <item>/tags`).
    pub async fn item_tags(&self, owner: &str, item: &ItemRef) -> Result<Vec<Tag>> {
        let options = ListOptions::new();
        self.paged(
            item.path().map(|p| p.seg("tags")),
            owner_query(owner),
            "tag".to_owned(),
            options.checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// The indicators carrying a tag (`GET /v2/tags/{name}/indicators[/{branch}]`), as a
    /// stream.
    pub fn indicators_by_tag(
        &self,
        owner: &str,
        name: &str,
        ty: Option<IndicatorType>,
        options: &ListOptions,
    ) -> Paged<Indicator> {
        let key = ty.map_or("indicator", IndicatorType::api_entity);
        self.tagged(
            owner,
            name,
            "indicators",
            ty.map(IndicatorType::branch),
            key,
            options,
        )
    }

    /// The groups carrying a tag (`GET /v2/tags/{name}/groups[/{branch}]`), as a stream.
    pub fn groups_by_tag(
        &self,
        owner: &str,
        name: &str,
        ty: Option<GroupType>,
        options: &ListOptions,
    ) -> Paged<Group> {
        let key = ty.map_or("group", GroupType::api_entity);
        self.tagged(
            owner,
            name,
            "groups",
            ty.map(GroupType::branch),
            key,
            options,
        )
    }

    /// `GET /v2/tags/{name}/{what}[/{branch}]`, items under `key`.
    fn tagged<T: serde::de::DeserializeOwned + Send + 'static>(
        &self,
        owner: &str,
        name: &str,
        what: &str,
        branch: Option<&str>,
        key: &str,
        options: &ListOptions,
    ) -> Paged<T> {
        let path = tag_name(name).map(|name| {
            let path = ApiPath::v2().seg("tags").seg(name).seg(what);
            match branch {
                Some(branch) => path.seg(branch),
                None => path,
            }
        });
        let query = owner_query(owner).and_then(|mut q| {
            q.extend(options.query()?);
            Ok(q)
        });
        self.paged(path, query, key.to_owned(), options.checked_page_size())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_are_checked_and_encoded() {
        let item = ItemRef::indicator(IndicatorType::Host, "bad.example");
        assert_eq!(
            item_tag_path(&item, "Nation State").unwrap().as_str(),
            "v2/indicators/hosts/bad.example/tags/Nation%20State"
        );
        assert!(item_tag_path(&item, "  ").is_err());
        assert!(item_tag_path(&item, &"x".repeat(129)).is_err());
        assert!(item_tag_path(&item, &"x".repeat(128)).is_ok());
    }
}
