"""Runs in a fresh venv with the built tiktok-errors installed (packages/test.sh):

    python test_python.py REFERENCE.json EXPORT.json

Every probe of REFERENCE.json (every code and alias of every family, other spellings, unknown
codes in each family) must give the entries the Rust crate gave, equal to its export's.
"""

import doctest
import json
import sys
from importlib import metadata, resources

import tiktok_errors
from tiktok_errors import docs_url, lookup, lookup_all, retry_class


def main() -> None:
    ref_path, export_path = sys.argv[1], sys.argv[2]
    with open(export_path, encoding="utf-8") as f:
        exp = json.load(f)
    with open(ref_path, encoding="utf-8") as f:
        probes = json.load(f)["probes"]

    assert tiktok_errors.CATALOG == exp, "the package's data is the export"
    assert tiktok_errors.CATALOG_VERSION == exp["catalog_version"]
    assert metadata.version("tiktok-errors") == exp["catalog_version"]
    assert metadata.requires("tiktok-errors") is None, "no dependencies"
    assert resources.files("tiktok_errors").joinpath("py.typed").is_file()
    failed, _ = doctest.testmod(tiktok_errors)
    assert failed == 0, "the module's doctests"

    by_id = {(e["api"], e["code"]): e for e in exp["entries"]}
    assert len(by_id) == len(exp["entries"])
    unknown, unknown_in, asked = 0, set(), set()
    for p in probes:
        key = int(p["key"]) if p["type"] == "int" else p["key"]
        api = p["api"]
        what = f"{key!r}" + (f" in {api}" if api else "")
        found = [e for e in lookup_all(key) if api is None or e["api"] == api]
        assert [[e["api"], e["code"]] for e in found] == p["matches"], f"lookup_all({what})"
        for e in found:
            assert e == by_id[(e["api"], e["code"])], f"entry of {what}"
        first = lookup(key, api)
        if not p["matches"]:
            assert first is None, f"lookup({what})"
            assert retry_class(key, api) is None and docs_url(key, api) is None, what
            unknown += 1
            if api:
                unknown_in.add(api)
        else:
            want = by_id[tuple(p["matches"][0])]
            assert first == want, f"lookup({what})"
            assert retry_class(key, api) == want["retry"], f"retry_class({what})"
            assert docs_url(key, api) == want["docs_url"], f"docs_url({what})"
            if p["key"] == want["code"] and p["api"] == want["api"]:
                asked.add((want["api"], want["code"]))
    assert len(asked) == len(exp["entries"]), "every entry asked for"
    assert unknown_in == {e["api"] for e in exp["entries"]}, unknown_in
    # The examples of packages/README.md.
    entry = lookup(40100)
    assert entry is not None and entry["title"] == "Too many requests"
    assert retry_class("access_token_invalid") == "refresh_token"
    assert lookup(49999) is None
    for bad in [None, 1.5, True, object()]:
        assert lookup_all(bad) == [] and lookup(bad) is None  # type: ignore[arg-type]
    print(
        f"PyPI tiktok-errors {tiktok_errors.CATALOG_VERSION}: {len(probes)} lookups agree with "
        f"the crate ({len(exp['entries'])} entries, {unknown} unknown-code probes in "
        f"{len(unknown_in)} families)"
    )


if __name__ == "__main__":
    main()
