#!/usr/bin/env python3
"""Summarizes benches/fleet.sh's runs and draws benches/results/fleet/fleet.svg: accepted
requests per second against the limit, with and without the shared budget. No dependencies."""
import json
import sys
from pathlib import Path

out = Path(sys.argv[1] if len(sys.argv) > 1 else "benches/results/fleet")
runs = [("shared", "4 processes, budget shared through Redis", 10, "#1a7f37"),
        ("local", "4 processes, in-process budgets only", 10, "#cf222e"),
        ("advertiser", "one advertiser, unpublished 5/s limit, shared", 5, "#0969da")]

summary = []
series = {}
for name, label, limit, color in runs:
    stats = json.loads((out / f"{name}-stats.json").read_text())
    procs = [json.loads(p.read_text().strip().splitlines()[-1]) for p in sorted(out.glob(f"{name}-*.out"))]
    ok = sum(p["ok"] for p in procs)
    requests = sum(p["requests"] for p in procs)
    gave_up = sum(p["gave_up"] for p in procs)
    answers_throttled = sum(s["throttled"] for s in stats)
    answers = sum(s["ok"] + s["throttled"] for s in stats)
    # The rate over the busy seconds: drop the first and last (partial) seconds.
    busy = stats[1:-1] if len(stats) > 2 else stats
    rate = sum(s["ok"] for s in busy) / max(len(busy), 1)
    # After learning: from the fifth second on (the advertiser run learns its limit from the
    # first 40133 answers; permits already handed out at the old pace still go out).
    later = stats[4:]
    later_answers = sum(s["ok"] + s["throttled"] for s in later)
    later_throttled = sum(s["throttled"] for s in later)
    summary.append({
        "run": name, "label": label, "requests": requests, "ok": ok, "gave_up": gave_up,
        "answers": answers, "throttled": answers_throttled,
        "throttled_pct": round(100.0 * answers_throttled / max(answers, 1), 2),
        "throttled_after_4s_pct": round(100.0 * later_throttled / max(later_answers, 1), 2),
        "ok_per_s": round(rate, 2), "limit_per_s": limit,
        "share_of_limit_pct": round(100.0 * rate / limit, 1),
        "elapsed_s": max(p["elapsed_s"] for p in procs),
    })
    t0 = stats[0]["unix"] if stats else 0
    series[name] = [(s["unix"] - t0, s["ok"], s["throttled"]) for s in stats]

(out / "summary.json").write_text(json.dumps(summary, indent=2) + "\n")
print(f"{'run':<11} {'requests':>8} {'ok':>5} {'gave up':>7} {'answers':>7} {'throttled':>9} {'after 4 s':>9} {'ok/s':>6} {'limit':>5} {'of limit':>8}")
for s in summary:
    print(f"{s['run']:<11} {s['requests']:>8} {s['ok']:>5} {s['gave_up']:>7} {s['answers']:>7} "
          f"{s['throttled_pct']:>8}% {s['throttled_after_4s_pct']:>8}% {s['ok_per_s']:>6} {s['limit_per_s']:>5} {s['share_of_limit_pct']:>7}%")

# The chart: one panel per run, accepted (line) and throttled (bars) per second.
W, H, PAD, PH = 760, 0, 50, 150
H = PAD + len(runs) * (PH + 60)
maxx = max((x for v in series.values() for x, _, _ in v), default=1) + 1
svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" font-family="sans-serif" font-size="12">',
       f'<rect width="{W}" height="{H}" fill="white"/>',
       f'<text x="{PAD}" y="24" font-size="15">Requests per second at a stand-in TikTok (Basic: 10/s per app and endpoint)</text>']
for i, (name, label, limit, color) in enumerate(runs):
    top = PAD + i * (PH + 60)
    ymax = 1.15 * max([limit * 1.6] + [ok + th for _, ok, th in series[name]])
    sx = lambda x: PAD + (W - 2 * PAD) * x / maxx
    sy = lambda y: top + PH - PH * y / ymax
    s = next(x for x in summary if x["run"] == name)
    svg.append(f'<text x="{PAD}" y="{top - 8}">{label}: {s["ok_per_s"]}/s accepted '
               f'({s["share_of_limit_pct"]}% of the limit), {s["throttled_pct"]}% of answers throttled</text>')
    svg.append(f'<line x1="{PAD}" y1="{top + PH}" x2="{W - PAD}" y2="{top + PH}" stroke="#888"/>')
    svg.append(f'<line x1="{PAD}" y1="{sy(limit)}" x2="{W - PAD}" y2="{sy(limit)}" stroke="#888" stroke-dasharray="4 3"/>')
    svg.append(f'<text x="{W - PAD + 4}" y="{sy(limit) + 4}">limit</text>')
    bw = max((W - 2 * PAD) / maxx - 1, 1)
    for x, ok, th in series[name]:
        if th:
            svg.append(f'<rect x="{sx(x):.1f}" y="{sy(ok + th):.1f}" width="{bw:.1f}" height="{sy(ok) - sy(ok + th):.1f}" fill="#cf222e" opacity="0.35"/>')
    pts = " ".join(f"{sx(x) + bw / 2:.1f},{sy(ok):.1f}" for x, ok, _ in series[name])
    svg.append(f'<polyline points="{pts}" fill="none" stroke="{color}" stroke-width="2"/>')
    svg.append(f'<text x="{PAD - 8}" y="{top + PH + 4}" text-anchor="end">0</text>')
    svg.append(f'<text x="{PAD - 8}" y="{sy(limit) + 4}" text-anchor="end">{limit}</text>')
svg.append(f'<text x="{W / 2}" y="{H - 12}" text-anchor="middle">seconds since the run started · line: accepted · red bars: throttled answers (40100 / 40133)</text>')
svg.append("</svg>")
(out / "fleet.svg").write_text("\n".join(svg) + "\n")
print(f"chart: {out / 'fleet.svg'}")
