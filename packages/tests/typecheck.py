"""Checked with `mypy --strict` against the installed package (packages/test.sh)."""

from typing import List, Optional

from tiktok_errors import Api, Entry, Retry, docs_url, lookup, lookup_all, retry_class

api: Api = "business-messaging"
entry: Optional[Entry] = lookup(40100, api)
retry: Optional[Retry] = retry_class("access_token_invalid")
url: Optional[str] = docs_url("40100")
every: List[Entry] = lookup_all("40100")
if entry is not None:
    wait: Optional[int] = entry["wait_seconds"]
    fix: str = entry["fix"]
# Under --strict an unused `type: ignore` is an error: these prove the types reject bad values.
lookup(40100, "instagram")  # type: ignore[arg-type]
bad: Retry = "later"  # type: ignore[assignment]
