#!/usr/bin/env bash
# Clean release build cost of the crate, and how much of it is build.rs (not a CI gate).
#
#   benches/build_cost.sh [RUNS]      # default 2 runs of each variant
#
# Builds two copies of the crate from scratch, alternating, in fresh target directories
# (dependencies must already be downloaded; `--offline`):
#   as-is      the crate: build.rs parses codes/*.toml (toml + serde) and writes phf maps
#              (phf_codegen);
#   pregen     the same crate with the generated catalog.rs checked in and a build.rs that
#              only copies it: no build-dependencies, same library code.
# The difference is what build.rs and its dependencies cost a clean build. For the as-is
# build it also prints, from `cargo build --timings`, the crate's own units (build-script
# compile, build-script run, library) and the build-only dependencies.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-2}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

copy() {
    mkdir -p "$1"
    (cd "$root" && tar -cf - Cargo.toml Cargo.lock build.rs codes src benches examples) | (cd "$1" && tar -xf -)
}
copy "$work/as-is"
copy "$work/pregen"

# The generated catalogue, from one build of the crate as it is.
CARGO_TARGET_DIR="$work/gen-target" cargo build --release --offline --quiet --manifest-path "$work/as-is/Cargo.toml"
cp "$(ls -t "$work"/gen-target/release/build/tiktok-errors-*/out/catalog.rs | head -n1)" "$work/pregen/catalog.rs"
rm -rf "$work/gen-target"
cat > "$work/pregen/build.rs" <<'RS'
fn main() {
    println!("cargo:rerun-if-changed=catalog.rs");
    let out = std::path::Path::new(&std::env::var_os("OUT_DIR").unwrap()).join("catalog.rs");
    std::fs::copy("catalog.rs", out).unwrap();
}
RS
python3 - "$work/pregen/Cargo.toml" <<'PY'
import re, sys
p = sys.argv[1]
s = open(p).read()
s = re.sub(r"\n\[build-dependencies\]\n(?:[^\[\n][^\n]*\n|#[^\n]*\n|\n)*", "\n", s)
open(p, "w").write(s)
PY

summarize_timings() {
    python3 - "$1" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
build_only = {"toml", "toml_parser", "toml_datetime", "serde_spanned", "winnow", "phf_codegen",
              "phf_generator", "fastrand", "toml_writer"}
own = [u for u in units if u["name"] == "tiktok-errors"]
for u in own:
    what = u["target"].strip() or "lib"
    print(f"    tiktok-errors {what:<24} start {u['start']:6.2f} s  took {u['duration']:5.2f} s")
bo = [u for u in units if u["name"] in build_only]
print(f"    build-only dependencies ({len(bo)} units: {', '.join(sorted({u['name'] for u in bo}))}): "
      f"{sum(u['duration'] for u in bo):.2f} s of CPU")
lib = next(u for u in own if "build" not in u["target"])
end = max(u["start"] + u["duration"] for u in units)
print(f"    library starts at {lib['start']:.2f} s; build finishes at {end:.2f} s")
PY
}

for i in $(seq 1 "$runs"); do
    for v in as-is pregen; do
        t="$work/$v/target"
        rm -rf "$t"
        start=$(date +%s.%N)
        CARGO_TARGET_DIR="$t" cargo build --release --offline --quiet --timings \
            --manifest-path "$work/$v/Cargo.toml" 2>/dev/null
        end=$(date +%s.%N)
        printf 'run %d  %-7s clean build %6.2f s\n' "$i" "$v" "$(echo "$end - $start" | bc)"
        if [[ "$v" == as-is ]]; then
            summarize_timings "$(ls "$t"/cargo-timings/cargo-timing.html)"
        fi
        # Rebuild of the crate alone after a catalogue edit: build.rs re-runs (as-is) or the
        # checked-in catalog.rs changed (pregen); the library recompiles either way.
        if [[ "$v" == as-is ]]; then touch "$work/$v/codes/ads.toml"; else touch "$work/$v/catalog.rs"; fi
        start=$(date +%s.%N)
        CARGO_TARGET_DIR="$t" cargo build --release --offline --quiet --manifest-path "$work/$v/Cargo.toml"
        end=$(date +%s.%N)
        printf 'run %d  %-7s rebuild after touching the catalogue %6.2f s\n' "$i" "$v" "$(echo "$end - $start" | bc)"
    done
done
