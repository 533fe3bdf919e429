//! Group types (`reference/threatconnect-api.md` §6.1): their names, API branches, JSON keys,
//! the fields each needs on create, and the enumerations of `status` and Signature `fileType`.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The group types of ThreatConnect v2 (Tasks are not groups and are not listed here).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum GroupType {
    Adversary,
    AttackPattern,
    Campaign,
    CourseOfAction,
    Document,
    Email,
    Event,
    Incident,
    IntrusionSet,
    Malware,
    Report,
    Signature,
    Tactic,
    Threat,
    Tool,
    Vulnerability,
}

/// Signature `fileType` values (§6.1).
pub const SIGNATURE_FILE_TYPES: [&str; 13] = [
    "Bro",
    "ClamAV",
    "CybOX",
    "Iris Search Hash",
    "KQL",
    "OpenIOC",
    "Regex",
    "SPL",
    "Sigma",
    "Snort",
    "Suricata",
    "TQL Query",
    "YARA",
];

/// Incident `status` values (§6.1).
pub const INCIDENT_STATUSES: [&str; 9] = [
    "New",
    "Open",
    "Stalled",
    "Containment Achieved",
    "Restoration Achieved",
    "Incident Reported",
    "Closed",
    "Rejected",
    "Deleted",
];

/// Event `status` values: the four of the v2 docs, then the four more the batch docs list.
/// Omitting the status (or null) means "None".
pub const EVENT_STATUSES: [&str; 8] = [
    "Needs Review",
    "False Positive",
    "No Further Action",
    "Escalated",
    "Completed",
    "In Progress",
    "New",
    "Reopened",
];

impl GroupType {
    /// Every group type, in alphabetical order.
    pub const ALL: [GroupType; 16] = [
        GroupType::Adversary,
        GroupType::AttackPattern,
        GroupType::Campaign,
        GroupType::CourseOfAction,
        GroupType::Document,
        GroupType::Email,
        GroupType::Event,
        GroupType::Incident,
        GroupType::IntrusionSet,
        GroupType::Malware,
        GroupType::Report,
        GroupType::Signature,
        GroupType::Tactic,
        GroupType::Threat,
        GroupType::Tool,
        GroupType::Vulnerability,
    ];

    /// The type name used in `type` fields and batch documents (`"Intrusion Set"`).
    pub fn name(self) -> &'static str {
        match self {
            GroupType::Adversary => "Adversary",
            GroupType::AttackPattern => "Attack Pattern",
            GroupType::Campaign => "Campaign",
            GroupType::CourseOfAction => "Course of Action",
            GroupType::Document => "Document",
            GroupType::Email => "Email",
            GroupType::Event => "Event",
            GroupType::Incident => "Incident",
            GroupType::IntrusionSet => "Intrusion Set",
            GroupType::Malware => "Malware",
            GroupType::Report => "Report",
            GroupType::Signature => "Signature",
            GroupType::Tactic => "Tactic",
            GroupType::Threat => "Threat",
            GroupType::Tool => "Tool",
            GroupType::Vulnerability => "Vulnerability",
        }
    }

    /// The v2 path segment: `/v2/groups/{branch}`.
    pub fn branch(self) -> &'static str {
        match self {
            GroupType::Adversary => "adversaries",
            GroupType::AttackPattern => "attackPatterns",
            GroupType::Campaign => "campaigns",
            GroupType::CourseOfAction => "coursesOfAction",
            GroupType::Document => "documents",
            GroupType::Email => "emails",
            GroupType::Event => "events",
            GroupType::Incident => "incidents",
            GroupType::IntrusionSet => "intrusionSets",
            GroupType::Malware => "malware",
            GroupType::Report => "reports",
            GroupType::Signature => "signatures",
            GroupType::Tactic => "tactics",
            GroupType::Threat => "threats",
            GroupType::Tool => "tools",
            GroupType::Vulnerability => "vulnerabilities",
        }
    }

    /// The JSON key of single items and typed lists (`apiEntity`).
    pub fn api_entity(self) -> &'static str {
        match self {
            GroupType::Adversary => "adversary",
            GroupType::AttackPattern => "attackPattern",
            GroupType::Campaign => "campaign",
            GroupType::CourseOfAction => "courseOfAction",
            GroupType::Document => "document",
            GroupType::Email => "email",
            GroupType::Event => "event",
            GroupType::Incident => "incident",
            GroupType::IntrusionSet => "intrusionSet",
            GroupType::Malware => "malware",
            GroupType::Report => "report",
            GroupType::Signature => "signature",
            GroupType::Tactic => "tactic",
            GroupType::Threat => "threat",
            GroupType::Tool => "tool",
            GroupType::Vulnerability => "vulnerability",
        }
    }

    /// The JSON fields a create (`POST /v2/groups/{branch}`) needs besides `name`.
    pub fn required_fields(self) -> &'static [&'static str] {
        match self {
            GroupType::Document | GroupType::Report => &["fileName"],
            GroupType::Email => &["subject", "header", "body"],
            GroupType::Event | GroupType::Incident => &["eventDate"],
            GroupType::Signature => &["fileName", "fileType", "fileText"],
            _ => &[],
        }
    }

    /// The allowed `status` values: Incident and Event have writable statuses (§6.1); the
    /// other types have none. (Document's read-only upload status is not listed.)
    pub fn status_values(self) -> Option<&'static [&'static str]> {
        match self {
            GroupType::Incident => Some(&INCIDENT_STATUSES),
            GroupType::Event => Some(&EVENT_STATUSES),
            _ => None,
        }
    }

    /// The type with this name (`"Intrusion Set"`), matched exactly as ThreatConnect writes it.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == name)
    }

    /// The type with this API branch (`"intrusionSets"`).
    pub fn from_branch(branch: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.branch() == branch)
    }

    /// The type with this JSON key (`"intrusionSet"`).
    pub fn from_api_entity(entity: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.api_entity() == entity)
    }
}

impl fmt::Display for GroupType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Serialize for GroupType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for GroupType {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = String::deserialize(d)?;
        GroupType::from_name(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown group type \"{name}\"")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups_round_trip_for_every_type() {
        for t in GroupType::ALL {
            assert_eq!(GroupType::from_name(t.name()), Some(t));
            assert_eq!(GroupType::from_branch(t.branch()), Some(t));
            assert_eq!(GroupType::from_api_entity(t.api_entity()), Some(t));
            let json = serde_json::to_string(&t).unwrap();
            assert_eq!(serde_json::from_str::<GroupType>(&json).unwrap(), t);
        }
        assert_eq!(
            GroupType::from_name("intrusion set"),
            None,
            "names are exact"
        );
        assert!(
            serde_json::from_str::<GroupType>("\"Task\"").is_err(),
            "tasks are not groups"
        );
    }

    #[test]
    fn documented_facts() {
        assert_eq!(GroupType::CourseOfAction.name(), "Course of Action");
        assert_eq!(GroupType::CourseOfAction.branch(), "coursesOfAction");
        assert_eq!(GroupType::Malware.branch(), "malware");
        assert_eq!(GroupType::IntrusionSet.api_entity(), "intrusionSet");
        assert_eq!(
            GroupType::Signature.required_fields(),
            ["fileName", "fileType", "fileText"]
        );
        assert_eq!(GroupType::Incident.required_fields(), ["eventDate"]);
        assert!(GroupType::Adversary.required_fields().is_empty());
        assert_eq!(GroupType::Incident.status_values().map(<[_]>::len), Some(9));
        assert!(
            GroupType::Event
                .status_values()
                .is_some_and(|s| s.contains(&"Needs Review") && s.contains(&"Reopened"))
        );
        assert_eq!(GroupType::Campaign.status_values(), None);
        assert!(SIGNATURE_FILE_TYPES.contains(&"YARA"));
        assert_eq!(
            serde_json::to_string(&GroupType::IntrusionSet).unwrap(),
            "\"Intrusion Set\""
        );
    }
}
