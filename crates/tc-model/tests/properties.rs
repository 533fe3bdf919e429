//! Property tests of indicator value normalisation: idempotence, path-segment round trips,
//! File hash summaries and typed value fields, on generated valid-ish values of every type.

use proptest::prelude::*;
use proptest::sample::select;
use tc_model::IndicatorType as T;
use tc_model::value::{
    FileHashes, REGISTRY_VALUE_TYPES, decode_segment, encode_segment, fields_from_summary,
    normalize, summary_from_fields,
};

// ---------------------------------------------------------------------------------------
// Generators

fn ipv4() -> impl Strategy<Value = String> {
    any::<[u8; 4]>().prop_map(|o| format!("{}.{}.{}.{}", o[0], o[1], o[2], o[3]))
}

/// IPv6 written in full, with random case and random zero-padding of each group, or in the
/// compressed std form.
fn ipv6() -> impl Strategy<Value = String> {
    (
        any::<[u16; 8]>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(segs, full, pad, upper)| {
            if !full {
                return std::net::Ipv6Addr::from(segs).to_string();
            }
            let text = segs
                .iter()
                .map(|s| {
                    if pad {
                        format!("{s:04x}")
                    } else {
                        format!("{s:x}")
                    }
                })
                .collect::<Vec<_>>()
                .join(":");
            if upper { text.to_uppercase() } else { text }
        })
}

fn ascii_label() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9]{1,8}(-[a-zA-Z0-9]{1,8})?"
}

fn label() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => ascii_label(),
        1 => select(vec!["bücher", "MÜNCHEN", "пример", "例え", "straße", "café", "ελληνικά"])
            .prop_map(str::to_owned),
    ]
}

/// Host names: 1–3 labels (ASCII, upper-case or IDN) plus an alphabetic TLD, sometimes with
/// a trailing dot.
fn host() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(label(), 1..4),
        "[a-zA-Z]{2,6}",
        any::<bool>(),
    )
        .prop_map(|(labels, tld, dot)| {
            format!("{}.{tld}{}", labels.join("."), if dot { "." } else { "" })
        })
}

fn email() -> impl Strategy<Value = String> {
    ("[a-zA-Z0-9._%+-]{1,16}", host()).prop_map(|(local, h)| format!("{local}@{h}"))
}

fn hex_of_len(bytes: usize) -> impl Strategy<Value = String> {
    (prop::collection::vec(any::<u8>(), bytes), any::<bool>()).prop_map(|(b, upper)| {
        let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
        if upper { hex.to_uppercase() } else { hex }
    })
}

/// 1–3 hashes of distinct kinds, in random order, joined by " : ".
fn file_summary() -> impl Strategy<Value = String> {
    (
        hex_of_len(16),
        hex_of_len(20),
        hex_of_len(32),
        prop::sample::subsequence(vec![0usize, 1, 2], 1..=3),
    )
        .prop_flat_map(|(md5, sha1, sha256, picks)| {
            let all = [md5, sha1, sha256];
            let chosen: Vec<String> = picks.into_iter().map(|i| all[i].clone()).collect();
            Just(chosen).prop_shuffle()
        })
        .prop_map(|parts| parts.join(" : "))
}

fn asn() -> impl Strategy<Value = String> {
    (any::<u32>(), 0..5usize).prop_map(|(n, spelling)| match spelling {
        0 => format!("ASN{n}"),
        1 => format!("asn{n}"),
        2 => format!("AS{n}"),
        3 => format!("AS {n}"),
        _ => n.to_string(),
    })
}

fn cidr() -> impl Strategy<Value = String> {
    prop_oneof![
        (ipv4(), 0..=32u8).prop_map(|(a, n)| format!("{a}/{n}")),
        (ipv6(), 0..=128u8).prop_map(|(a, n)| format!("{a}/{n}")),
    ]
}

fn registry_key() -> impl Strategy<Value = String> {
    (
        select(vec![
            "HKEY_LOCAL_MACHINE",
            "HKEY_CURRENT_USER",
            "hkey_classes_root",
            "HKEY_USERS",
        ]),
        "[A-Za-z0-9 _.\\\\]{1,30}",
        "[A-Za-z0-9 ]{0,10}",
        select(REGISTRY_VALUE_TYPES.to_vec()),
        any::<bool>(),
    )
        .prop_map(|(hive, path, name, vtype, lower)| {
            let vtype = if lower {
                vtype.to_lowercase()
            } else {
                vtype.to_owned()
            };
            format!("{hive}\\{path} : {name} : {vtype}")
        })
}

fn url() -> impl Strategy<Value = String> {
    (
        select(vec!["http", "https", "ftp", "HTTP", "hTTps"]),
        host(),
        prop::option::of(1..=65535u32),
        "(/[a-zA-Z0-9._~%!$&'()*+,;=:@ -]{0,10}){0,3}",
        prop::option::of("[a-z]{1,5}=[a-zA-Z0-9 /?]{0,8}"),
    )
        .prop_map(|(scheme, host, port, path, query)| {
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let query = query.map(|q| format!("?{q}")).unwrap_or_default();
            format!("{scheme}://{host}{port}{path}{query}")
        })
}

/// Free text for Mutex and User Agent: printable ASCII and some non-ASCII, not blank.
fn text() -> impl Strategy<Value = String> {
    "[ -~äöü€\\\\]{0,20}[!-~]{1,5}[ -~]{0,40}"
}

/// A type and a value generated for it; every generated value is valid.
fn typed_value() -> impl Strategy<Value = (T, String)> {
    prop_oneof![
        prop_oneof![ipv4(), ipv6()].prop_map(|v| (T::Address, v)),
        email().prop_map(|v| (T::EmailAddress, v)),
        file_summary().prop_map(|v| (T::File, v)),
        host().prop_map(|v| (T::Host, v)),
        url().prop_map(|v| (T::Url, v)),
        asn().prop_map(|v| (T::Asn, v)),
        cidr().prop_map(|v| (T::Cidr, v)),
        text().prop_map(|v| (T::Mutex, v)),
        registry_key().prop_map(|v| (T::RegistryKey, v)),
        text().prop_map(|v| (T::UserAgent, v)),
    ]
}

fn is_encoded_segment(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'%' => {
                let ok = |j: usize| {
                    b.get(j)
                        .is_some_and(|c| matches!(c, b'0'..=b'9' | b'A'..=b'F'))
                };
                if !(ok(i + 1) && ok(i + 2)) {
                    return false;
                }
                i += 3;
            }
            c if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'.' | b'_' | b'~') => i += 1,
            _ => return false,
        }
    }
    true
}

// ---------------------------------------------------------------------------------------
// Properties

proptest! {
    #[test]
    fn normalize_accepts_valid_values_and_is_idempotent((ty, raw) in typed_value()) {
        let once = normalize(ty, &raw);
        prop_assert!(once.is_ok(), "{ty} {raw:?} was rejected: {once:?}");
        let once = once.unwrap();
        prop_assert_eq!(normalize(ty, &once), Ok(once.clone()), "{} {:?}", ty, raw);
    }

    #[test]
    fn values_survive_the_path_segment((ty, raw) in typed_value()) {
        let value = normalize(ty, &raw).unwrap();
        let encoded = encode_segment(&value);
        prop_assert!(is_encoded_segment(&encoded), "{encoded:?} has a reserved character");
        let decoded = decode_segment(&encoded);
        prop_assert_eq!(decoded.as_deref(), Ok(value.as_str()));
        prop_assert_eq!(normalize(ty, &decoded.unwrap()), Ok(value));
    }

    #[test]
    fn any_text_encodes_to_unreserved_and_escapes(s in any::<String>()) {
        let encoded = encode_segment(&s);
        prop_assert!(is_encoded_segment(&encoded));
        prop_assert_eq!(decode_segment(&encoded), Ok(s));
    }

    #[test]
    fn typed_fields_round_trip((ty, raw) in typed_value()) {
        let value = normalize(ty, &raw).unwrap();
        let fields = fields_from_summary(ty, &value);
        for key in fields.keys() {
            prop_assert!(ty.value_fields().contains(&key.as_str()), "{key} is a value field");
        }
        prop_assert_eq!(summary_from_fields(ty, &fields), Ok(value));
    }

    #[test]
    fn file_hash_summary_round_trips(raw in file_summary()) {
        let hashes = FileHashes::parse_summary(&raw).unwrap();
        let summary = hashes.summary();
        prop_assert_eq!(summary.to_uppercase(), summary.clone(), "hashes are upper-case");
        prop_assert_eq!(FileHashes::parse_summary(&summary), Ok(hashes.clone()));
        let from_parts = FileHashes::from_parts(
            hashes.md5.as_deref(),
            hashes.sha1.as_deref(),
            hashes.sha256.as_deref(),
        );
        prop_assert_eq!(from_parts, Ok(hashes.clone()));
        let lens: Vec<usize> = hashes.iter().map(str::len).collect();
        let mut sorted = lens.clone();
        sorted.sort_unstable();
        prop_assert_eq!(lens, sorted, "md5, sha1, sha256 order");
    }

    #[test]
    fn normalize_never_panics_on_arbitrary_text(s in "\\PC{0,40}", i in 0..10usize) {
        let ty = T::ALL[i];
        if let Ok(v) = normalize(ty, &s) {
            prop_assert_eq!(normalize(ty, &v), Ok(v.clone()), "{} {:?}", ty, s);
        }
    }
}
