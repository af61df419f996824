#!/usr/bin/env bash
# Builds the catalogue's npm and PyPI packages into OUT:
#   tiktok-errors-<catalogue version>.tgz                  (npm pack)
#   tiktok_errors-<catalogue version>-py3-none-any.whl      (wheel)
#   tiktok_errors-<catalogue version>.tar.gz               (sdist)
# The data is generated from the crate's export (`tiktok-errors export`), the types from
# src/catalog.schema.json (packages/gen.py). Needs python3 and npm; publishes nothing.
#
# Usage: packages/build.sh OUT
# TIKTOK_ERRORS_BIN=path/to/tiktok-errors reuses a built CLI; otherwise cargo builds it.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
mkdir -p "$1"
out="$(cd "$1" && pwd)"

bin="${TIKTOK_ERRORS_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml" --features cli --bin tiktok-errors
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/tiktok-errors"
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
"$bin" export --format json > "$stage/export.json"
version="$(python3 "$here/gen.py" "$stage/export.json" "$root/src/catalog.schema.json" "$stage")"

rm -f "$out"/tiktok-errors-*.tgz "$out"/tiktok_errors-*.whl "$out"/tiktok_errors-*.tar.gz
(cd "$stage/npm" && npm pack --silent --pack-destination "$out" >/dev/null)
python3 "$stage/python/_build_backend.py" "$out" >/dev/null

for f in "tiktok-errors-$version.tgz" "tiktok_errors-$version-py3-none-any.whl" "tiktok_errors-$version.tar.gz"; do
  test -s "$out/$f" || { echo "build.sh: $f was not built" >&2; exit 1; }
  printf '%s\t%s bytes\n' "$out/$f" "$(wc -c < "$out/$f" | tr -d ' ')"
done
