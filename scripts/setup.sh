#!/usr/bin/env bash
# Installs what TC Bridge needs and is missing, then returns. Safe to run again: each step
# checks first. Usage: scripts/setup.sh [--test]   (--test adds what the tests need)
#
#   Debian/Ubuntu packages  the WebKitGTK build chain (and Xvfb, WebKitWebDriver, ImageMagick
#                           with --test), via apt-get, with sudo when not root
#   npm packages            npm ci, when node_modules is missing or older than the lock file
#   tauri-driver            cargo install into .tools/ (with --test)
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=false
[[ "${1:-}" == "--test" ]] && want_test=true

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
fail() { printf '\033[31merror:\033[0m %s\n' "$*" >&2; exit 1; }

build_packages=(libwebkit2gtk-4.1-dev build-essential curl wget file libxdo-dev libssl-dev
  libayatana-appindicator3-dev librsvg2-dev pkg-config)
test_packages=(xvfb xauth imagemagick webkit2gtk-driver dbus dbus-x11 gnome-keyring)

# --- Debian packages --------------------------------------------------------------------
packages=("${build_packages[@]}")
$want_test && packages+=("${test_packages[@]}")
if command -v dpkg-query >/dev/null 2>&1; then
  missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  if ((${#missing[@]})); then
    say "Installing system packages: ${missing[*]}"
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then
      command -v sudo >/dev/null || fail "need root or sudo to install: ${missing[*]}"
      sudo="sudo"
    fi
    $sudo apt-get update -q
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  fi
else
  echo "Not a Debian/Ubuntu system: install the equivalents of ${packages[*]} yourself (see README)." >&2
fi

# --- Toolchains ---------------------------------------------------------------------------
command -v cargo >/dev/null || fail "Rust is not installed: get it from https://rustup.rs, then run this again."
command -v node >/dev/null || fail "Node.js 20 or later is not installed: get it from https://nodejs.org, then run this again."
node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' \
  || fail "Node.js $(node --version) is too old: TC Bridge needs 20.19 or later."

# --- npm packages ---------------------------------------------------------------------
if [[ ! -d node_modules || ! -f node_modules/.package-lock.json || package-lock.json -nt node_modules/.package-lock.json ]]; then
  say "Installing npm packages"
  npm ci --no-audit --no-fund
fi

# --- tauri-driver (end-to-end tests) ------------------------------------------------------
if $want_test && [[ ! -x .tools/bin/tauri-driver ]]; then
  say "Installing tauri-driver into .tools/"
  cargo install tauri-driver --version '^2.1' --locked --root .tools --quiet
fi
exit 0
