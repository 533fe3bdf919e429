//! `--seed demo`: a realistic, made-up dataset, the same on every run. Values come from
//! the documentation ranges (192.0.2.0/24, 198.51.100.0/24, 203.0.113.0/24, 2001:db8::/32,
//! AS64500–AS65534) and the `.example`/`.test` domains, so screenshots never show anything
//! real. Dates lie in the 180 days before 2026-11-30.

use rusqlite::Connection;
use serde_json::{Map, json};
use tc_model::{GroupType, IndicatorType, Owner};

use crate::store::groups;
use crate::store::indicators::{self, IndicatorFields, IndicatorRecord};
use crate::store::meta::{self, AttributeInput, ItemKind};
use crate::store::{StoreResult, iso};

/// The end of the demo period: 2026-11-30T00:00:00Z.
pub const DEMO_NOW: i64 = 1_795_996_800;
const DAY: i64 = 86_400;

/// SplitMix64: tiny, and stable forever (a library generator could change between versions).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
    fn hex(&mut self, len: usize) -> String {
        (0..len)
            .map(|_| char::from_digit(self.below(16) as u32, 16).unwrap_or('0'))
            .collect()
    }
}

const WORDS: [&str; 32] = [
    "update", "secure", "login", "verify", "cdn", "mail", "portal", "account", "cloud", "sync",
    "static", "api", "billing", "support", "files", "auth", "docs", "invoice", "track", "status",
    "media", "assets", "office", "share", "payroll", "vpn", "webmail", "download", "service",
    "archive", "news", "shop",
];
const BRANDS: [&str; 12] = [
    "adatum",
    "contoso",
    "fabrikam",
    "woodgrove",
    "northwind",
    "tailspin",
    "litware",
    "proseware",
    "lucerne",
    "wingtip",
    "fourthcoffee",
    "alpineski",
];
const TAGS: [&str; 12] = [
    "Phishing",
    "Ransomware",
    "C2",
    "Botnet",
    "Malware Delivery",
    "Scanning",
    "Credential Theft",
    "Tor Exit",
    "Cryptomining",
    "Exploit Kit",
    "Spam",
    "Data Exfiltration",
];
const FAMILIES: [&str; 6] = [
    "Emotet",
    "AsyncRAT",
    "RedLine",
    "AgentTesla",
    "QakBot",
    "Lumma",
];
const SOURCES: [&str; 4] = [
    "Orbit Threat Labs",
    "Acme Threat Feed",
    "Northwind Intel",
    "Internal analysis",
];
const LABELS: [&str; 4] = ["TLP:GREEN", "TLP:AMBER", "TLP:CLEAR", "TLP:RED"];

fn host(rng: &mut Rng) -> String {
    let tld = if rng.chance(70) { "example" } else { "test" };
    format!(
        "{}-{}{}.{tld}",
        rng.pick(&WORDS),
        rng.pick(&BRANDS),
        rng.below(100)
    )
}

fn value(rng: &mut Rng, ty: IndicatorType) -> String {
    match ty {
        IndicatorType::Address => {
            if rng.chance(85) {
                let net = rng.pick(&["192.0.2", "198.51.100", "203.0.113"]);
                format!("{net}.{}", 1 + rng.below(254))
            } else {
                format!(
                    "2001:db8:{:x}::{:x}",
                    rng.below(0xffff),
                    1 + rng.below(0xfffe)
                )
            }
        }
        IndicatorType::Host => host(rng),
        IndicatorType::Url => {
            let scheme = if rng.chance(80) { "https" } else { "http" };
            format!(
                "{scheme}://{}/{}/{}.php",
                host(rng),
                rng.pick(&WORDS),
                rng.pick(&WORDS)
            )
        }
        IndicatorType::EmailAddress => {
            format!("{}.{}@{}", rng.pick(&WORDS), rng.pick(&WORDS), host(rng))
        }
        IndicatorType::File => {
            let mut parts = Vec::new();
            if rng.chance(80) {
                parts.push(rng.hex(32));
            }
            if rng.chance(50) {
                parts.push(rng.hex(40));
            }
            if parts.is_empty() || rng.chance(60) {
                parts.push(rng.hex(64));
            }
            parts.join(" : ").to_ascii_uppercase()
        }
        IndicatorType::Asn => format!("ASN{}", 64_500 + rng.below(1_035)),
        IndicatorType::Cidr => {
            let net = rng.pick(&["192.0.2", "198.51.100", "203.0.113"]);
            let prefix = rng.pick(&[24u64, 26, 28]);
            let block = 256 >> (prefix - 24);
            format!("{net}.{}/{prefix}", block * rng.below(256 / block))
        }
        IndicatorType::Mutex => format!("Global\\{}_{}", rng.pick(&WORDS), rng.hex(8)),
        IndicatorType::UserAgent => {
            format!(
                "Mozilla/5.0 (compatible; {}Bot/{}.{})",
                capitalise(rng.pick(&WORDS)),
                1 + rng.below(9),
                rng.below(10)
            )
        }
        IndicatorType::RegistryKey => format!(
            "HKEY_LOCAL_MACHINE\\Software\\Microsoft\\Windows\\CurrentVersion\\Run : {}{} : REG_SZ",
            rng.pick(&WORDS),
            rng.below(100)
        ),
    }
}

fn capitalise(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Weighted choice of an indicator type.
fn indicator_type(rng: &mut Rng) -> IndicatorType {
    const WEIGHTS: [(IndicatorType, u64); 10] = [
        (IndicatorType::Address, 28),
        (IndicatorType::Host, 24),
        (IndicatorType::Url, 14),
        (IndicatorType::File, 16),
        (IndicatorType::EmailAddress, 8),
        (IndicatorType::Asn, 2),
        (IndicatorType::Cidr, 3),
        (IndicatorType::Mutex, 2),
        (IndicatorType::UserAgent, 2),
        (IndicatorType::RegistryKey, 1),
    ];
    let mut roll = rng.below(100);
    for (ty, w) in WEIGHTS {
        if roll < w {
            return ty;
        }
        roll -= w;
    }
    IndicatorType::Address
}

/// Loads the demo dataset into a store that has only its seeded owners.
pub fn demo(conn: &mut Connection, owners: &[Owner]) -> StoreResult<()> {
    let tx = conn.transaction()?;
    let mut rng = Rng(0x7CB2_1D6E);
    let counts = [2_000usize, 700, 1_300];
    let mut shared: Vec<(IndicatorType, String)> = Vec::new();
    for (owner, count) in owners.iter().zip(counts) {
        let mut made: Vec<IndicatorRecord> = Vec::new();
        while made.len() < count {
            // Some values appear in several owners, as real intelligence does.
            let (ty, raw) = if !shared.is_empty() && rng.chance(12) {
                shared[rng.below(shared.len() as u64) as usize].clone()
            } else {
                let ty = indicator_type(&mut rng);
                (ty, value(&mut rng, ty))
            };
            let Ok(summary) = tc_model::value::normalize(ty, &raw) else {
                continue;
            };
            if made.iter().any(|r| r.ty == ty && r.summary == summary) {
                continue;
            }
            let added = DEMO_NOW - (rng.below(180) as i64) * DAY - rng.below(DAY as u64) as i64;
            let fields = IndicatorFields {
                rating: (!rng.chance(10))
                    .then(|| rng.pick(&[1.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 4.0, 5.0])),
                confidence: (!rng.chance(8)).then(|| 25 + rng.below(75) as i64),
                active: Some(!rng.chance(5)),
                dns_active: (ty == IndicatorType::Host).then(|| rng.chance(60)),
                whois_active: (ty == IndicatorType::Host).then(|| rng.chance(40)),
                size: (ty == IndicatorType::File && rng.chance(70))
                    .then(|| 10_000 + rng.below(5_000_000) as i64),
                ..Default::default()
            };
            let (rec, _) = indicators::upsert(&tx, owner, ty, &summary, &fields, added)?;
            let modified = (added + rng.below(30) as i64 * DAY).min(DEMO_NOW);
            tx.execute(
                "UPDATE indicators SET last_modified = ?2 WHERE id = ?1",
                rusqlite::params![rec.id, modified],
            )?;
            for _ in 0..rng.below(4) {
                meta::apply_tag(&tx, owner.id, ItemKind::Indicator, rec.id, rng.pick(&TAGS))?;
            }
            if rng.chance(70) {
                meta::apply_label(&tx, ItemKind::Indicator, rec.id, rng.pick(&LABELS))?;
            }
            if rng.chance(50) {
                let text = format!(
                    "{} activity attributed to {}.",
                    rng.pick(&TAGS),
                    rng.pick(&FAMILIES)
                );
                meta::add_attribute(
                    &tx,
                    ItemKind::Indicator,
                    rec.id,
                    &AttributeInput {
                        type_name: "Description".into(),
                        value: text,
                        ..Default::default()
                    },
                    added,
                )?;
            }
            if rng.chance(60) {
                let source = rng.pick(&SOURCES).to_string();
                meta::add_attribute(
                    &tx,
                    ItemKind::Indicator,
                    rec.id,
                    &AttributeInput {
                        type_name: "Source".into(),
                        value: source,
                        ..Default::default()
                    },
                    added,
                )?;
            }
            if rng.chance(30) {
                indicators::observe(&tx, rec.id, 1 + rng.below(50) as i64, modified)?;
            }
            if rng.chance(2) {
                indicators::false_positive(&tx, rec.id, modified)?;
            }
            if shared.len() < 400 && rng.chance(15) {
                shared.push((ty, summary));
            }
            made.push(rec);
        }
        demo_groups(&tx, &mut rng, owner, &made)?;
    }
    tx.commit()?;
    Ok(())
}

fn demo_groups(
    conn: &Connection,
    rng: &mut Rng,
    owner: &Owner,
    indicators: &[IndicatorRecord],
) -> StoreResult<()> {
    let adversaries = [
        "Amber Falcon",
        "Glass Mantis",
        "Iron Marten",
        "Night Weaver",
    ];
    let campaigns = [
        "Operation Paper Lantern",
        "Operation Silent Harbor",
        "Invoice Storm",
        "Payroll Phish",
        "Cloud Courier",
    ];
    let mut made = Vec::new();
    let mut add = |conn: &Connection,
                   rng: &mut Rng,
                   ty: GroupType,
                   name: String,
                   mut fields: Map<String, serde_json::Value>|
     -> StoreResult<()> {
        let added = DEMO_NOW - (rng.below(180) as i64) * DAY;
        if ty.required_fields().contains(&"eventDate") {
            fields.insert(
                "eventDate".into(),
                json!(iso(added + rng.below(5) as i64 * DAY)),
            );
        }
        let xid = format!("demo:{}:{}:{}", owner.id, ty.api_entity(), made.len());
        let (g, _) = groups::upsert(conn, owner, ty, &name, Some(&xid), &fields, added)?;
        for _ in 0..(10 + rng.below(50)) {
            let ind = &indicators[rng.below(indicators.len() as u64) as usize];
            groups::associate_indicator(conn, &g, ind)?;
        }
        if rng.chance(60) {
            meta::apply_tag(conn, owner.id, ItemKind::Group, g.id, rng.pick(&TAGS))?;
        }
        made.push(g);
        Ok(())
    };
    for name in adversaries.iter().take(2 + owner.id as usize % 3) {
        add(conn, rng, GroupType::Adversary, (*name).into(), Map::new())?;
    }
    for name in campaigns.iter().take(3 + owner.id as usize % 3) {
        let mut f = Map::new();
        f.insert(
            "firstSeen".into(),
            json!(iso(DEMO_NOW - (30 + rng.below(150) as i64) * DAY)),
        );
        add(conn, rng, GroupType::Campaign, (*name).into(), f)?;
    }
    for n in 0..6 {
        let mut f = Map::new();
        f.insert(
            "status".into(),
            json!(rng.pick(&["New", "Open", "Stalled", "Containment Achieved", "Closed"])),
        );
        let name = format!("{} wave {}", rng.pick(&TAGS), n + 1);
        add(conn, rng, GroupType::Incident, name, f)?;
    }
    for family in FAMILIES.iter().take(4) {
        add(conn, rng, GroupType::Malware, (*family).into(), Map::new())?;
    }
    for n in 0..3 {
        let mut f = Map::new();
        f.insert(
            "fileName".into(),
            json!(format!("threat-report-{}.pdf", n + 1)),
        );
        add(
            conn,
            rng,
            GroupType::Report,
            format!("{} monthly report {}", owner.name, n + 1),
            f,
        )?;
    }
    // Adversaries run campaigns; campaigns lead to incidents; reports describe campaigns.
    let of = |ty: GroupType| made.iter().filter(move |g| g.ty == ty).collect::<Vec<_>>();
    let (adversaries, campaigns) = (of(GroupType::Adversary), of(GroupType::Campaign));
    for (i, campaign) in campaigns.iter().enumerate() {
        groups::associate_groups(conn, adversaries[i % adversaries.len()], campaign)?;
    }
    for (i, g) in made
        .iter()
        .filter(|g| matches!(g.ty, GroupType::Incident | GroupType::Report))
        .enumerate()
    {
        groups::associate_groups(conn, campaigns[i % campaigns.len()], g)?;
    }
    Ok(())
}
