#!/usr/bin/env bash
# Builds the error index into OUT (default target/site): the pages, generated from the catalogue
# by `tiktok-errors site`, and decoder.wasm, the crate compiled to wasm32-unknown-unknown by the
# entry-point crate in site/wasm. Extra arguments go to `tiktok-errors site` (e.g. --base-url).
#
#   site/build.sh public --base-url https://errors.example.com/tiktok/
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-target/site}"
[ $# -gt 0 ] && shift

rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
cargo build --release --target wasm32-unknown-unknown \
  --manifest-path site/wasm/Cargo.toml --target-dir target/site-wasm
cargo run --quiet --features cli -- site --out "$out" "$@"
wasm=target/site-wasm/wasm32-unknown-unknown/release/tiktok_errors_site_wasm.wasm
# Binaryen's size optimizer (Debian's `binaryen`; .ci/run installs it): about 10% off what
# rustc's opt-level "z" leaves. Without it the page still works, only heavier.
if command -v wasm-opt >/dev/null; then
  wasm-opt -Oz --enable-bulk-memory --enable-sign-ext --enable-mutable-globals \
    --enable-nontrapping-float-to-int "$wasm" -o "$out/decoder.wasm"
else
  echo "site/build.sh: wasm-opt not found (apt-get install binaryen): decoder.wasm unoptimized" >&2
  cp "$wasm" "$out/decoder.wasm"
fi

# What a visitor of the index page downloads (uncompressed; servers usually gzip it further).
# What the pages fetch: the gzip of it (app.js gunzips it in the browser), a third of the size.
gzip -9 -n -c "$out/decoder.wasm" >"$out/decoder.wasm.gz"

bytes() { wc -c < "$1" | tr -d ' '; }
echo "index page loads: index.html $(bytes "$out/index.html") + style.css $(bytes "$out/style.css") + app.js $(bytes "$out/app.js") + decoder.wasm.gz $(bytes "$out/decoder.wasm.gz") bytes (decoder.wasm $(bytes "$out/decoder.wasm") unpacked)"
