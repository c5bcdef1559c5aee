#!/usr/bin/env bash
# Render `cardlint graph --format html` for our cards and screenshot the page with headless
# Chromium, for docs/graph.png. Usage: scripts/graph-screenshot.sh [OUTPUT.png]
#
# CARDLINT overrides the command (default: .venv/bin/cardlint), CHROMIUM the browser
# (default: chromium). The page is opened from a file:// URL and fetches nothing.
set -euo pipefail
cd "$(dirname "$0")/.."

output="${1:-docs/graph.png}"
read -r -a cardlint <<< "${CARDLINT:-.venv/bin/cardlint}"
chromium="${CHROMIUM:-chromium}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"${cardlint[@]}" graph --format html --output "$work/graph.html"
# A throwaway profile and no background services: the run is reproducible and offline.
"$chromium" --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --user-data-dir="$work/profile" \
  --screenshot="$work/graph.png" --window-size=1200,900 "file://$work/graph.html" 2>/dev/null
mv "$work/graph.png" "$output"
echo "wrote $output"
