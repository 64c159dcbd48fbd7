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
for editor in "${@:-nvim emacs}"; do
  for e in $editor; do
    case "$e" in
      nvim) HOME="$W" XDG_CONFIG_HOME="$W/.config" XDG_DATA_HOME="$W/.data" XDG_STATE_HOME="$W/.state" \
              timeout 120 nvim --headless --noplugin -n -i NONE -u "$HERE/nvim_check.lua" || failed=1 ;;
      emacs) HOME="$W" timeout 120 emacs --batch -q -l "$HERE/emacs_check.el" 2>"$W/emacs.err" || { cat "$W/emacs.err" >&2; failed=1; } ;;
      vscode) "$HERE/vscode_check.sh" || failed=1 ;;
      *) echo "unknown editor $e" >&2; failed=1 ;;
    esac
  done
done
if [ "$failed" = 0 ]; then echo "editor checks: all passed"; else echo "editor checks: FAILED"; fi
exit "$failed"
