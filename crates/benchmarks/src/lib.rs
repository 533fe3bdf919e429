//! Helpers for the benchmarks in `benches/`: they measure, on this machine, the figures
//! recorded in `docs/performance.md`. Nothing here is used by the app.

use std::time::{Duration, Instant};

/// Prints one figure in a fixed format the docs quote.
pub fn report(name: &str, value: f64, unit: &str, target: &str) {
    println!("{name:<48} {value:>12.1} {unit:<14} (target: {target})");
}

/// Runs `f` once and returns how long it took.
pub async fn timed<T>(f: impl std::future::Future<Output = T>) -> (T, Duration) {
    let start = Instant::now();
    let out = f.await;
    (out, start.elapsed())
}
