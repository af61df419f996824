#!/usr/bin/env bash
# Installs the packages packages/build.sh built into OUT in a fresh node project and fresh venvs
# (the wheel; the sdist, built by pip from source) and runs their tests there: every code and
# alias of every family, other spellings and unknown codes in each family must give what the
# Rust crate gives (`tiktok-errors explain`), with the entries of its export. Then the types:
# tsc --strict on the npm package, mypy --strict on the Python one (both fetched from their
# registries into the throwaway projects). Publishes nothing.
#
# Usage: packages/test.sh OUT
# TIKTOK_ERRORS_BIN=path/to/tiktok-errors reuses a built CLI; otherwise cargo builds it.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT" >&2; exit 2; }
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
out="$(cd "$1" && pwd)"

bin="${TIKTOK_ERRORS_BIN:-}"
if [ -z "$bin" ]; then
  cargo build --quiet --manifest-path "$root/Cargo.toml" --features cli --bin tiktok-errors
  bin="${CARGO_TARGET_DIR:-$root/target}/debug/tiktok-errors"
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$bin" export --format json > "$work/export.json"
version="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["catalog_version"])' "$work/export.json")"
tgz="$out/tiktok-errors-$version.tgz"
whl="$out/tiktok_errors-$version-py3-none-any.whl"
sdist="$out/tiktok_errors-$version.tar.gz"
for f in "$tgz" "$whl" "$sdist"; do
  test -s "$f" || { echo "test.sh: $f is missing (run packages/build.sh $1 first)" >&2; exit 1; }
done
lap() { echo "   ($((SECONDS - mark)) s)"; mark=$SECONDS; }
mark=$SECONDS
python3 "$here/tests/reference.py" "$bin" "$work/export.json" > "$work/reference.json"
echo "-- the crate's answers for $(grep -o '"key"' "$work/reference.json" | wc -l) lookups"; lap

echo "-- npm: $(basename "$tgz") in a fresh node project"
mkdir "$work/node" && cd "$work/node"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent "$tgz"
test ! -e node_modules/.bin/tiktok-errors
[ "$(ls node_modules)" = "tiktok-errors" ] || { echo "the npm package pulled in dependencies" >&2; exit 1; }
cp "$here/tests/test_npm.cjs" "$here/tests/typecheck.ts" .
node test_npm.cjs "$work/reference.json" "$work/export.json"; lap
npm install --no-audit --no-fund --silent --no-save typescript@5
for mode in "--module nodenext --moduleResolution nodenext" "--module commonjs --moduleResolution node10"; do
  # shellcheck disable=SC2086 # the modes are two flags each
  npx --no-install tsc --noEmit --strict --target es2020 $mode typecheck.ts
done
echo "tsc --strict: the types check (nodenext ESM and node10 CommonJS resolution)"; lap

# One venv with pip (and mypy) serves as the installer; each artifact goes into a venv of its own
# with nothing else in it (created without pip: ensurepip is the slow part of a venv).
python3 -m venv "$work/tools"
pip=("$work/tools/bin/python" -m pip --disable-pip-version-check --quiet)
"${pip[@]}" install mypy
echo "-- installer venv with mypy"; lap
for artifact in "$whl" "$sdist"; do
  echo "-- PyPI: $(basename "$artifact") in a fresh venv"
  venv="$work/venv-$(basename "$artifact")"
  python3 -m venv --without-pip "$venv"
  "${pip[@]}" --python "$venv/bin/python" install --no-index "$artifact"
  (cd "$work" && "$venv/bin/python" "$here/tests/test_python.py" "$work/reference.json" "$work/export.json")
  lap
done
(cd "$work" && "$work/tools/bin/mypy" --strict --no-incremental --python-executable "$venv/bin/python" \
  "$here/tests/typecheck.py" >/dev/null)
echo "mypy --strict: the types check"; lap
echo "packages: all tests passed"
