//! List options: `filters`, `orParams`, `modifiedSince`, the `include*` switches and the page
//! size (`reference/threatconnect-api.md` §5.5, §6.2, §3.2).
//!
//! The query is form-encoded when it is added to the URL, so the operator characters go out
//! percent-encoded as ThreatConnect requires (`=` → `%3D`, `<` → `%3C`, `>` → `%3E`,
//! `^` → `%5E`, and the comma between conditions → `%2C`, as the Python clients send it).

use std::fmt;

use time::{Date, OffsetDateTime, UtcOffset};

use crate::error::{Error, Result};

/// Largest page ThreatConnect serves (§3.2), and the default page size of the client.
pub const MAX_PAGE_SIZE: usize = 10_000;

/// A filter operator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `=`
    Eq,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `^` (starts with)
    StartsWith,
    /// `!` (not equal; Task `status` only)
    Ne,
}

impl Op {
    /// The operator as ThreatConnect writes it, before encoding.
    pub fn symbol(self) -> char {
        match self {
            Op::Eq => '=',
            Op::Lt => '<',
            Op::Gt => '>',
            Op::StartsWith => '^',
            Op::Ne => '!',
        }
    }
}

impl fmt::Display for Op {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.symbol())
    }
}

/// One condition: `<field><op><value>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    pub field: String,
    pub op: Op,
    pub value: String,
}

/// The `filters` of a list, joined with AND unless [`Filters::any`] switches to OR
/// (`orParams=true`).
///
/// ```
/// use tc_client::{Filters, Op};
/// let f = Filters::new()
///     .add("rating", Op::Gt, 3)
///     .add("summary", Op::StartsWith, "bad");
/// assert_eq!(f.to_param().unwrap().as_deref(), Some("rating>3,summary^bad"));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    conditions: Vec<Condition>,
    any: bool,
}

/// `YYYY-MM-DD`, the form of date the v2 docs use in filters.
fn date_text(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// `YYYY-MM-DDTHH:MM:SSZ` in UTC, second precision (§11 quirk 9).
pub fn iso_utc(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
    format!(
        "{}T{:02}:{:02}:{:02}Z",
        date_text(t.date()),
        t.hour(),
        t.minute(),
        t.second()
    )
}

impl Filters {
    /// No conditions.
    pub fn new() -> Self {
        Filters::default()
    }

    /// Adds `<field><op><value>`. Fields and operators are ThreatConnect's (§5.5 for
    /// indicators, §6.2 for groups); the server says when a combination is not allowed.
    pub fn add(mut self, field: impl Into<String>, op: Op, value: impl fmt::Display) -> Self {
        self.conditions.push(Condition {
            field: field.into(),
            op,
            value: value.to_string(),
        });
        self
    }

    /// Match items meeting ANY condition (`orParams=true`) instead of all of them.
    pub fn any(mut self) -> Self {
        self.any = true;
        self
    }

    /// The conditions, in order.
    pub fn conditions(&self) -> &[Condition] {
        &self.conditions
    }

    /// True when the conditions are OR-ed.
    pub fn is_any(&self) -> bool {
        self.any
    }

    /// True when there is no condition.
    pub fn is_empty(&self) -> bool {
        self.conditions.is_empty()
    }

    /// `summary=<value>` (exact value).
    pub fn summary(self, value: impl fmt::Display) -> Self {
        self.add("summary", Op::Eq, value)
    }

    /// `summary^<prefix>` (value starts with).
    pub fn summary_starts_with(self, prefix: impl fmt::Display) -> Self {
        self.add("summary", Op::StartsWith, prefix)
    }

    /// `rating>` (Threat Rating above).
    pub fn rating_above(self, rating: f64) -> Self {
        self.add("rating", Op::Gt, rating)
    }

    /// `rating<` (Threat Rating below).
    pub fn rating_below(self, rating: f64) -> Self {
        self.add("rating", Op::Lt, rating)
    }

    /// `confidence` with `=`, `<` or `>`.
    pub fn confidence(self, op: Op, confidence: u8) -> Self {
        self.add("confidence", op, confidence)
    }

    /// `threatAssessScore` with `=`, `<` or `>`.
    pub fn threat_assess_score(self, op: Op, score: i64) -> Self {
        self.add("threatAssessScore", op, score)
    }

    /// `threatAssessRating` with `<` or `>`.
    pub fn threat_assess_rating(self, op: Op, rating: f64) -> Self {
        self.add("threatAssessRating", op, rating)
    }

    /// `threatAssessConfidence` with `<` or `>`.
    pub fn threat_assess_confidence(self, op: Op, confidence: f64) -> Self {
        self.add("threatAssessConfidence", op, confidence)
    }

    /// `falsePositive` (false-positive count) with `=`, `<` or `>`.
    pub fn false_positive(self, op: Op, count: i64) -> Self {
        self.add("falsePositive", op, count)
    }

    /// `dateAdded<` (added before this day).
    pub fn added_before(self, date: Date) -> Self {
        self.add("dateAdded", Op::Lt, date_text(date))
    }

    /// `dateAdded>` (added after this day).
    pub fn added_after(self, date: Date) -> Self {
        self.add("dateAdded", Op::Gt, date_text(date))
    }

    /// `active=` — lists hold only active indicators unless this says otherwise (§5.5).
    pub fn active(self, active: bool) -> Self {
        self.add("active", Op::Eq, active)
    }

    /// Host `dnsActive=`.
    pub fn dns_active(self, active: bool) -> Self {
        self.add("dnsActive", Op::Eq, active)
    }

    /// Host `whoisActive=`.
    pub fn whois_active(self, active: bool) -> Self {
        self.add("whoisActive", Op::Eq, active)
    }

    /// Group `name=`.
    pub fn name(self, name: impl fmt::Display) -> Self {
        self.add("name", Op::Eq, name)
    }

    /// Group `name^`.
    pub fn name_starts_with(self, prefix: impl fmt::Display) -> Self {
        self.add("name", Op::StartsWith, prefix)
    }

    /// The `filters` parameter before encoding (`rating>3,summary^bad`), or `None` when there
    /// is no condition. ThreatConnect has no escape for the comma that separates conditions,
    /// so a field or value containing one is refused rather than silently split.
    pub fn to_param(&self) -> Result<Option<String>> {
        if self.conditions.is_empty() {
            return Ok(None);
        }
        let mut parts = Vec::with_capacity(self.conditions.len());
        for c in &self.conditions {
            if c.field.trim().is_empty() {
                return Err(Error::Invalid("A filter needs a field name.".into()));
            }
            if c.field.contains(['=', '<', '>', '^', '!', ',']) {
                return Err(Error::Invalid(format!(
                    "\"{}\" is not a filter field name.",
                    c.field
                )));
            }
            if c.value.contains(',') {
                return Err(Error::Invalid(format!(
                    "The filter value \"{}\" contains a comma, which ThreatConnect reads as the \
                     start of another condition.",
                    c.value
                )));
            }
            parts.push(format!("{}{}{}", c.field, c.op.symbol(), c.value));
        }
        Ok(Some(parts.join(",")))
    }
}

/// Extra data to embed in each item.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Includes {
    /// `includeAdditional=true`: `xid`, observation and false-positive counts, `active`, ...
    pub additional: bool,
    /// `includeTags=true`: `tag[]`.
    pub tags: bool,
    /// `includeAttributes=true`: `attribute[]`.
    pub attributes: bool,
    /// `includes=labels`: `securityLabel[]`.
    pub labels: bool,
}

impl Includes {
    /// Nothing extra.
    pub const NONE: Includes = Includes {
        additional: false,
        tags: false,
        attributes: false,
        labels: false,
    };

    /// Everything.
    pub const ALL: Includes = Includes {
        additional: true,
        tags: true,
        attributes: true,
        labels: true,
    };

    /// Appends the query parameters, in a fixed order.
    pub(crate) fn push_query(&self, query: &mut Vec<(String, String)>) {
        for (on, key, value) in [
            (self.additional, "includeAdditional", "true"),
            (self.tags, "includeTags", "true"),
            (self.attributes, "includeAttributes", "true"),
            (self.labels, "includes", "labels"),
        ] {
            if on {
                query.push((key.to_owned(), value.to_owned()));
            }
        }
    }
}

/// What a list asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListOptions {
    pub filters: Filters,
    /// Only items modified at or after this time (`modifiedSince`, indicator lists).
    pub modified_since: Option<OffsetDateTime>,
    pub includes: Includes,
    /// `resultLimit` of each page: 1 to 10,000 (default 10,000).
    pub page_size: usize,
}

impl Default for ListOptions {
    fn default() -> Self {
        ListOptions {
            filters: Filters::default(),
            modified_since: None,
            includes: Includes::NONE,
            page_size: MAX_PAGE_SIZE,
        }
    }
}

impl ListOptions {
    /// Everything, in pages of 10,000.
    pub fn new() -> Self {
        ListOptions::default()
    }

    /// Sets the filters.
    pub fn filters(mut self, filters: Filters) -> Self {
        self.filters = filters;
        self
    }

    /// Only items modified at or after `since` (sent as `YYYY-MM-DDTHH:MM:SSZ`, UTC).
    pub fn modified_since(mut self, since: impl Into<OffsetDateTime>) -> Self {
        self.modified_since = Some(since.into());
        self
    }

    /// Adds `includeAdditional=true`.
    pub fn include_additional(mut self) -> Self {
        self.includes.additional = true;
        self
    }

    /// Adds `includeTags=true`.
    pub fn include_tags(mut self) -> Self {
        self.includes.tags = true;
        self
    }

    /// Adds `includeAttributes=true`.
    pub fn include_attributes(mut self) -> Self {
        self.includes.attributes = true;
        self
    }

    /// Adds `includes=labels`.
    pub fn include_labels(mut self) -> Self {
        self.includes.labels = true;
        self
    }

    /// Sets the page size (1 to 10,000).
    pub fn page_size(mut self, size: usize) -> Self {
        self.page_size = size;
        self
    }

    /// Checks the page size.
    pub(crate) fn checked_page_size(&self) -> Result<usize> {
        if (1..=MAX_PAGE_SIZE).contains(&self.page_size) {
            Ok(self.page_size)
        } else {
            Err(Error::Invalid(format!(
                "The page size must be from 1 to {MAX_PAGE_SIZE}, not {}.",
                self.page_size
            )))
        }
    }

    /// The query after `owner`, without paging: `filters`, `orParams`, `modifiedSince`,
    /// then the includes.
    pub(crate) fn query(&self) -> Result<Vec<(String, String)>> {
        let mut query = Vec::new();
        if let Some(filters) = self.filters.to_param()? {
            query.push(("filters".to_owned(), filters));
            if self.filters.is_any() {
                query.push(("orParams".to_owned(), "true".to_owned()));
            }
        }
        if let Some(since) = self.modified_since {
            query.push(("modifiedSince".to_owned(), iso_utc(since)));
        }
        self.includes.push_query(&mut query);
        Ok(query)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn conditions_join_in_order_with_their_operators() {
        let f = Filters::new()
            .summary_starts_with("bad")
            .rating_above(3.0)
            .confidence(Op::Lt, 50)
            .added_before(date!(2015 - 10 - 15))
            .active(false)
            .dns_active(true);
        assert_eq!(
            f.to_param().unwrap().unwrap(),
            "summary^bad,rating>3,confidence<50,dateAdded<2015-10-15,active=false,dnsActive=true"
        );
        assert!(!f.is_any());
        assert!(f.clone().any().is_any());
        assert_eq!(Filters::new().to_param().unwrap(), None);
    }

    #[test]
    fn commas_in_values_are_refused() {
        let err = Filters::new().summary("a,b").to_param().unwrap_err();
        assert!(matches!(err, Error::Invalid(m) if m.contains("comma")));
        let err = Filters::new().add("", Op::Eq, 1).to_param().unwrap_err();
        assert!(matches!(err, Error::Invalid(_)));
    }

    #[test]
    fn modified_since_is_utc_to_the_second() {
        let t = datetime!(2017-08-21 08:00:00.75 -04:00);
        assert_eq!(iso_utc(t), "2017-08-21T12:00:00Z");
        let q = ListOptions::new()
            .filters(Filters::new().rating_above(1.0).any())
            .modified_since(t)
            .include_additional()
            .include_tags()
            .include_attributes()
            .include_labels()
            .query()
            .unwrap();
        let q: Vec<(&str, &str)> = q.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(
            q,
            vec![
                ("filters", "rating>1"),
                ("orParams", "true"),
                ("modifiedSince", "2017-08-21T12:00:00Z"),
                ("includeAdditional", "true"),
                ("includeTags", "true"),
                ("includeAttributes", "true"),
                ("includes", "labels"),
            ]
        );
    }

    #[test]
    fn page_size_is_bounded() {
        assert_eq!(ListOptions::new().checked_page_size().unwrap(), 10_000);
        assert!(ListOptions::new().page_size(0).checked_page_size().is_err());
        assert!(
            ListOptions::new()
                .page_size(10_001)
                .checked_page_size()
                .is_err()
        );
    }
}
