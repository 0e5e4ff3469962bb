#!/usr/bin/env bash
# Installs what is missing, builds Rekindle with its UI embedded, and opens it on the default
# data folder (or REKINDLE_DATA_DIR when set).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
(cd ui && npm run build)
cargo build -p rekindle --features custom-protocol
exec ./target/debug/rekindle
