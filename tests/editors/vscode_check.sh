#!/usr/bin/env bash
# The VS Code check: installs tradeoff.vsix into a real VS Code (code-server, VS Code 1.100)
# and drives it with headless Chromium through playwright-core. Asserts that the Problems
# panel shows Tradeoff's findings, that hovering "eventual consistency" shows its entry, that
# completion offers "Write-behind cache", that go to definition opens the entry, that an
# unsaved edit updates the Problems panel, and that a term typed into the open, unsaved
# glossary answers hover in another file. Saves screenshots to $OUT_DIR.
#
# Needs: code-server in $CODE_SERVER_DIR (see shared recipes: npm code-server@4.100.3 with
# install scripts skipped), Debian's chromium, playwright-core in $PLAYWRIGHT_DIR, and the
# packaged extension (editors/vscode/scripts.sh package).
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
CS="${CODE_SERVER_DIR:-/tmp/clients/code-server}"
export PLAYWRIGHT_DIR="${PLAYWRIGHT_DIR:-/tmp/clients/pw}"
VSIX="${VSIX:-$ROOT/editors/vscode/tradeoff.vsix}"
[ -f "$VSIX" ] || { echo "no $VSIX: run editors/vscode/scripts.sh package" >&2; exit 2; }
[ -f "$CS/out/node/entry.js" ] || { echo "no code-server in $CS" >&2; exit 2; }
W="$(mktemp -d /tmp/tradeoff-vscode.XXXXXX)"
export OUT_DIR="${OUT_DIR:-$W/shots}"
mkdir -p "$OUT_DIR" "$W/ud/User" "$W/ws"
cp -r "$HERE/fixture/." "$W/ws/"
export XDG_DATA_HOME="$W/xdg-data" XDG_CONFIG_HOME="$W/xdg-config" XDG_CACHE_HOME="$W/xdg-cache" TMPDIR="$W"
cat > "$W/ud/User/settings.json" <<'JSON'
{ "workbench.startupEditor": "none", "telemetry.telemetryLevel": "off", "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false, "security.workspace.trust.enabled": false, "workbench.tips.enabled": false,
  "update.mode": "none", "workbench.enableExperiments": false, "chat.disableAIFeatures": true,
  "editor.hover.delay": 100, "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "editor.wordBasedSuggestions": "off", "markdown.suggest.paths.enabled": false,
  "markdown.validate.enabled": false, "editor.quickSuggestions": {"other": "off"} }
JSON
printf 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n' > "$W/config.yaml"
node "$CS/out/node/entry.js" --config "$W/config.yaml" --user-data-dir "$W/ud" --extensions-dir "$W/ext" \
  --install-extension "$VSIX" >/dev/null
PORT="$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')"
setsid node "$CS/out/node/entry.js" --config "$W/config.yaml" --bind-addr "127.0.0.1:$PORT" --auth none \
  --disable-telemetry --disable-update-check --disable-workspace-trust --disable-getting-started-override \
  --user-data-dir "$W/ud" --extensions-dir "$W/ext" "$W/ws" > "$W/code-server.log" 2>&1 &
CSPID=$!
cleanup() { kill -- -"$CSPID" 2>/dev/null || true; sleep 0.5; [ -n "${KEEP:-}" ] || rm -rf "$W/ud" "$W/ext" "$W/xdg-"*; }
trap cleanup EXIT
for _ in $(seq 150); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/healthz" && break; sleep 0.2; done
CS_URL="http://127.0.0.1:$PORT/" timeout "${OVERALL_TIMEOUT:-240}" node "$HERE/vscode_check.mjs"
