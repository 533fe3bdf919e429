#!/usr/bin/env bash
# `npm run app`: install what is missing, build, and start TC Bridge on its built-in sandbox.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
echo "==> Building the interface"
npm run --silent ui:build
echo "==> Building TC Bridge (the first build takes a few minutes)"
cargo build --workspace --bins
if [[ -z "${DISPLAY:-}" && -z "${WAYLAND_DISPLAY:-}" ]]; then
  echo "No display found. To run TC Bridge on a machine without a screen, use: xvfb-run -a target/debug/tc-bridge-app" >&2
  exit 1
fi
echo "==> Starting TC Bridge"
exec target/debug/tc-bridge-app
