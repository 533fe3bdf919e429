//! Validation and normalisation of indicator values (`reference/threatconnect-api.md` §5.1,
//! §11 quirks 5–8), and the percent-encoding of a value as one URL path segment.
//!
//! [`normalize`] turns what an analyst typed into the summary ThreatConnect stores, or says in
//! one plain sentence why it is not a valid indicator of that type. Every normalised value is
//! a fixed point: `normalize(ty, &normalize(ty, x)?) == normalize(ty, x)`.
//!
//! Where the reference is silent or marked UNVERIFIED, the rules below choose what the real
//! clients (tcex, the Java SDK) tolerate, and say so where they do.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde_json::{Map, Value};

use crate::indicator::IndicatorType;

/// Why a value is not a valid indicator of its type. `reason` is one plain English sentence
/// an analyst understands (e.g. "198.51.100.300 is not an IPv4 address: 300 is more than
/// 255.").
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{reason}")]
pub struct ValueError {
    pub reason: String,
}

impl ValueError {
    /// A value error with this reason.
    pub fn new(reason: impl Into<String>) -> Self {
        ValueError {
            reason: reason.into(),
        }
    }
}

fn fail<T>(reason: impl Into<String>) -> Result<T, ValueError> {
    Err(ValueError::new(reason))
}

/// The most characters a Mutex or User Agent value may have. UNVERIFIED: ThreatConnect does
/// not document a limit for these custom types; 500 is TC Bridge's own guard.
pub const MAX_TEXT_VALUE_CHARS: usize = 500;

/// The Registry Key value types ThreatConnect accepts in `Value Type`.
pub const REGISTRY_VALUE_TYPES: [&str; 10] = [
    "REG_NONE",
    "REG_SZ",
    "REG_EXPAND_SZ",
    "REG_BINARY",
    "REG_DWORD",
    "REG_DWORD_BIG_ENDIAN",
    "REG_LINK",
    "REG_MULTI_SZ",
    "REG_RESOURCE_LIST",
    "REG_QWORD",
];

/// The separator of multi-part summaries (File hashes, Registry Key parts): space-colon-space.
pub const SUMMARY_SEPARATOR: &str = " : ";

/// Normalises `raw` for `ty` and returns the canonical summary, or why it is invalid.
pub fn normalize(ty: IndicatorType, raw: &str) -> Result<String, ValueError> {
    match ty {
        IndicatorType::Address => normalize_address(raw),
        IndicatorType::EmailAddress => normalize_email(raw),
        IndicatorType::File => Ok(FileHashes::parse_summary(raw)?.summary()),
        IndicatorType::Host => normalize_host(raw),
        IndicatorType::Url => normalize_url(raw),
        IndicatorType::Asn => normalize_asn(raw),
        IndicatorType::Cidr => normalize_cidr(raw),
        IndicatorType::Mutex => normalize_text(raw, "mutex"),
        IndicatorType::RegistryKey => normalize_registry_key(raw),
        IndicatorType::UserAgent => normalize_text(raw, "user agent"),
    }
}

// ---------------------------------------------------------------------------------------
// IP addresses and CIDR blocks

/// Square or round brackets are how analysts defang values ("bad[.]example", "1.2.3[.]4").
fn has_defang_brackets(s: &str) -> bool {
    s.contains(['[', ']', '(', ')', '{', '}'])
}

/// The value with the common defanging brackets removed, to suggest in a reason.
fn refanged(s: &str) -> String {
    let mut out = s.to_owned();
    for (from, to) in [
        ("[.]", "."),
        ("(.)", "."),
        ("{.}", "."),
        ("[dot]", "."),
        ("[@]", "@"),
        ("(@)", "@"),
        ("[at]", "@"),
        ("(at)", "@"),
        ("(dot)", "."),
        ("[:]", ":"),
        ("[://]", "://"),
    ] {
        out = out.replace(from, to);
    }
    out
}

fn defanged_reason(raw: &str, what: &str) -> String {
    let fixed = refanged(raw);
    if fixed == raw || has_defang_brackets(&fixed) {
        format!(
            "{raw} contains brackets, as in a defanged value; remove the brackets to import it \
             as {what}."
        )
    } else {
        format!(
            "{raw} is written in defanged form: remove the brackets ({fixed}) to import it as \
             {what}."
        )
    }
}

/// Parses dotted-decimal IPv4 strictly: four parts, each 0–255, no leading zeros. On failure,
/// the phrase says what is wrong ("300 is more than 255").
fn parse_ipv4(s: &str) -> Result<Ipv4Addr, String> {
    let parts: Vec<&str> = s.split('.').collect();
    if parts.len() != 4 {
        return Err(format!(
            "it has {} parts separated by dots, and an IPv4 address has 4",
            parts.len()
        ));
    }
    let mut octets = [0u8; 4];
    for (slot, part) in octets.iter_mut().zip(&parts) {
        if part.is_empty() {
            return Err("one of its four parts is empty".to_owned());
        }
        if !part.bytes().all(|b| b.is_ascii_digit()) {
            return Err(format!("\"{part}\" is not a number from 0 to 255"));
        }
        // Leading zeros are ambiguous: some parsers read "010" as octal 8, others as 10.
        if part.len() > 1 && part.starts_with('0') {
            return Err(format!(
                "{part} has a leading zero, which is ambiguous (it may be read as octal)"
            ));
        }
        match part.parse::<u8>() {
            Ok(v) => *slot = v,
            Err(_) => return Err(format!("{part} is more than 255")),
        }
    }
    Ok(Ipv4Addr::from(octets))
}

fn parse_ipv6(s: &str) -> Result<Ipv6Addr, String> {
    if let Some((_, zone)) = s.split_once('%') {
        return Err(format!("zone indexes such as %{zone} are not allowed"));
    }
    s.parse::<Ipv6Addr>()
        .map_err(|_| "it is not written as eight groups of hex digits separated by colons, with :: for one run of zeros".to_owned())
}

fn normalize_address(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The IP address is empty.");
    }
    if has_defang_brackets(s) {
        return fail(defanged_reason(s, "an Address"));
    }
    if s.contains("://") {
        return fail(format!(
            "{s} is a URL, not an IP address: import it as a URL, or give only its address."
        ));
    }
    if s.contains('/') {
        return fail(format!(
            "{s} is not an IP address: it has a /, as a CIDR block does; import blocks as CIDR."
        ));
    }
    if s.contains(':') {
        // RFC 5952 text: compressed, lower-case; `Ipv6Addr`'s Display writes exactly that.
        return match parse_ipv6(s) {
            Ok(ip) => Ok(ip.to_string()),
            Err(why) => fail(format!("{s} is not an IPv6 address: {why}.")),
        };
    }
    if s.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return match parse_ipv4(s) {
            Ok(ip) => Ok(ip.to_string()),
            Err(why) => fail(format!("{s} is not an IPv4 address: {why}.")),
        };
    }
    if s.contains('.') && s.bytes().any(|b| b.is_ascii_alphabetic()) && !s.contains(['/', '@']) {
        return fail(format!(
            "{s} is not an IP address: it looks like a host name, so import it as a Host."
        ));
    }
    fail(format!(
        "{s} is not an IP address: an Address is an IPv4 address such as 198.51.100.7 or an \
         IPv6 address such as 2001:db8::1."
    ))
}

fn normalize_cidr(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The CIDR block is empty.");
    }
    if has_defang_brackets(s) {
        return fail(defanged_reason(s, "a CIDR block"));
    }
    let Some((addr, prefix)) = s.split_once('/') else {
        return fail(format!(
            "{s} has no prefix length: a CIDR block is written like 198.51.100.0/24 or \
             2001:db8::/32."
        ));
    };
    let (canonical, max) = if addr.contains(':') {
        // UNVERIFIED: the reference says IPv6 blocks are "no leading zeros, not compressed,
        // not exploded", which no single form satisfies. We store the RFC 5952 compressed
        // form (what `Ipv6Addr` Display writes), as tcex passes the value through unchanged.
        match parse_ipv6(addr) {
            Ok(ip) => (ip.to_string(), 128u8),
            Err(why) => return fail(format!("{s} is not a CIDR block: {why}.")),
        }
    } else {
        match parse_ipv4(addr) {
            Ok(ip) => (ip.to_string(), 32u8),
            Err(why) => return fail(format!("{s} is not a CIDR block: {why}.")),
        }
    };
    if prefix.is_empty() || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return fail(format!(
            "{s} is not a CIDR block: the prefix length after / must be a number from 0 to \
             {max}."
        ));
    }
    match prefix.parse::<u8>() {
        // The address is kept as entered (host bits are not cleared): ThreatConnect stores
        // the block as given.
        Ok(n) if n <= max => Ok(format!("{canonical}/{n}")),
        _ => fail(format!(
            "{s} is not a CIDR block: the prefix length {prefix} is more than {max}."
        )),
    }
}

// ---------------------------------------------------------------------------------------
// Host names, email addresses, URLs

/// Which characters a name may hold besides ASCII letters, digits, hyphens and dots.
#[derive(Clone, Copy, PartialEq, Eq)]
enum NameRules {
    /// Host indicators and email domains: letters, digits, hyphens; at least two labels.
    Strict,
    /// The host part of a URL: also underscores and single-label names ("http://intranet/"),
    /// which real URLs carry and which tcex does not reject.
    Lenient,
}

/// Converts a lower-cased, trimmed name (any trailing dot already removed) to its ASCII
/// (punycode) form and checks the label rules. On failure the phrase says what is wrong.
fn check_domain(name: &str, rules: NameRules) -> Result<String, String> {
    if name.is_empty() {
        return Err("it is empty".to_owned());
    }
    let allowed = |c: char| {
        c.is_ascii_alphanumeric()
            || c == '-'
            || c == '.'
            || (rules == NameRules::Lenient && c == '_')
    };
    // Check ASCII characters first: the IDN conversion would otherwise accept or mangle
    // characters that never belong in a host name.
    if let Some(c) = name.chars().find(|c| c.is_ascii() && !allowed(*c)) {
        return Err(if c.is_whitespace() {
            "it contains a space".to_owned()
        } else {
            format!(
                "the character \"{c}\" is not allowed (only letters, digits, hyphens and dots \
                 are)"
            )
        });
    }
    let ascii = if name.is_ascii() && !name.split('.').any(|l| l.starts_with("xn--")) {
        name.to_owned()
    } else {
        idna::domain_to_ascii(name).map_err(|_| {
            "its international characters cannot be converted to punycode".to_owned()
        })?
    };
    if let Some(c) = ascii.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "the character \"{c}\" is not allowed in a host name"
        ));
    }
    let labels: Vec<&str> = ascii.split('.').collect();
    for label in &labels {
        if label.is_empty() {
            return Err("it has an empty label (two dots in a row, or a dot at the start)".into());
        }
        if label.len() > 63 {
            return Err(format!(
                "the label \"{label}\" has {} characters, and the limit is 63",
                label.len()
            ));
        }
        if label.starts_with('-') {
            return Err(format!("the label \"{label}\" starts with a hyphen"));
        }
        if label.ends_with('-') {
            return Err(format!("the label \"{label}\" ends with a hyphen"));
        }
    }
    if ascii.len() > 253 {
        return Err(format!(
            "it has {} characters, and the limit is 253",
            ascii.len()
        ));
    }
    if rules == NameRules::Strict {
        if labels.len() < 2 {
            return Err(
                "it has only one label, and a domain needs at least two, such as bad.example"
                    .into(),
            );
        }
        if labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
            return Err("it is made of numbers only, like an IP address".into());
        }
    }
    Ok(ascii)
}

/// Lower-cases and strips one trailing dot (the DNS root), as done before [`check_domain`].
fn prepare_domain(s: &str) -> String {
    let lower = s.to_lowercase();
    match lower.strip_suffix('.') {
        Some(stripped) => stripped.to_owned(),
        None => lower,
    }
}

fn looks_like_ip(s: &str) -> bool {
    let bare = s.trim_start_matches('[').trim_end_matches(']');
    bare.parse::<Ipv4Addr>().is_ok()
        || bare.parse::<Ipv6Addr>().is_ok()
        || (s.contains('.') && s.bytes().all(|b| b.is_ascii_digit() || b == b'.'))
}

fn normalize_host(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The host name is empty.");
    }
    if looks_like_ip(s) {
        return fail(format!(
            "{s} is an IP address, not a host name: import it as an Address."
        ));
    }
    if has_defang_brackets(s) {
        return fail(defanged_reason(s, "a Host"));
    }
    if s.contains("://") {
        return fail(format!(
            "{s} is a URL, not a host name: import it as a URL, or give only its host name."
        ));
    }
    if s.contains('@') {
        return fail(format!(
            "{s} is an email address, not a host name: import it as an EmailAddress."
        ));
    }
    if s.contains(':') {
        return fail(format!(
            "{s} is not a valid host name: a Host has no port or colon; give only the name."
        ));
    }
    if s.contains('/') {
        return fail(format!(
            "{s} is not a valid host name: a Host has no path; import it as a URL, or give \
             only the name."
        ));
    }
    check_domain(&prepare_domain(s), NameRules::Strict)
        .or_else(|why| fail(format!("{s} is not a valid host name: {why}.")))
}

fn normalize_email(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The email address is empty.");
    }
    if has_defang_brackets(s) {
        return fail(defanged_reason(s, "an EmailAddress"));
    }
    // Quoted local parts may legally contain '@'; real indicators never do, and tcex does
    // not accept them either, so exactly one '@' is required.
    let Some((local, domain)) = s.split_once('@') else {
        return fail(format!(
            "{s} is not an email address: it has no @ between the name and the domain."
        ));
    };
    if domain.contains('@') {
        return fail(format!(
            "{s} is not an email address: it has more than one @."
        ));
    }
    if local.is_empty() {
        return fail(format!(
            "{s} is not an email address: there is nothing before the @."
        ));
    }
    if local.chars().any(char::is_whitespace) {
        return fail(format!(
            "{s} is not an email address: the part before the @ contains a space."
        ));
    }
    if domain.is_empty() {
        return fail(format!(
            "{s} is not an email address: there is nothing after the @."
        ));
    }
    if looks_like_ip(domain) {
        return fail(format!(
            "{s} is not a valid email address: its domain is an IP address, and an \
             EmailAddress needs a domain name."
        ));
    }
    // The local part is kept as given: mailbox names may be case-sensitive.
    match check_domain(&prepare_domain(domain), NameRules::Strict) {
        Ok(ascii) => Ok(format!("{local}@{ascii}")),
        Err(why) => fail(format!(
            "{s} is not a valid email address: in its domain {domain}, {why}."
        )),
    }
}

fn is_scheme(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

fn normalize_url(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The URL is empty.");
    }
    let lower = s.to_ascii_lowercase();
    // No real scheme starts with "hxxp": it is always a defanged http/https.
    if lower.starts_with("hxxp") {
        let fixed = refanged(&format!("http{}", &s[4..]));
        return fail(format!(
            "{s} is written in defanged form (hxxp): restore it ({fixed}) to import it as a URL."
        ));
    }
    if s.contains("[.]") || s.contains("[:]") || s.contains("[://]") || s.contains("(.)") {
        return fail(defanged_reason(s, "a URL"));
    }
    let Some((scheme, rest)) = s.split_once("://").filter(|(scheme, _)| is_scheme(scheme)) else {
        // "mailto:x" or "urn:y" have a scheme but no host; "bad.example:8080/x" has neither.
        if let Some((scheme, _)) = s.split_once(':')
            && is_scheme(scheme)
            && !scheme.contains('.')
        {
            return fail(format!(
                "{s} is not a URL with a host: a URL indicator is written scheme://host/..., \
                 such as http://bad.example/."
            ));
        }
        return fail(format!(
            "{s} has no scheme: a URL must start with one, such as http:// or https://."
        ));
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((user, hp)) => (Some(user), hp),
        None => (None, authority),
    };
    let (host, port) = if let Some(bracketed) = hostport.strip_prefix('[') {
        let Some((inner, after)) = bracketed.split_once(']') else {
            return fail(format!(
                "{s} is not a valid URL: its IPv6 host has no closing ].",
            ));
        };
        if inner.parse::<Ipv6Addr>().is_err() {
            return fail(format!(
                "{s} is not a valid URL: [{inner}] is not an IPv6 address."
            ));
        }
        let port = match after.strip_prefix(':') {
            Some(p) => Some(p),
            None if after.is_empty() => None,
            None => {
                return fail(format!(
                    "{s} is not a valid URL: unexpected text after its IPv6 host."
                ));
            }
        };
        (format!("[{}]", inner.to_ascii_lowercase()), port)
    } else {
        let (h, p) = match hostport.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (hostport, None),
        };
        if h.is_empty() {
            return fail(format!(
                "{s} is not a valid URL: it has no host after {scheme}://."
            ));
        }
        // A trailing dot is kept here: the rest of the URL is kept as given too.
        let (name, dot) = match h.strip_suffix('.') {
            Some(n) => (n, "."),
            None => (h, ""),
        };
        match check_domain(&name.to_lowercase(), NameRules::Lenient) {
            Ok(ascii) => (format!("{ascii}{dot}"), p),
            Err(why) => return fail(format!("{s} is not a valid URL: in its host {h}, {why}.")),
        }
    };
    // An empty port ("http://host:/") is allowed by RFC 3986 and kept.
    if let Some(p) = port.filter(|p| !p.is_empty())
        && !(p.bytes().all(|b| b.is_ascii_digit()) && p.parse::<u16>().is_ok())
    {
        return fail(format!(
            "{s} is not a valid URL: its port \"{p}\" is not a number from 0 to 65535."
        ));
    }
    let mut out = format!("{}://", scheme.to_ascii_lowercase());
    if let Some(user) = userinfo {
        out.push_str(user);
        out.push('@');
    }
    out.push_str(&host);
    if let Some(p) = port {
        out.push(':');
        out.push_str(p);
    }
    out.push_str(tail);
    Ok(out)
}

// ---------------------------------------------------------------------------------------
// ASN, Mutex, User Agent, Registry Key

fn normalize_asn(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The AS number is empty.");
    }
    let upper = s.to_ascii_uppercase();
    let digits = upper
        .strip_prefix("ASN")
        .or_else(|| upper.strip_prefix("AS"))
        .unwrap_or(&upper)
        .trim_start_matches(' ');
    if digits.is_empty() {
        return fail(format!(
            "{s} has no number: an ASN is written ASN followed by digits, such as ASN64500."
        ));
    }
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return fail(format!(
            "{s} is not an AS number: write it as ASN followed by digits, such as ASN64500."
        ));
    }
    match digits.parse::<u32>() {
        Ok(n) => Ok(format!("ASN{n}")),
        Err(_) => fail(format!(
            "{s} is not an AS number: {} is more than 4294967295, the largest AS number.",
            digits.trim_start_matches('0')
        )),
    }
}

fn normalize_text(raw: &str, what: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail(format!("The {what} is empty."));
    }
    let n = s.chars().count();
    if n > MAX_TEXT_VALUE_CHARS {
        return fail(format!(
            "The {what} has {n} characters, and the limit is {MAX_TEXT_VALUE_CHARS}."
        ));
    }
    Ok(s.to_owned())
}

/// Splits a Registry Key summary into Key Name, Value Name and Value Type: the key ends at
/// the first " : ", the type starts after the last one, and the value name (which may be
/// empty, a space, or contain " : ") is everything between.
fn split_registry_summary(s: &str) -> Option<(&str, &str, &str)> {
    let first = s.find(SUMMARY_SEPARATOR)?;
    let last = s.rfind(SUMMARY_SEPARATOR)?;
    let key = &s[..first];
    let vtype = &s[last + SUMMARY_SEPARATOR.len()..];
    let name_start = first + SUMMARY_SEPARATOR.len();
    if last >= name_start {
        Some((key, &s[name_start..last], vtype))
    } else if last > first {
        // "KEY : : REG_SZ": the two separators share a space; the value name is empty.
        Some((key, "", vtype))
    } else {
        None
    }
}

/// Checks the three Registry Key parts and returns the summary built from them.
fn registry_key_summary(key: &str, name: &str, vtype: &str) -> Result<String, ValueError> {
    let key = key.trim();
    if key.is_empty() {
        return fail("The Registry Key has no Key Name.");
    }
    if key.contains(SUMMARY_SEPARATOR) {
        return fail(format!(
            "The Key Name {key} contains \" : \", which separates the parts of a Registry Key."
        ));
    }
    let (hive, path) = match key.find('\\') {
        Some(i) => key.split_at(i),
        None => (key, ""),
    };
    let hive = hive.to_ascii_uppercase();
    if hive == "HKEY_" {
        return fail(format!(
            "The Key Name {key} names no hive: start it with one in full, such as \
             HKEY_LOCAL_MACHINE."
        ));
    }
    if !hive.starts_with("HKEY_") {
        let full = match hive.as_str() {
            "HKLM" => Some("HKEY_LOCAL_MACHINE"),
            "HKCU" => Some("HKEY_CURRENT_USER"),
            "HKCR" => Some("HKEY_CLASSES_ROOT"),
            "HKU" => Some("HKEY_USERS"),
            "HKCC" => Some("HKEY_CURRENT_CONFIG"),
            _ => None,
        };
        return fail(match full {
            Some(full) => format!(
                "The Key Name {key} must start with the full hive name: write {full} instead \
                 of {hive}."
            ),
            None => format!(
                "The Key Name {key} does not start with HKEY_ (for example \
                 HKEY_LOCAL_MACHINE\\Software\\...)."
            ),
        });
    }
    let vtype_upper = vtype.trim().to_ascii_uppercase();
    if vtype_upper.is_empty() {
        return fail("The Registry Key has no Value Type (such as REG_SZ).");
    }
    if !REGISTRY_VALUE_TYPES.contains(&vtype_upper.as_str()) {
        return fail(format!(
            "The Value Type {} is not one of {}.",
            vtype.trim(),
            REGISTRY_VALUE_TYPES.join(", ")
        ));
    }
    // Hive names are case-insensitive in Windows and conventionally upper-case; the rest of
    // the key and the value name are kept as given.
    Ok(format!("{hive}{path} : {name} : {vtype_upper}"))
}

fn normalize_registry_key(raw: &str) -> Result<String, ValueError> {
    let s = raw.trim();
    if s.is_empty() {
        return fail("The Registry Key is empty.");
    }
    let Some((key, name, vtype)) = split_registry_summary(s) else {
        return fail(format!(
            "{s} is not a Registry Key: it needs three parts, Key Name : Value Name : Value \
             Type, separated by \" : \" (the Value Name may be empty)."
        ));
    };
    registry_key_summary(key, name, vtype)
}

// ---------------------------------------------------------------------------------------
// File hashes

/// The kinds of hash a File indicator can carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum HashKind {
    Md5,
    Sha1,
    Sha256,
}

impl HashKind {
    fn name(self) -> &'static str {
        match self {
            HashKind::Md5 => "MD5",
            HashKind::Sha1 => "SHA1",
            HashKind::Sha256 => "SHA256",
        }
    }

    fn len(self) -> usize {
        match self {
            HashKind::Md5 => 32,
            HashKind::Sha1 => 40,
            HashKind::Sha256 => 64,
        }
    }

    fn for_len(len: usize) -> Option<Self> {
        match len {
            32 => Some(HashKind::Md5),
            40 => Some(HashKind::Sha1),
            64 => Some(HashKind::Sha256),
            _ => None,
        }
    }
}

fn check_hex(hash: &str) -> Result<(), ValueError> {
    match hash.chars().find(|c| !c.is_ascii_hexdigit()) {
        None => Ok(()),
        Some(c) => fail(format!(
            "{hash} is not a hash: \"{c}\" is not a hexadecimal digit (0-9, A-F)."
        )),
    }
}

/// The File hashes an indicator carries, upper-case hex (ThreatConnect stores them
/// upper-case).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FileHashes {
    pub md5: Option<String>,
    pub sha1: Option<String>,
    pub sha256: Option<String>,
}

impl FileHashes {
    /// From separate fields (any may be None/empty; at least one required). Each is checked
    /// (hex, right length: 32/40/64) and upper-cased.
    pub fn from_parts(
        md5: Option<&str>,
        sha1: Option<&str>,
        sha256: Option<&str>,
    ) -> Result<Self, ValueError> {
        let check = |value: Option<&str>, kind: HashKind| -> Result<Option<String>, ValueError> {
            let Some(h) = value.map(str::trim).filter(|h| !h.is_empty()) else {
                return Ok(None);
            };
            check_hex(h)?;
            if h.len() != kind.len() {
                let hint = match HashKind::for_len(h.len()) {
                    Some(other) => format!(" (that is the length of a {})", other.name()),
                    None => String::new(),
                };
                return fail(format!(
                    "The {} hash {h} has {} characters{hint}, and an {} has {}.",
                    kind.name(),
                    h.len(),
                    kind.name(),
                    kind.len()
                ));
            }
            Ok(Some(h.to_ascii_uppercase()))
        };
        let hashes = FileHashes {
            md5: check(md5, HashKind::Md5)?,
            sha1: check(sha1, HashKind::Sha1)?,
            sha256: check(sha256, HashKind::Sha256)?,
        };
        if hashes.iter().next().is_none() {
            return fail("A File indicator needs at least one hash: MD5, SHA1 or SHA256.");
        }
        Ok(hashes)
    }

    /// From a summary "md5 : sha1 : sha256" (only the present ones, any order, separated by
    /// " : "; a single bare hash is fine). The hash kind is decided by length.
    ///
    /// Tolerated: any spacing around the colons ("A:B" as well as "A : B").
    pub fn parse_summary(summary: &str) -> Result<Self, ValueError> {
        let s = summary.trim();
        if s.is_empty() {
            return fail("The File hash is empty.");
        }
        let mut hashes = FileHashes::default();
        for part in s.split(':').map(str::trim) {
            if part.is_empty() {
                return fail(format!(
                    "{s} is not a File summary: one of the parts between the colons is empty."
                ));
            }
            check_hex(part)?;
            let Some(kind) = HashKind::for_len(part.len()) else {
                return fail(format!(
                    "{part} is not a hash: it has {} characters, and an MD5 has 32, a SHA1 40 \
                     and a SHA256 64.",
                    part.len()
                ));
            };
            let slot = match kind {
                HashKind::Md5 => &mut hashes.md5,
                HashKind::Sha1 => &mut hashes.sha1,
                HashKind::Sha256 => &mut hashes.sha256,
            };
            if slot.is_some() {
                return fail(format!(
                    "{s} has two {} hashes, and a File has at most one of each kind.",
                    kind.name()
                ));
            }
            *slot = Some(part.to_ascii_uppercase());
        }
        Ok(hashes)
    }

    /// "MD5 : SHA1 : SHA256" of the hashes present, in that order, joined by " : ".
    pub fn summary(&self) -> String {
        self.iter().collect::<Vec<_>>().join(SUMMARY_SEPARATOR)
    }

    /// The present hashes in md5, sha1, sha256 order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        [
            self.md5.as_deref(),
            self.sha1.as_deref(),
            self.sha256.as_deref(),
        ]
        .into_iter()
        .flatten()
    }

    /// True when `hash` (any case) is one of these hashes: any one hash addresses a File.
    pub fn contains(&self, hash: &str) -> bool {
        self.iter().any(|h| h.eq_ignore_ascii_case(hash.trim()))
    }
}

// ---------------------------------------------------------------------------------------
// Typed JSON value fields

fn field_text(
    ty: IndicatorType,
    fields: &Map<String, Value>,
    key: &str,
) -> Result<Option<String>, ValueError> {
    match fields.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        // Numbers are tolerated (an AS number sent as 64500, say).
        Some(Value::Number(n)) => Ok(Some(n.to_string())),
        Some(_) => fail(format!(
            "The \"{key}\" field of a {} indicator must be text.",
            ty.name()
        )),
    }
}

/// The summary built from an indicator's typed JSON value fields (e.g. {"ip": "..."} or
/// {"md5": "...", "sha256": "..."} or {"Key Name": .., "Value Name": .., "Value Type": ..}),
/// normalised. Error names the missing/invalid field.
pub fn summary_from_fields(
    ty: IndicatorType,
    fields: &Map<String, Value>,
) -> Result<String, ValueError> {
    match ty {
        IndicatorType::File => {
            let md5 = field_text(ty, fields, "md5")?;
            let sha1 = field_text(ty, fields, "sha1")?;
            let sha256 = field_text(ty, fields, "sha256")?;
            if [&md5, &sha1, &sha256]
                .iter()
                .all(|h| h.as_deref().is_none_or(|h| h.trim().is_empty()))
            {
                return fail(
                    "A File indicator needs at least one of the fields md5, sha1 or sha256.",
                );
            }
            Ok(
                FileHashes::from_parts(md5.as_deref(), sha1.as_deref(), sha256.as_deref())?
                    .summary(),
            )
        }
        IndicatorType::RegistryKey => {
            let key = field_text(ty, fields, "Key Name")?.unwrap_or_default();
            if key.trim().is_empty() {
                return fail("The Registry Key has no \"Key Name\" field.");
            }
            // A missing Value Name is the empty (default) value name.
            let name = field_text(ty, fields, "Value Name")?.unwrap_or_default();
            let Some(vtype) = field_text(ty, fields, "Value Type")? else {
                return fail("The Registry Key has no \"Value Type\" field.");
            };
            registry_key_summary(&key, &name, &vtype)
        }
        _ => {
            let key = ty.value_fields()[0];
            match field_text(ty, fields, key)? {
                Some(v) => normalize(ty, &v),
                None => fail(format!(
                    "The {} indicator has no \"{key}\" field.",
                    ty.name()
                )),
            }
        }
    }
}

/// The typed JSON value fields for a (normalised) summary, as a v2 response carries them
/// (File: md5/sha1/sha256 for those present; Registry Key: the three label keys; others: the
/// one field). A summary that does not parse gives what can be recovered from it.
pub fn fields_from_summary(ty: IndicatorType, summary: &str) -> Map<String, Value> {
    let mut map = Map::new();
    match ty {
        IndicatorType::File => {
            for part in summary.split(':').map(str::trim) {
                let key = match HashKind::for_len(part.len()) {
                    Some(HashKind::Md5) => "md5",
                    Some(HashKind::Sha1) => "sha1",
                    Some(HashKind::Sha256) => "sha256",
                    None => continue,
                };
                map.insert(key.to_owned(), Value::String(part.to_ascii_uppercase()));
            }
        }
        IndicatorType::RegistryKey => {
            let (key, name, vtype) = split_registry_summary(summary).unwrap_or((summary, "", ""));
            map.insert("Key Name".to_owned(), Value::String(key.to_owned()));
            map.insert("Value Name".to_owned(), Value::String(name.to_owned()));
            map.insert("Value Type".to_owned(), Value::String(vtype.to_owned()));
        }
        _ => {
            map.insert(
                ty.value_fields()[0].to_owned(),
                Value::String(summary.to_owned()),
            );
        }
    }
    map
}

// ---------------------------------------------------------------------------------------
// Path segments

fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~')
}

/// Percent-encodes a value as ONE path segment: every byte except the RFC 3986 unreserved
/// set (A–Z a–z 0–9 - . _ ~) becomes %XX (upper-case hex), so '/', ':', '?', ' ' and '+' are
/// all encoded (tcex quote(value, safe='')). Example: "http://bad.example/a b?x=1" ->
/// "http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1".
pub fn encode_segment(value: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(value.len());
    for &b in value.as_bytes() {
        if is_unreserved(b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0x0F)]));
        }
    }
    out
}

fn hex_value(b: u8) -> Option<u8> {
    char::from(b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Decodes one raw path segment (percent-decoding to UTF-8; '+' is kept as a literal '+').
/// Invalid %-escapes or non-UTF-8 are an error.
pub fn decode_segment(segment: &str) -> Result<String, ValueError> {
    let bytes = segment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex_value);
            let lo = bytes.get(i + 2).copied().and_then(hex_value);
            let (Some(hi), Some(lo)) = (hi, lo) else {
                let escape: String = segment[i..].chars().take(3).collect();
                return fail(format!(
                    "The path segment {segment} has an invalid percent-escape \"{escape}\": % \
                     must be followed by two hexadecimal digits."
                ));
            };
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).or_else(|_| {
        fail(format!(
            "The path segment {segment} does not decode to valid UTF-8 text."
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use IndicatorType as T;

    fn reason(ty: IndicatorType, raw: &str) -> String {
        normalize(ty, raw).expect_err(raw).reason
    }

    #[test]
    fn addresses_normalise() {
        assert_eq!(
            normalize(T::Address, " 198.51.100.7 \n").unwrap(),
            "198.51.100.7"
        );
        assert_eq!(normalize(T::Address, "0.0.0.0").unwrap(), "0.0.0.0");
        assert_eq!(
            normalize(T::Address, "2001:0DB8:0000:0000:0000:0000:0000:0001").unwrap(),
            "2001:db8::1"
        );
        assert_eq!(
            normalize(T::Address, "::FFFF:1.2.3.4").unwrap(),
            "::ffff:1.2.3.4"
        );
    }

    #[test]
    fn address_rejections_say_why() {
        assert_eq!(
            reason(T::Address, "198.51.100.300"),
            "198.51.100.300 is not an IPv4 address: 300 is more than 255."
        );
        assert_eq!(
            reason(T::Address, "10.0.0.010"),
            "10.0.0.010 is not an IPv4 address: 010 has a leading zero, which is ambiguous (it \
             may be read as octal)."
        );
        assert_eq!(
            reason(T::Address, "1.2.3"),
            "1.2.3 is not an IPv4 address: it has 3 parts separated by dots, and an IPv4 \
             address has 4."
        );
        assert_eq!(reason(T::Address, "   "), "The IP address is empty.");
        assert!(reason(T::Address, "1.2.3[.]4").contains("brackets"));
        assert!(reason(T::Address, "1.2.3[.]4").contains("(1.2.3.4)"));
        assert!(reason(T::Address, "bad.example").contains("import it as a Host"));
        assert!(reason(T::Address, "fe80::1%eth0").contains("zone indexes such as %eth0"));
        assert!(reason(T::Address, "2001:db8::g").starts_with("2001:db8::g is not an IPv6"));
        assert!(reason(T::Address, "nonsense").contains("such as 198.51.100.7"));
        assert!(reason(T::Address, "http://1.2.3.4/").contains("import it as a URL"));
        assert!(reason(T::Address, "198.51.100.0/24").contains("import blocks as CIDR"));
    }

    #[test]
    fn hosts_normalise() {
        assert_eq!(normalize(T::Host, " Bad.Example. ").unwrap(), "bad.example");
        assert_eq!(
            normalize(T::Host, "bücher.example").unwrap(),
            "xn--bcher-kva.example"
        );
        assert_eq!(
            normalize(T::Host, "BÜCHER.example").unwrap(),
            "xn--bcher-kva.example"
        );
        assert_eq!(
            normalize(T::Host, "xn--bcher-kva.example").unwrap(),
            "xn--bcher-kva.example"
        );
        assert_eq!(
            normalize(T::Host, "a-b.c1.example").unwrap(),
            "a-b.c1.example"
        );
    }

    #[test]
    fn host_rejections_say_why() {
        let defanged = reason(T::Host, "bad[.]example");
        assert!(
            defanged.contains("brackets") && defanged.contains("(bad.example)"),
            "{defanged}"
        );
        assert_eq!(
            reason(T::Host, "198.51.100.7"),
            "198.51.100.7 is an IP address, not a host name: import it as an Address."
        );
        assert!(reason(T::Host, "2001:db8::1").contains("import it as an Address"));
        assert!(reason(T::Host, "http://bad.example/").contains("import it as a URL"));
        assert!(reason(T::Host, "a@bad.example").contains("EmailAddress"));
        assert_eq!(
            reason(T::Host, "localhost"),
            "localhost is not a valid host name: it has only one label, and a domain needs at \
             least two, such as bad.example."
        );
        assert_eq!(
            reason(T::Host, "-bad.example"),
            "-bad.example is not a valid host name: the label \"-bad\" starts with a hyphen."
        );
        assert!(reason(T::Host, "bad-.example").contains("ends with a hyphen"));
        assert!(reason(T::Host, "bad..example").contains("empty label"));
        assert!(reason(T::Host, "bad_host.example").contains("\"_\" is not allowed"));
        assert!(reason(T::Host, "bad host.example").contains("contains a space"));
        assert!(reason(T::Host, "bad.example:8080").contains("no port"));
        let long_label = format!("{}.example", "a".repeat(64));
        assert!(reason(T::Host, &long_label).contains("has 64 characters, and the limit is 63"));
        let long_name = format!("{}example", "abcdefghi.".repeat(26));
        assert!(reason(T::Host, &long_name).contains("the limit is 253"));
        assert!(reason(T::Host, "xn--a.example").contains("punycode"));
        assert_eq!(reason(T::Host, ""), "The host name is empty.");
    }

    #[test]
    fn urls_normalise() {
        assert_eq!(
            normalize(T::Url, "HTTP://Bad.Example/A/B?Q=Z").unwrap(),
            "http://bad.example/A/B?Q=Z"
        );
        assert_eq!(
            normalize(T::Url, "http://bad.example/a b?x=1").unwrap(),
            "http://bad.example/a b?x=1"
        );
        assert_eq!(
            normalize(T::Url, "https://User:Pw@Bücher.example:8443/%7Ex").unwrap(),
            "https://User:Pw@xn--bcher-kva.example:8443/%7Ex"
        );
        assert_eq!(
            normalize(T::Url, "http://[2001:DB8::1]:80/").unwrap(),
            "http://[2001:db8::1]:80/"
        );
        assert_eq!(
            normalize(T::Url, "http://intranet").unwrap(),
            "http://intranet"
        );
        assert_eq!(
            normalize(T::Url, "http://198.51.100.7/x").unwrap(),
            "http://198.51.100.7/x"
        );
    }

    #[test]
    fn url_rejections_say_why() {
        assert_eq!(
            reason(T::Url, "bad.example/x"),
            "bad.example/x has no scheme: a URL must start with one, such as http:// or \
             https://."
        );
        let hxxp = reason(T::Url, "hxxp://bad.example/x");
        assert!(
            hxxp.contains("defanged") && hxxp.contains("http://bad.example/x"),
            "{hxxp}"
        );
        assert!(reason(T::Url, "http://bad[.]example/").contains("brackets"));
        assert!(reason(T::Url, "http:///x").contains("no host"));
        assert!(reason(T::Url, "mailto:a@bad.example").contains("not a URL with a host"));
        assert!(reason(T::Url, "bad.example:8080/x").contains("has no scheme"));
        assert!(reason(T::Url, "http://bad.example:99999/").contains("port"));
        assert!(reason(T::Url, "http://bad example/").contains("contains a space"));
        assert_eq!(reason(T::Url, ""), "The URL is empty.");
    }

    #[test]
    fn emails_normalise() {
        assert_eq!(
            normalize(T::EmailAddress, " John.Doe@Bad.Example ").unwrap(),
            "John.Doe@bad.example"
        );
        assert_eq!(
            normalize(T::EmailAddress, "a+b@bücher.example").unwrap(),
            "a+b@xn--bcher-kva.example"
        );
    }

    #[test]
    fn email_rejections_say_why() {
        assert!(reason(T::EmailAddress, "bad.example").contains("has no @"));
        assert!(reason(T::EmailAddress, "a@b@bad.example").contains("more than one @"));
        assert!(reason(T::EmailAddress, "@bad.example").contains("nothing before the @"));
        assert!(reason(T::EmailAddress, "a@").contains("nothing after the @"));
        assert!(reason(T::EmailAddress, "a b@bad.example").contains("contains a space"));
        assert!(reason(T::EmailAddress, "a[@]bad.example").contains("brackets"));
        assert!(reason(T::EmailAddress, "a(at)bad.example").contains("(a@bad.example)"));
        assert_eq!(
            reason(T::EmailAddress, "a@localhost"),
            "a@localhost is not a valid email address: in its domain localhost, it has only \
             one label, and a domain needs at least two, such as bad.example."
        );
        assert!(reason(T::EmailAddress, "a@198.51.100.7").contains("IP address"));
    }

    const MD5: &str = "905ad8176a569a36421bf54c04ba7f95";
    const SHA1: &str = "a52b6986d68cdfac53aa740566cbeade4452124e";
    const SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    #[test]
    fn file_summary_is_upper_case_md5_sha1_sha256() {
        let given = format!("{SHA256} : {MD5}:{SHA1}");
        let expected = format!(
            "{} : {} : {}",
            MD5.to_uppercase(),
            SHA1.to_uppercase(),
            SHA256.to_uppercase()
        );
        assert_eq!(normalize(T::File, &given).unwrap(), expected);
        assert_eq!(normalize(T::File, MD5).unwrap(), MD5.to_uppercase());
        let h = FileHashes::from_parts(None, Some(SHA1), Some(" ")).unwrap();
        assert_eq!(h.summary(), SHA1.to_uppercase());
        assert!(h.contains(SHA1));
        assert_eq!(h.iter().count(), 1);
    }

    #[test]
    fn file_rejections_say_why() {
        assert_eq!(
            reason(T::File, "abc"),
            "abc is not a hash: it has 3 characters, and an MD5 has 32, a SHA1 40 and a SHA256 \
             64."
        );
        assert!(reason(T::File, &MD5.replace('a', "g")).contains("\"g\" is not a hexadecimal"));
        assert!(reason(T::File, &format!("{MD5} : {MD5}")).contains("two MD5 hashes"));
        assert!(reason(T::File, &format!("{MD5} :  : {SHA1}")).contains("empty"));
        assert_eq!(reason(T::File, ""), "The File hash is empty.");
        let err = FileHashes::from_parts(Some(SHA1), None, None).unwrap_err();
        assert_eq!(
            err.reason,
            format!(
                "The MD5 hash {SHA1} has 40 characters (that is the length of a SHA1), and an \
                 MD5 has 32."
            )
        );
        let err = FileHashes::from_parts(None, Some(""), None).unwrap_err();
        assert_eq!(
            err.reason,
            "A File indicator needs at least one hash: MD5, SHA1 or SHA256."
        );
    }

    #[test]
    fn asns_normalise() {
        for raw in [
            "ASN64500",
            "asn64500",
            "AS64500",
            "AS 64500",
            "64500",
            " as064500 ",
        ] {
            assert_eq!(normalize(T::Asn, raw).unwrap(), "ASN64500", "{raw}");
        }
        assert_eq!(normalize(T::Asn, "4294967295").unwrap(), "ASN4294967295");
        assert_eq!(
            reason(T::Asn, "AS4294967296"),
            "AS4294967296 is not an AS number: 4294967296 is more than 4294967295, the largest \
             AS number."
        );
        assert!(reason(T::Asn, "ASN").contains("has no number"));
        assert!(reason(T::Asn, "ASN-1").contains("ASN followed by digits"));
        assert_eq!(reason(T::Asn, ""), "The AS number is empty.");
    }

    #[test]
    fn cidrs_normalise() {
        assert_eq!(
            normalize(T::Cidr, "198.51.100.7/24").unwrap(),
            "198.51.100.7/24"
        );
        assert_eq!(
            normalize(T::Cidr, "2001:DB8:0:0::/032").unwrap(),
            "2001:db8::/32"
        );
        assert!(reason(T::Cidr, "198.51.100.0").contains("has no prefix length"));
        assert_eq!(
            reason(T::Cidr, "198.51.100.0/33"),
            "198.51.100.0/33 is not a CIDR block: the prefix length 33 is more than 32."
        );
        assert!(reason(T::Cidr, "2001:db8::/129").contains("more than 128"));
        assert!(reason(T::Cidr, "198.51.100.0/").contains("must be a number from 0 to 32"));
        assert!(reason(T::Cidr, "198.51.100.00/24").contains("leading zero"));
    }

    #[test]
    fn text_types_trim_and_limit() {
        assert_eq!(
            normalize(T::Mutex, "  Global\\MyMutex ").unwrap(),
            "Global\\MyMutex"
        );
        assert_eq!(
            normalize(T::UserAgent, "Mozilla/5.0 (X)").unwrap(),
            "Mozilla/5.0 (X)"
        );
        assert_eq!(reason(T::Mutex, " "), "The mutex is empty.");
        assert_eq!(
            reason(T::UserAgent, &"x".repeat(501)),
            "The user agent has 501 characters, and the limit is 500."
        );
    }

    #[test]
    fn registry_keys_normalise() {
        let k = "HKEY_LOCAL_MACHINE\\Software\\Run";
        assert_eq!(
            normalize(T::RegistryKey, &format!("{k} : Evil : reg_sz")).unwrap(),
            format!("{k} : Evil : REG_SZ")
        );
        // Empty and single-space value names survive, as ThreatConnect's examples use " ".
        assert_eq!(
            normalize(T::RegistryKey, &format!("{k} :  : REG_NONE")).unwrap(),
            format!("{k} :  : REG_NONE")
        );
        assert_eq!(
            normalize(T::RegistryKey, &format!("{k} : : REG_NONE")).unwrap(),
            format!("{k} :  : REG_NONE")
        );
        assert_eq!(
            normalize(T::RegistryKey, &format!("{k} :   : REG_NONE")).unwrap(),
            format!("{k} :   : REG_NONE")
        );
        assert_eq!(
            normalize(T::RegistryKey, "hkey_current_user\\X : a : b : REG_DWORD").unwrap(),
            "HKEY_CURRENT_USER\\X : a : b : REG_DWORD"
        );
    }

    #[test]
    fn registry_key_rejections_say_why() {
        assert!(reason(T::RegistryKey, "HKEY_X\\Y").contains("needs three parts"));
        assert_eq!(
            reason(T::RegistryKey, "HKLM\\Software : x : REG_SZ"),
            "The Key Name HKLM\\Software must start with the full hive name: write \
             HKEY_LOCAL_MACHINE instead of HKLM."
        );
        assert!(reason(T::RegistryKey, "Software\\X : x : REG_SZ").contains("HKEY_"));
        assert!(reason(T::RegistryKey, "HKEY_\\X : x : REG_SZ").contains("names no hive"));
        assert!(
            reason(T::RegistryKey, "HKEY_USERS\\X : x : REG_TEXT")
                .starts_with("The Value Type REG_TEXT is not one of REG_NONE, REG_SZ")
        );
    }

    #[test]
    fn fields_round_trip_and_name_the_field() {
        let mut fields = Map::new();
        fields.insert("md5".into(), Value::String(MD5.into()));
        fields.insert("sha256".into(), Value::String(SHA256.into()));
        let summary = summary_from_fields(T::File, &fields).unwrap();
        assert_eq!(
            summary,
            format!("{} : {}", MD5.to_uppercase(), SHA256.to_uppercase())
        );
        let back = fields_from_summary(T::File, &summary);
        assert_eq!(back.len(), 2);
        assert_eq!(back["md5"], MD5.to_uppercase());

        let mut reg = Map::new();
        reg.insert("Key Name".into(), "HKEY_USERS\\X".into());
        reg.insert("Value Name".into(), " ".into());
        reg.insert("Value Type".into(), "REG_NONE".into());
        assert_eq!(
            summary_from_fields(T::RegistryKey, &reg).unwrap(),
            "HKEY_USERS\\X :   : REG_NONE"
        );
        assert_eq!(
            fields_from_summary(T::RegistryKey, "HKEY_USERS\\X :   : REG_NONE"),
            reg
        );

        let mut asn = Map::new();
        asn.insert("AS Number".into(), Value::from(64500));
        assert_eq!(summary_from_fields(T::Asn, &asn).unwrap(), "ASN64500");

        let err = summary_from_fields(T::Address, &Map::new()).unwrap_err();
        assert_eq!(err.reason, "The Address indicator has no \"ip\" field.");
        let err = summary_from_fields(T::File, &Map::new()).unwrap_err();
        assert!(err.reason.contains("md5, sha1 or sha256"));
        let mut bad = Map::new();
        bad.insert("hostName".into(), Value::Bool(true));
        let err = summary_from_fields(T::Host, &bad).unwrap_err();
        assert_eq!(
            err.reason,
            "The \"hostName\" field of a Host indicator must be text."
        );
    }

    #[test]
    fn segments_encode_like_tcex_quote_safe_empty() {
        assert_eq!(
            encode_segment("http://bad.example/a b?x=1"),
            "http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1"
        );
        assert_eq!(encode_segment("a+b~c_d-e.f"), "a%2Bb~c_d-e.f");
        assert_eq!(encode_segment("ü"), "%C3%BC");
        assert_eq!(
            decode_segment("http%3A%2F%2Fbad.example%2Fa%20b%3Fx%3D1").unwrap(),
            "http://bad.example/a b?x=1"
        );
        assert_eq!(
            decode_segment("a+b%2b").unwrap(),
            "a+b+",
            "'+' stays a plus"
        );
        assert!(
            decode_segment("100%")
                .unwrap_err()
                .reason
                .contains("invalid percent-escape")
        );
        assert!(
            decode_segment("%zz")
                .unwrap_err()
                .reason
                .contains("\"%zz\"")
        );
        assert!(decode_segment("%FF").unwrap_err().reason.contains("UTF-8"));
    }
}
