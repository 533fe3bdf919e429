//! The type catalogues against the real sandbox: indicator types (booleans as strings) and
//! attribute types.

#![allow(clippy::unwrap_used)] // Tests unwrap: a panic is the failure report.

mod common;

use common::start;
use tc_model::IndicatorType;

#[tokio::test]
async fn indicator_types_match_the_model() {
    let (sb, c) = start().await;
    let types = c.indicator_types().await.unwrap();
    assert_eq!(types.len(), IndicatorType::ALL.len());
    for ty in IndicatorType::ALL {
        let info = types
            .iter()
            .find(|t| t.name == ty.name())
            .unwrap_or_else(|| panic!("{ty} is listed"));
        assert_eq!(info.api_branch, ty.branch(), "{ty}");
        assert_eq!(info.api_entity, ty.api_entity(), "{ty}");
        assert_eq!(
            info.custom,
            ty.is_custom(),
            "{ty}: custom read from a string"
        );
    }
    let asn = types.iter().find(|t| t.name == "ASN").unwrap();
    assert_eq!(asn.value1_label.as_deref(), Some("AS Number"));
    sb.shutdown().await;
}

#[tokio::test]
async fn attribute_types_include_description_and_source() {
    let (sb, c) = start().await;
    let types = c.attribute_types().await.unwrap();
    let names: Vec<&str> = types.iter().map(|t| t.name.as_str()).collect();
    assert!(names.contains(&"Description"), "{names:?}");
    assert!(names.contains(&"Source"), "{names:?}");
    assert!(types.iter().all(|t| t.max_size.is_some()));
    sb.shutdown().await;
}
