#!/usr/bin/env bash
# Installs what the VS Code check needs, from the package registries only:
# Debian's chromium and ripgrep, code-server 4.100.3 (VS Code 1.100, the newest that runs on
# Node 20) from npm with its install scripts skipped (they download ripgrep from GitHub),
# Debian's rg copied in, native modules rebuilt locally, and playwright-core.
# Usage: install_vscode.sh [CODE_SERVER_DIR] [PLAYWRIGHT_DIR]
set -euo pipefail
CS="${1:-/tmp/clients/code-server}"
PW="${2:-/tmp/clients/pw}"
V=4.100.3
if ! command -v chromium >/dev/null || ! command -v rg >/dev/null; then
  apt-get install -y chromium ripgrep build-essential pkg-config libkrb5-dev libxkbfile-dev libsecret-1-dev libx11-dev >/dev/null
fi
if [ ! -f "$CS/out/node/entry.js" ]; then
  T="$(mktemp -d)"
  (cd "$T" && npm pack "code-server@$V" --loglevel=error >/dev/null)
  rm -rf "$CS"; mkdir -p "$CS"
  tar xzf "$T/code-server-$V.tgz" -C "$CS" --strip-components=1; rm -rf "$T"
  (
    cd "$CS"
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
    npm rebuild argon2 --loglevel=error
    cd lib/vscode
    npm install --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
    mkdir -p node_modules/@vscode/ripgrep/bin && cp "$(command -v rg)" node_modules/@vscode/ripgrep/bin/rg
    npm rebuild kerberos node-pty @vscode/spdlog @vscode/deviceid native-watchdog --loglevel=error || true
    node -e "for (const m of ['kerberos','node-pty','@vscode/spdlog','native-watchdog']) require(m)"
    ln -sfn node_modules node_modules.asar
    (cd bin/remote-cli && ln -sfn code-linux.sh code-server)
    (cd bin/helpers && ln -sfn browser-linux.sh browser.sh)
    (cd extensions && npm install --omit=dev --no-audit --no-fund --loglevel=error)
  )
fi
if [ ! -d "$PW/node_modules/playwright-core" ]; then
  mkdir -p "$PW"
  (cd "$PW" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install --no-audit --no-fund --loglevel=error playwright-core@1)
fi
echo "code-server $V in $CS, playwright-core in $PW"
