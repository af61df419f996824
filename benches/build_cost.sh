#!/usr/bin/env bash
# What a user pays to depend on tiktok-errors: clean build time and binary size (not a CI gate).
#
#   benches/build_cost.sh [RUNS]        # default 3 runs of each variant and profile
#   PROFILES=release BEFORE=<commit> benches/build_cost.sh 3
#
# Tiny programs, built from scratch back to back in fresh target directories, interleaved
# (dependencies must already be downloaded: `--offline`):
#   crate       decodes a body with `tiktok_errors::decode` and prints `fix()` (default features);
#   lean        the same program with `default-features = false` (no message reading, search or
#               JSON views);
#   before      (only with BEFORE=<commit>) the crate program against that commit's package;
#   serde-only  the same program with only serde (derive) + serde_json: it deserializes the body
#               into a borrowed struct and prints the message. It is what the crate is measured
#               against: the least a program that reads TikTok's envelopes must compile.
# All use the repository's Cargo.lock, so they resolve the same versions. PROFILES (default
# "debug release") picks the profiles.
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

variants=(serde-only lean crate)
if [[ -n "${BEFORE:-}" ]]; then
    mkdir -p "$work/pkg-before"
    (cd "$root" && git archive "$BEFORE" Cargo.toml Cargo.lock build.rs codes src) | (cd "$work/pkg-before" && tar -xf -)
    variants+=(before)
fi

tiny() { # variant package-dir dependency-options
    mkdir -p "$work/$1/src"
    cat > "$work/$1/Cargo.toml" <<TOML
[package]
name = "tiny-$1"
version = "0.0.0"
edition = "2021"
publish = false
[dependencies]
tiktok-errors = { path = "$2"$3 }
[profile.release]
strip = true
TOML
    cat > "$work/$1/src/main.rs" <<'RS'
fn main() {
    let body = std::env::args().nth(1).unwrap_or_default();
    match tiktok_errors::decode(tiktok_errors::Api::Ads, body.as_bytes()) {
        Ok(ok) => println!("ok: {:?}", ok.data_json()),
        Err(e) => println!("{}", e.fix().unwrap_or("no fix known")),
    }
}
RS
    cp "$root/Cargo.lock" "$work/$1/Cargo.lock"
}
tiny crate "$work/pkg" ""
tiny lean "$work/pkg" ", default-features = false"
[[ -n "${BEFORE:-}" ]] && tiny before "$work/pkg-before" ""
mkdir -p "$work/serde-only/src"
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
cp "$root/Cargo.lock" "$work/serde-only/Cargo.lock"

declare -A times cpus
build() { # variant profile-flag -> "wall-seconds cpu-seconds"
    local v="$1" flag="$2" t="$work/$1/target"
    rm -rf "$t"
    CARGO_TARGET_DIR="$t" /usr/bin/time -f "%e %U %S" -o "$work/time" \
        cargo build $flag --offline --quiet --manifest-path "$work/$v/Cargo.toml" 2>/dev/null
    awk '{printf "%.2f %.2f\n", $1, $2 + $3}' "$work/time"
}

profiles="${PROFILES:-debug release}"
for i in $(seq 1 "$runs"); do
    for profile in $profiles; do
        flag=""; [[ $profile == release ]] && flag="--release"
        for v in "${variants[@]}"; do
            read -r wall cpu < <(build "$v" "$flag")
            times[$v.$profile]+="$wall "
            cpus[$v.$profile]+="$cpu "
            printf 'run %d  %-7s %-10s clean build %6.2f s wall, %6.2f s CPU\n' "$i" "$profile" "$v" "$wall" "$cpu"
        done
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
for profile in $profiles; do
    a=$(echo "${times[serde-only.$profile]}" | median)
    ca=$(echo "${cpus[serde-only.$profile]}" | median)
    for v in "${variants[@]}"; do
        [[ $v == serde-only ]] && continue
        b=$(echo "${times[$v.$profile]}" | median)
        cb=$(echo "${cpus[$v.$profile]}" | median)
        printf '%-7s median clean build: serde-only %6.2f s, %-6s %6.2f s, ratio %.2fx (CPU %.2f vs %.2f s, %.2fx)\n' \
            "$profile" "$a" "$v" "$b" "$(echo "$b / $a" | bc -l)" "$ca" "$cb" "$(echo "$cb / $ca" | bc -l)"
    done
done

if [[ " $profiles " == *" release "* ]]; then
    sa=$(stat -c %s "$work/serde-only/target/release/tiny-serde-only")
    for v in "${variants[@]}"; do
        [[ $v == serde-only ]] && continue
        sb=$(stat -c %s "$work/$v/target/release/tiny-$v")
        printf 'stripped release binary: serde-only %d bytes, %s %d bytes, difference +%d bytes (+%.0f KB)\n' \
            "$sa" "$v" "$sb" "$((sb - sa))" "$(echo "($sb - $sa) / 1000" | bc -l)"
    done
fi

# Where the crate's own share goes (one more release build, with cargo's timings; TIMINGS=0
# skips it).
[[ "${TIMINGS:-1}" == 0 ]] && exit 0
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
