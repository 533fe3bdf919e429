//! Signing one request (`reference/threatconnect-api.md` §2): target < 2 µs.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use tc_client::SecretString;
use tc_client::signing::sign_hmac;

fn signing(c: &mut Criterion) {
    let secret = SecretString::new("TestSecretKey-DoNotUse-0123456789abcdef");
    let target = "/api/v2/indicators/hosts?owner=Common+Community&filters=summary%5Ebad%2Crating%3E3&resultLimit=100";
    c.bench_function("sign_hmac (vector 2b request)", |b| {
        b.iter(|| {
            sign_hmac(
                black_box(target),
                "GET",
                black_box(1_700_000_300),
                "12345678901234567890",
                &secret,
            )
        })
    });
}

criterion_group!(benches, signing);
criterion_main!(benches);
