#!/usr/bin/env bash
# Installs what building and testing otel needs on a Debian machine:
#   C: gcc, make, pkg-config, libyaml-dev, libjson-c-dev, libxxhash-dev (apt-get)
#   demo and tests: libsqlite3-dev (the demo links the system SQLite), jq, git, python3
#   library tests: redis-server, postgresql, mariadb-server (each test starts its own
#       server on a free loopback port in a temporary directory and stops it)
#   fuzzing (make fuzz, tests/t_fuzz_smoke.sh): clang and its libFuzzer runtime
#       (libclang-rt-14-dev, Debian 12's clang 14)
#   Go: a Go toolchain >= 1.24 must already be on PATH (Debian's golang is too old);
#       Go modules are fetched by go itself from the module proxy when first built.
# Packages already installed are not fetched again, so a second run is instant.
set -euo pipefail
pkgs=(gcc make pkg-config libyaml-dev libjson-c-dev libxxhash-dev git python3 jq libsqlite3-dev
      redis-server postgresql mariadb-server clang libclang-rt-14-dev)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "install-deps: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ! command -v go >/dev/null; then
  echo "install-deps: no go on PATH; install Go 1.24 or newer" >&2
  exit 1
fi
echo "install-deps: ok ($(go version))"
