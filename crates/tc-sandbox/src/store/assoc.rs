//! Typed indicator-to-indicator associations (`reference/threatconnect-api.md` §7.4).

use rusqlite::{Connection, params};
use tc_model::IndicatorType;

use super::indicators::{self, IndicatorRecord};
use super::{StoreError, StoreResult};
use tc_model::messages::RESOURCE_NOT_FOUND;

/// A built-in association type: its name, its API branch and the type pairs it links.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssociationType {
    pub name: &'static str,
    pub branch: &'static str,
    pub pairs: &'static [(IndicatorType, IndicatorType)],
}

use IndicatorType as T;

/// The association types every instance has.
pub const ASSOCIATION_TYPES: [AssociationType; 8] = [
    AssociationType {
        name: "Address to User Agent",
        branch: "addressToUserAgent",
        pairs: &[(T::Address, T::UserAgent)],
    },
    AssociationType {
        name: "ASN to Address",
        branch: "asnToAddress",
        pairs: &[(T::Asn, T::Address)],
    },
    AssociationType {
        name: "ASN to CIDR",
        branch: "asnToCidr",
        pairs: &[(T::Asn, T::Cidr)],
    },
    AssociationType {
        name: "CIDR to Address",
        branch: "cidrToAddress",
        pairs: &[(T::Cidr, T::Address)],
    },
    AssociationType {
        name: "DNS PTR Record",
        branch: "dnsPtrRecord",
        pairs: &[(T::Address, T::Host)],
    },
    AssociationType {
        name: "Domain Registrant",
        branch: "domainRegistrant",
        pairs: &[(T::Host, T::EmailAddress)],
    },
    AssociationType {
        name: "File Download",
        branch: "fileDownload",
        pairs: &[(T::Url, T::File)],
    },
    AssociationType {
        name: "URL Host",
        branch: "urlHost",
        pairs: &[(T::Url, T::Address), (T::Url, T::Host)],
    },
];

/// The association type with this branch or name.
pub fn association_type(key: &str) -> Option<AssociationType> {
    ASSOCIATION_TYPES
        .into_iter()
        .find(|a| a.branch == key || a.name.eq_ignore_ascii_case(key))
}

impl AssociationType {
    /// True when this type may link indicators of these two types (either way round).
    pub fn allows(&self, x: IndicatorType, y: IndicatorType) -> bool {
        self.pairs
            .iter()
            .any(|&(a, b)| (a, b) == (x, y) || (b, a) == (x, y))
    }
}

/// Links two indicators of the same owner with an association type that allows them.
pub fn associate(
    conn: &Connection,
    kind: AssociationType,
    x: &IndicatorRecord,
    y: &IndicatorRecord,
) -> StoreResult<()> {
    if x.owner.id != y.owner.id {
        return Err(StoreError::Invalid(
            "The owners of the requested objects were different".into(),
        ));
    }
    if !kind.allows(x.ty, y.ty) {
        return Err(StoreError::Invalid(format!(
            "Invalid association, a {} cannot be associated with a {}",
            x.ty.name(),
            y.ty.name()
        )));
    }
    conn.execute(
        "INSERT OR IGNORE INTO indicator_indicators (a, b, association_type) VALUES (?1, ?2, ?3)",
        params![x.id.min(y.id), x.id.max(y.id), kind.branch],
    )?;
    Ok(())
}

/// Unlinks two indicators.
pub fn dissociate(conn: &Connection, kind: AssociationType, x: i64, y: i64) -> StoreResult<()> {
    let n = conn.execute(
        "DELETE FROM indicator_indicators WHERE a = ?1 AND b = ?2 AND association_type = ?3",
        params![x.min(y), x.max(y), kind.branch],
    )?;
    if n == 0 {
        Err(StoreError::NotFound(RESOURCE_NOT_FOUND))
    } else {
        Ok(())
    }
}

/// The indicators linked to one (by one association type, and of one type, when given).
pub fn associated(
    conn: &Connection,
    id: i64,
    kind: Option<AssociationType>,
    ty: Option<IndicatorType>,
) -> StoreResult<Vec<IndicatorRecord>> {
    let mut stmt = conn.prepare_cached(
        "SELECT CASE WHEN a = ?1 THEN b ELSE a END, association_type FROM indicator_indicators WHERE a = ?1 OR b = ?1 ORDER BY 1",
    )?;
    let links: Vec<(i64, String)> = stmt
        .query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for (other, branch) in links {
        if kind.is_some_and(|k| k.branch != branch) {
            continue;
        }
        if let Some(rec) = indicators::get(conn, other)?
            && ty.is_none_or(|t| t == rec.ty)
            && !out.iter().any(|r: &IndicatorRecord| r.id == rec.id)
        {
            out.push(rec);
        }
    }
    Ok(out)
}
