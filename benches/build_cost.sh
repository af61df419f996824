#!/usr/bin/env bash
# What a user pays to depend on tiktok-errors: clean build time and binary size (not a CI gate).
#
#   benches/build_cost.sh [RUNS]        # default 3 runs of each variant and profile
#
# Two tiny programs, built from scratch back to back in fresh target directories, alternating
# (dependencies must already be downloaded: `--offline`):
#   crate       decodes a body with `tiktok_errors::decode` and prints `fix()`;
#   serde-only  the same program with only serde (derive) + serde_json: it deserializes the body
#               into a borrowed struct and prints the message. It is what the crate is measured
#               against: the least a program that reads TikTok's envelopes must compile.
# Both use the repository's Cargo.lock, so they resolve the same versions.
#
# Prints, per run: clean `cargo build` (debug) and `cargo build --release` wall time; then the
# medians and the ratio crate / serde-only; then the stripped size of each release binary and
# the difference. With `--timings` it also prints the crate's own units from the last release
# build (build script compile and run, library), which is where the crate's share goes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# A copy of the package as it would be published (what `cargo package` includes).
mkdir -p "$work/pkg"
(cd "$root" && tar -cf - Cargo.toml Cargo.lock build.rs codes src) | (cd "$work/pkg" && tar -xf -)

mkdir -p "$work/crate/src" "$work/serde-only/src"
cat > "$work/crate/Cargo.toml" <<TOML
[package]
name = "tiny-crate"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
tiktok-errors = { path = "$work/pkg" }
[profile.release]
strip = true
TOML
cat > "$work/crate/src/main.rs" <<'RS'
fn main() {
    let body = std::env::args().nth(1).unwrap_or_default();
    match tiktok_errors::decode(tiktok_errors::Api::Ads, body.as_bytes()) {
        Ok(ok) => println!("ok: {:?}", ok.data_json()),
        Err(e) => println!("{}", e.fix().unwrap_or("no fix known")),
    }
}
RS
cat > "$work/serde-only/Cargo.toml" <<'TOML'
[package]
name = "tiny-serde-only"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
serde = { version = "1.0.200", features = ["derive"] }
serde_json = "1.0.120"
[profile.release]
strip = true
TOML
cat > "$work/serde-only/src/main.rs" <<'RS'
#[derive(serde::Deserialize)]
struct Envelope<'a> {
    code: i64,
    #[serde(borrow)]
    message: Option<&'a str>,
}

fn main() {
    let body = std::env::args().nth(1).unwrap_or_default();
    match serde_json::from_str::<Envelope<'_>>(&body) {
        Ok(e) if e.code == 0 => println!("ok"),
        Ok(e) => println!("{}", e.message.unwrap_or("no message")),
        Err(e) => println!("{e}"),
    }
}
RS
cp "$root/Cargo.lock" "$work/crate/Cargo.lock"
cp "$root/Cargo.lock" "$work/serde-only/Cargo.lock"

declare -A times cpus
build() { # variant profile-flag -> "wall-seconds cpu-seconds"
    local v="$1" flag="$2" t="$work/$1/target"
    rm -rf "$t"
    CARGO_TARGET_DIR="$t" /usr/bin/time -f "%e %U %S" -o "$work/time" \
        cargo build $flag --offline --quiet --manifest-path "$work/$v/Cargo.toml" 2>/dev/null
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/time"
}

for i in $(seq 1 "$runs"); do
    for profile in debug release; do
        flag=""; [[ $profile == release ]] && flag="--release"
        for v in serde-only crate; do
            read -r wall cpu < <(build "$v" "$flag")
            times[$v.$profile]+="$wall "
            cpus[$v.$profile]+="$cpu "
            printf 'run %d  %-7s %-10s clean build %6.2f s wall, %6.2f s CPU\n' "$i" "$profile" "$v" "$wall" "$cpu"
        done
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
for profile in debug release; do
    a=$(echo "${times[serde-only.$profile]}" | median)
    b=$(echo "${times[crate.$profile]}" | median)
    ca=$(echo "${cpus[serde-only.$profile]}" | median)
    cb=$(echo "${cpus[crate.$profile]}" | median)
    printf '%-7s median clean build: serde-only %6.2f s, crate %6.2f s, ratio %.2fx (CPU %.2f vs %.2f s, %.2fx)\n' \
        "$profile" "$a" "$b" "$(echo "$b / $a" | bc -l)" "$ca" "$cb" "$(echo "$cb / $ca" | bc -l)"
done

sa=$(stat -c %s "$work/serde-only/target/release/tiny-serde-only")
sb=$(stat -c %s "$work/crate/target/release/tiny-crate")
printf 'stripped release binary: serde-only %d bytes, crate %d bytes, difference +%d bytes (+%.0f KB)\n' \
    "$sa" "$sb" "$((sb - sa))" "$(echo "($sb - $sa) / 1000" | bc -l)"

# Where the crate's own share goes (one more release build, with cargo's timings).
t="$work/crate/target"
rm -rf "$t"
CARGO_TARGET_DIR="$t" cargo build --release --offline --quiet --timings \
    --manifest-path "$work/crate/Cargo.toml" 2>/dev/null
python3 - "$(ls "$t"/cargo-timings/cargo-timing*.html | head -n1)" <<'PY'
import json, re, sys
html = open(sys.argv[1]).read()
units = json.loads(re.search(r"const UNIT_DATA = (\[.*?\]);", html, re.S).group(1))
end = max(u["start"] + u["duration"] for u in units)
print(f"timings of one release build ({len(units)} units, {len({u['name'] for u in units})} packages, "
      f"finished at {end:.2f} s):")
for u in sorted(units, key=lambda u: -u["duration"])[:8]:
    what = u["target"].strip() or "lib"
    print(f"    {u['name']:<16} {what:<22} start {u['start']:6.2f} s  took {u['duration']:5.2f} s")
PY
