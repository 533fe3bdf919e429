//! Associations (`reference/threatconnect-api.md` §7.4): indicator ↔ group and group ↔ group
//! from either side, and typed indicator ↔ indicator associations (`urlHost`,
//! `dnsPtrRecord`, ...). ThreatConnect does not associate items of different owners.
//!
//! Creating or removing an association twice changes nothing, so these calls are retried.

use reqwest::Method;
use tc_model::{Group, GroupType, Indicator, IndicatorType};

use crate::client::{Client, owner_query};
use crate::error::{Error, Result};
use crate::filters::ListOptions;
use crate::path::{ApiPath, ItemRef};

/// `from` + `to`: `<from>/groups/{branch}/{id}` or `<from>/indicators/{branch}/{value}`.
fn link_path(from: &ItemRef, to: &ItemRef) -> Result<ApiPath> {
    if matches!(
        (from, to),
        (ItemRef::Indicator { .. }, ItemRef::Indicator { .. })
    ) {
        return Err(Error::Invalid(
            "Two indicators are linked by a typed association (such as urlHost): use \
             associate_indicators."
                .into(),
        ));
    }
    to.append_to(from.path()?)
}

/// `/v2/indicators/{branch}/{value}/associations/{association}/indicators[/...]`.
fn typed_path(from: &ItemRef, association: &str) -> Result<ApiPath> {
    let ItemRef::Indicator { .. } = from else {
        return Err(Error::Invalid(
            "Typed associations link two indicators.".into(),
        ));
    };
    if association.trim().is_empty() {
        return Err(Error::Invalid(
            "Name the association type (such as urlHost).".into(),
        ));
    }
    Ok(from.path()?.seg("associations").seg(association.trim()))
}

fn typed_link_path(from: &ItemRef, association: &str, to: &ItemRef) -> Result<ApiPath> {
    let base = typed_path(from, association)?;
    match to {
        ItemRef::Indicator { .. } => to.append_to(base),
        ItemRef::Group { .. } => Err(Error::Invalid(
            "Typed associations link two indicators.".into(),
        )),
    }
}

impl Client {
    async fn link(&self, method: Method, owner: &str, path: Result<ApiPath>) -> Result<()> {
        self.call(method, &path?, &owner_query(owner)?, None, true)
            .await?;
        Ok(())
    }

    /// Associates a group with an indicator or another group, from either side
    /// (`POST <from>/groups/{branch}/{id}` or `POST <group>/indicators/{branch}/{value}`).
    pub async fn associate(&self, owner: &str, from: &ItemRef, to: &ItemRef) -> Result<()> {
        self.link(Method::POST, owner, link_path(from, to)).await
    }

    /// Removes an association made with [`Client::associate`] (`DELETE`, same paths).
    pub async fn dissociate(&self, owner: &str, from: &ItemRef, to: &ItemRef) -> Result<()> {
        self.link(Method::DELETE, owner, link_path(from, to)).await
    }

    /// The groups associated with an item (`GET <item>/groups[/{branch}]`).
    pub async fn associated_groups(
        &self,
        owner: &str,
        item: &ItemRef,
        ty: Option<GroupType>,
    ) -> Result<Vec<Group>> {
        let path = item.path().map(|p| {
            let p = p.seg("groups");
            match ty {
                Some(ty) => p.seg(ty.branch()),
                None => p,
            }
        });
        self.paged(
            path,
            owner_query(owner),
            "group".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// The indicators associated with an item (`GET <item>/indicators[/{branch}]`): for a
    /// group, its indicators; for an indicator, every indicator linked to it by any
    /// association type.
    pub async fn associated_indicators(
        &self,
        owner: &str,
        item: &ItemRef,
        ty: Option<IndicatorType>,
    ) -> Result<Vec<Indicator>> {
        let path = item.path().map(|p| {
            let p = p.seg("indicators");
            match ty {
                Some(ty) => p.seg(ty.branch()),
                None => p,
            }
        });
        self.paged(
            path,
            owner_query(owner),
            "indicator".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// Links two indicators with a typed association
    /// (`POST /v2/indicators/{branch}/{value}/associations/{association}/indicators/{branch2}/{value2}`).
    pub async fn associate_indicators(
        &self,
        owner: &str,
        association: &str,
        from: &ItemRef,
        to: &ItemRef,
    ) -> Result<()> {
        self.link(Method::POST, owner, typed_link_path(from, association, to))
            .await
    }

    /// Removes a typed association between two indicators (`DELETE`, same path).
    pub async fn dissociate_indicators(
        &self,
        owner: &str,
        association: &str,
        from: &ItemRef,
        to: &ItemRef,
    ) -> Result<()> {
        self.link(
            Method::DELETE,
            owner,
            typed_link_path(from, association, to),
        )
        .await
    }

    /// The indicators linked to one by a typed association
    /// (`GET .../associations/{association}/indicators[/{branch}]`).
    pub async fn typed_associations(
        &self,
        owner: &str,
        from: &ItemRef,
        association: &str,
        ty: Option<IndicatorType>,
    ) -> Result<Vec<Indicator>> {
        let path = typed_path(from, association).map(|p| {
            let p = p.seg("indicators");
            match ty {
                Some(ty) => p.seg(ty.branch()),
                None => p,
            }
        });
        self.paged(
            path,
            owner_query(owner),
            "indicator".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn association_paths_from_both_sides() {
        let host = ItemRef::indicator(IndicatorType::Host, "bad.example");
        let incident = ItemRef::group(GroupType::Incident, 9);
        assert_eq!(
            link_path(&host, &incident).unwrap().as_str(),
            "v2/indicators/hosts/bad.example/groups/incidents/9"
        );
        assert_eq!(
            link_path(&incident, &host).unwrap().as_str(),
            "v2/groups/incidents/9/indicators/hosts/bad.example"
        );
        let url = ItemRef::indicator(IndicatorType::Url, "http://bad.example/x");
        assert!(link_path(&url, &host).is_err(), "needs a typed association");
        assert_eq!(
            typed_link_path(&url, "urlHost", &host).unwrap().as_str(),
            "v2/indicators/urls/http%3A%2F%2Fbad.example%2Fx/associations/urlHost/indicators/hosts/bad.example"
        );
        assert!(typed_link_path(&url, "urlHost", &incident).is_err());
        assert!(typed_link_path(&incident, "urlHost", &url).is_err());
    }
}
