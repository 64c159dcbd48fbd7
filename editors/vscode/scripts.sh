#!/usr/bin/env bash
# Builds editors/vscode/tradeoff.vsix with the release server bundled in server/.
# Usage: editors/vscode/scripts.sh package [path/to/tradeoff]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="$(realpath "${2:-$here/../../target/release/tradeoff}" 2>/dev/null || echo "${2:-}")"
cd "$here"
case "${1:-package}" in
  package)
    [ -x "$bin" ] || { echo "no server binary at $bin: run cargo build --release first" >&2; exit 2; }
    npm ci --no-audit --no-fund --loglevel=error
    mkdir -p server && cp "$bin" server/tradeoff && { strip server/tradeoff 2>/dev/null || true; }
    npm run --silent build
    npx vsce package --no-dependencies -o tradeoff.vsix
    ;;
  test)
    npm ci --no-audit --no-fund --loglevel=error
    npm test
    ;;
esac
