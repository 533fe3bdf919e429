//! Security labels (`reference/threatconnect-api.md` §7.3). A label must exist before it is
//! applied: v2 REST has no call to create one.

use reqwest::Method;
use tc_model::SecurityLabel;

use crate::client::{Client, owner_query};
use crate::error::{Error, Result};
use crate::filters::ListOptions;
use crate::path::{ApiPath, ItemRef};

fn label_name(name: &str) -> Result<&str> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Err(Error::Invalid("A security label needs a name.".into()));
    }
    Ok(trimmed)
}

fn item_label_path(item: &ItemRef, name: &str) -> Result<ApiPath> {
    Ok(item.path()?.seg("securityLabels").seg(label_name(name)?))
}

impl Client {
    /// Every security label visible in `owner` (`GET /v2/securityLabels`).
    pub async fn security_labels(&self, owner: &str) -> Result<Vec<SecurityLabel>> {
        self.paged(
            Ok(ApiPath::v2().seg("securityLabels")),
            owner_query(owner),
            "securityLabel".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// Applies an existing label to an item (`POST <item>/securityLabels/{name}`). An
    /// unknown label is refused by the server. Retried: applying twice changes nothing.
    pub async fn apply_label(&self, owner: &str, item: &ItemRef, name: &str) -> Result<()> {
        self.call(
            Method::POST,
            &item_label_path(item, name)?,
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }

    /// Removes a label from an item (`DELETE <item>/securityLabels/{name}`).
    pub async fn remove_label(&self, owner: &str, item: &ItemRef, name: &str) -> Result<()> {
        self.call(
            Method::DELETE,
            &item_label_path(item, name)?,
            &owner_query(owner)?,
            None,
            true,
        )
        .await?;
        Ok(())
    }

    /// The labels on an item (`GET <item>/securityLabels`).
    pub async fn item_labels(&self, owner: &str, item: &ItemRef) -> Result<Vec<SecurityLabel>> {
        self.paged(
            item.path().map(|p| p.seg("securityLabels")),
            owner_query(owner),
            "securityLabel".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tc_model::GroupType;

    #[test]
    fn label_names_are_one_encoded_segment() {
        let item = ItemRef::group(GroupType::Incident, 4);
        assert_eq!(
            item_label_path(&item, "TLP:AMBER+STRICT").unwrap().as_str(),
            "v2/groups/incidents/4/securityLabels/TLP%3AAMBER%2BSTRICT"
        );
        assert!(item_label_path(&item, "").is_err());
    }
}
