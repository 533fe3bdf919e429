#!/usr/bin/env bash
# `npm run screenshots`: drive the real app on the sandbox and write docs/screenshots/*.png
# at a fixed window size (1280 x 800).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
npm run --silent ui:build
cargo build --workspace --bins --locked
xvfb-run -a --server-args="-screen 0 1280x800x24" dbus-run-session -- node tests/e2e/screenshots.mjs
