#!/usr/bin/env bash
# Runs the real-editor checks against a tradeoff binary (default: the release build).
# Usage: tests/editors/run.sh [nvim|emacs|vscode]...   (default: nvim emacs)
# Each editor must be installed; .ci/run installs Neovim and Emacs with eglot from Debian.
set -euo pipefail
HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export TRADEOFF="${TRADEOFF:-$ROOT/target/release/tradeoff}"
[ -x "$TRADEOFF" ] || { echo "no tradeoff binary at $TRADEOFF: cargo build --release" >&2; exit 2; }
W="$(mktemp -d)"
trap 'rm -rf "$W"' EXIT
cp -r "$HERE/fixture/." "$W/"
export FILE="$W/adr/0001-sessions.md"
failed=0
log="$W/checks.log"
for editor in "${@:-nvim emacs}"; do
  for e in $editor; do
    case "$e" in
      nvim) HOME="$W" XDG_CONFIG_HOME="$W/.config" XDG_DATA_HOME="$W/.data" XDG_STATE_HOME="$W/.state" \
              timeout 120 nvim --headless --noplugin -n -i NONE -u "$HERE/nvim_check.lua" | tee -a "$log" || failed=1 ;;
      emacs) HOME="$W" timeout 120 emacs --batch -q -l "$HERE/emacs_check.el" 2>"$W/emacs.err" | tee -a "$log" || { cat "$W/emacs.err" >&2; failed=1; } ;;
      vscode) "$HERE/vscode_check.sh" | tee -a "$log" || failed=1 ;;
      *) echo "unknown editor $e" >&2; failed=1 ;;
    esac
  done
done
passed=$(grep -c -e '^PASS' -e '"kind":"pass"' "$log" || true)
failures=$(grep -c -e '^FAIL' -e '"kind":"fail"' "$log" || true)
[ "$failed" = 0 ] || [ "$failures" -gt 0 ] || failures=1
echo "editor checks: $passed passed, $failures failed"
exit "$failed"
