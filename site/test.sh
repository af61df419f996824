#!/usr/bin/env bash
# Builds the error index (site/build.sh), serves it on 127.0.0.1 (site/tests/serve.py) and
# runs the browser test (site/tests/browser.mjs) in headless Debian chromium. Screenshots of
# every step go to target/site-test/screenshots. Needs: chromium (Debian package), node + npm.
set -euo pipefail
cd "$(dirname "$0")/.."
work=target/site-test
rm -rf "$work"
mkdir -p "$work"
# The site is built for where it is served (the 404 page's links resolve against that root).
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
site/build.sh "$work/site" --base-url "http://127.0.0.1:$port/"
(cd site && npm ci --no-fund --no-audit)

# Served as a static host does: 404.html, with status 404, for a missing path.
python3 site/tests/serve.py "$port" "$work/site" >"$work/server.log" 2>&1 &
server=$!
trap 'kill "$server" 2>/dev/null || true' EXIT
for _ in $(seq 50); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/index.html')" 2>/dev/null && break
  sleep 0.2
done
SITE_URL="http://127.0.0.1:$port/" SHOTS="$PWD/$work/screenshots" node site/tests/browser.mjs
