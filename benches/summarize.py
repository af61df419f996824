#!/usr/bin/env python3
"""Tables of per-operation medians and in-run ratios from criterion results.

    python3 benches/summarize.py [--icount FILE] [--interleave F1,F2,..] RUN_DIR [RUN_DIR ...]

Each RUN_DIR is a copy of `target/criterion` from one full `cargo bench` (see BENCHMARKS.md).
Per operation = criterion's median / the group's throughput elements (1024 keys per lookup
batch, 32 error bodies, 8 success bodies, 1 search). Ratios are taken inside each run against
the group's baseline (`match` for lookups, `borrowed` for decoding), then the median over runs
is shown. `--icount` adds instructions per operation from `benches/icount.sh` output;
`--interleave` adds the median over files of the interleaved ratio to the baseline
(`cargo run --release --example bench_cases -- interleave > FILE`).
"""

import json
import statistics
import sys
from pathlib import Path

BASELINE = {"lookup": "match", "decode": "borrowed", "typed": "hand_written"}
ORDER = ["crate", "match", "match_by_len", "match_int_first", "hashmap_std", "linear", "borrowed", "value", "ignored_any",
         "owned_typed", "envelope_only", "hand_written", "response", "decode_as", "decode_data_as"]


def kind(group: str) -> str:
    if group.startswith("decode_typed"):
        return "typed"
    if group.startswith("decode"):
        return "decode"
    if group.startswith("search"):
        return "search"
    return "lookup"


def load_run(root: Path) -> dict:
    """{group: {function: ns per op}} for one run."""
    out: dict = {}
    for bench in root.glob("**/new/benchmark.json"):
        meta = json.loads(bench.read_text())
        est = json.loads((bench.parent / "estimates.json").read_text())
        elements = (meta.get("throughput") or {}).get("Elements", 1)
        ns = est["median"]["point_estimate"] / elements
        out.setdefault(meta["group_id"], {})[meta["function_id"]] = ns
    return out


def fmt_ns(ns: float) -> str:
    if ns >= 10_000:
        return f"{ns / 1000:,.1f} µs"
    if ns >= 100:
        return f"{ns:,.0f}"
    return f"{ns:.1f}"


def main() -> None:
    args = sys.argv[1:]
    icount: dict = {}
    inter: dict = {}
    while args[:1] in (["--icount"], ["--interleave"]):
        if args[0] == "--icount":
            for line in Path(args[1]).read_text().splitlines()[1:]:
                name, _, value = line.rpartition("\t")
                if name:
                    icount[name] = float(value)
        else:
            for f in args[1].split(","):
                for line in Path(f).read_text().splitlines()[1:]:
                    cols = line.split("\t")
                    inter.setdefault(cols[0], []).append(float(cols[2]))
        args = args[2:]
    args = args or ["target/criterion"]
    labels = [Path(a).name for a in args]
    runs = [load_run(Path(a)) for a in args]
    groups = sorted({g for r in runs for g in r}, key=lambda g: (kind(g) != "lookup", g))
    n = len(runs)
    for group in groups:
        k = kind(group)
        base = BASELINE.get(k)
        funcs = sorted(
            {f for r in runs for f in r.get(group, {})},
            key=lambda f: (ORDER.index(f) if f in ORDER else len(ORDER), f),
        )
        header = ["method"] + [f"{labels[i]} ns/op" for i in range(n)]
        if base:
            header += [f"{labels[i]} × {base}" for i in range(n)] + [f"median × {base}"]
        if k == "decode":
            header += ["median value ÷ method"]
        if inter and base:
            header += [f"interleaved × {base}"]
        if icount:
            header += ["instr/op"] + ([f"instr × {base}"] if base else [])
        print(f"\n#### {group}\n")
        print("| " + " | ".join(header) + " |")
        print("|" + "---|" * len(header))
        for f in funcs:
            row = [f"`{f}`"]
            vals = [r.get(group, {}).get(f) for r in runs]
            row += [fmt_ns(v) if v else "–" for v in vals]
            if base:
                ratios = []
                for r in runs:
                    g = r.get(group, {})
                    if f in g and base in g:
                        ratios.append(g[f] / g[base])
                row += [f"{x:.2f}" for x in ratios] + ["–"] * (n - len(ratios))
                row += [f"**{statistics.median(ratios):.2f}**" if ratios else "–"]
            if k == "decode":
                vr = [r[group]["value"] / r[group][f] for r in runs if f in r.get(group, {})]
                row += [f"{statistics.median(vr):.2f}" if vr else "–"]
            if inter and base:
                iv = inter.get(f"{group}/{f}")
                row += [f"{statistics.median(iv):.2f}" if iv else "–"]
            if icount:
                ic = icount.get(f"{group}/{f}")
                row += [f"{ic:,.0f}" if ic else "–"]
                if base:
                    ib = icount.get(f"{group}/{base}")
                    row += [f"{ic / ib:.2f}" if ic and ib else "–"]
            print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
