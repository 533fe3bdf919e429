//! The instance's type catalogues (`reference/threatconnect-api.md` §5.1, §7.2). They are the
//! same in every owner, so these calls take no owner.

use tc_model::wire::{AttributeTypeInfo, IndicatorTypeInfo};

use crate::client::Client;
use crate::error::Result;
use crate::filters::ListOptions;
use crate::path::ApiPath;

impl Client {
    /// The indicator types (`GET /v2/types/indicatorTypes`); booleans arrive as strings.
    pub async fn indicator_types(&self) -> Result<Vec<IndicatorTypeInfo>> {
        self.paged(
            Ok(ApiPath::v2().seg("types").seg("indicatorTypes")),
            Ok(Vec::new()),
            "indicatorType".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }

    /// The attribute types (`GET /v2/types/attributeTypes`).
    pub async fn attribute_types(&self) -> Result<Vec<AttributeTypeInfo>> {
        self.paged(
            Ok(ApiPath::v2().seg("types").seg("attributeTypes")),
            Ok(Vec::new()),
            "attributeType".to_owned(),
            ListOptions::new().checked_page_size(),
        )
        .collect_all()
        .await
    }
}
