"""The Rust crate's own answers, for the package tests (packages/test.sh runs it).

    python3 reference.py TIKTOK_ERRORS_BIN EXPORT.json > reference.json

Asks `tiktok-errors explain --json [--api API] -- KEY` for every probe: every code and every
alias of the export (alone and with its family), every code in other spellings (upper case;
lower case with surrounding spaces), and codes no family knows, in every family. Writes one object per
probe: the key, the family asked for (or null), the key's type in the tests ("str" or "int") and
the (api, code) of each entry the crate answered with, in its order.
"""

import json
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

FAMILIES = ["ads", "content-posting", "business-messaging", "oauth", "shop"]
# Codes no family knows (the export is checked not to hold them), one of each wire type.
UNKNOWN = ["49999", "59998", "99999999", "no_such_code", "not_an_oauth_error", "-1", ""]


def explain(bin_path, key, api):
    args = [bin_path, "explain", "--json"] + (["--api", api] if api else []) + ["--", key]
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    matches = []
    for line in out.splitlines():
        obj = json.loads(line)
        if obj.get("known"):
            matches.append([obj["api"], obj["code"]])
    return matches


def main():
    bin_path, export_path = sys.argv[1], sys.argv[2]
    export = json.load(open(export_path, encoding="utf-8"))
    keys = set()
    probes = []
    for e in export["entries"]:
        for k in [e["code"], *e["aliases"]]:
            for api in (None, e["api"]):
                if (k, api) not in keys:
                    keys.add((k, api))
                    probes.append((k, api, "str"))
        for spelled in {e["code"].upper(), f"  {e['code'].lower()} "} - {e["code"]}:
            if (spelled, None) not in keys:
                keys.add((spelled, None))
                probes.append((spelled, None, "str"))
            if e["code_type"] == "int" and k == e["code"] and (k, "int") not in keys:
                keys.add((k, "int"))
                probes.append((k, None, "int"))
    known = {k.lower() for e in export["entries"] for k in [e["code"], *e["aliases"]]}
    for u in UNKNOWN:
        assert u.strip().lower() not in known, f"{u!r} is in the export: pick another unknown code"
        for api in [None, *FAMILIES]:
            probes.append((u, api, "str"))
    # A known code asked for in a family that lacks it.
    probes.append(("access_token_invalid", "ads", "str"))
    probes.append(("40100", "oauth", "str"))
    def answer(probe):
        key, api, typ = probe
        # An empty code is no code: the CLI is not asked (no family has one).
        matches = explain(bin_path, key, api) if key else []
        return {"key": key, "api": api, "type": typ, "matches": matches}

    with ThreadPoolExecutor(max_workers=4) as pool:
        out = list(pool.map(answer, probes))
    json.dump({"probes": out}, sys.stdout)


if __name__ == "__main__":
    main()
