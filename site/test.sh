#!/usr/bin/env bash
# Builds the error index (site/build.sh), serves it on 127.0.0.1 with python3's http.server and
# runs the browser test (site/tests/browser.mjs) in headless Debian chromium. Screenshots of
# every step go to target/site-test/screenshots. Needs: chromium (Debian package), node + npm.
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/site-test
rm -rf "$work"
mkdir -p "$work"
site/build.sh "$work/site"
(cd site && npm ci --no-fund --no-audit)

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/site" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
  sleep 0.2
done
SITE_URL="http://127.0.0.1:$port/" SHOTS="$PWD/$work/screenshots" node site/tests/browser.mjs
