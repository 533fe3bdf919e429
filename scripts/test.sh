#!/usr/bin/env bash
# `npm test`: install what is missing, then run every check. Any failure fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
started=$SECONDS
step() { printf '\n\033[1m==> %s\033[0m  (%ss)\n' "$*" "$((SECONDS - started))"; }

step "Setup"
bash scripts/setup.sh --test

step "Rust formatting"
cargo fmt --all --check

step "TypeScript types"
npm run --silent ui:typecheck
step "ESLint"
npm run --silent ui:lint
step "UI tests (Vitest)"
npm run --silent ui:test

step "Build the interface"
npm run --silent ui:build

step "Clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

step "Rust tests (including the bindings drift check)"
cargo test --workspace --locked

step "Build the app"
cargo build --workspace --bins --locked

step "End-to-end tests of the real app under Xvfb"
xvfb-run -a --server-args="-screen 0 1280x800x24" dbus-run-session -- node --test --test-concurrency=1 tests/e2e/*.test.mjs

step "All checks passed"
