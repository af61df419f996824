"""TikTok API error codes (Marketing, Content Posting, Business Messaging, OAuth, TikTok Shop):
meaning, fix and retry class, from the tiktok-errors catalogue.

The data (``catalog.json``) is generated from the Rust crate's export; this lookup is the only
code.

>>> from tiktok_errors import lookup, retry_class
>>> lookup(40100)["title"]
'Too many requests'
>>> retry_class("access_token_invalid", "content-posting")
'refresh_token'
>>> lookup("no_such_code") is None
True
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Optional, TypedDict, Union, cast

from ._vocab import Api, Category, CodeType, Evidence, Kind, Retry

__all__ = [
    "Api",
    "Category",
    "CATALOG",
    "CATALOG_VERSION",
    "Code",
    "Disagreement",
    "Entry",
    "Evidence",
    "Retry",
    "docs_url",
    "entries",
    "lookup",
    "lookup_all",
    "retry_class",
]


class Disagreement(TypedDict):
    """A source that reads the code differently."""

    source: str
    says: str


class Entry(TypedDict):
    """One catalogue entry, exactly as ``tiktok-errors export`` writes it."""

    api: Api
    kind: Kind
    code: str
    code_type: CodeType
    name: str
    aliases: List[str]
    title: str
    description: str
    fix: str
    category: Category
    retry: Retry
    wait_seconds: Optional[int]
    wait_until_utc_midnight: bool
    reschedule: bool
    http_status: List[int]
    channels: List[str]
    carried_by: List[int]
    known: bool
    verified: bool
    evidence: Evidence
    sources: List[str]
    seeds: List[str]
    note: Optional[str]
    disagreements: List[Disagreement]
    docs_url: str


#: A code as it arrives: an integer (40100) or a string ("40100", "access_token_invalid").
Code = Union[int, str]

#: The whole export (``tiktok-errors export --format json``).
CATALOG: Dict[str, Any] = json.loads(
    (Path(__file__).with_name("catalog.json")).read_text(encoding="utf-8")
)
#: The catalogue's own version (``YYYY.M.N``); the package carries the same version.
CATALOG_VERSION: str = CATALOG["catalog_version"]

_ENTRIES: List[Entry] = cast(List[Entry], CATALOG["entries"])
_BY_KEY: Dict[str, List[Entry]] = {}
for _entry in _ENTRIES:
    for _key in [_entry["code"], *_entry["aliases"]]:
        _list = _BY_KEY.setdefault(_key.lower(), [])
        if not any(e is _entry for e in _list):
            _list.append(_entry)


def entries() -> List[Entry]:
    """Every entry, in catalogue order."""
    return list(_ENTRIES)


def _key(code: object) -> Optional[str]:
    if isinstance(code, bool):
        return None
    if isinstance(code, int):
        return str(code)
    if isinstance(code, str):
        return code.strip().lower()
    return None


def lookup_all(code: Code) -> List[Entry]:
    """Every entry, in every family, whose code or alias is ``code`` (case-insensitive, trimmed)."""
    key = _key(code)
    return list(_BY_KEY.get(key, [])) if key is not None else []


def lookup(code: Code, api: Optional[Api] = None) -> Optional[Entry]:
    """The entry for ``code`` in family ``api``, or in the first family that has it; ``None`` if
    the catalogue does not know it."""
    for entry in lookup_all(code):
        if api is None or entry["api"] == api:
            return entry
    return None


def retry_class(code: Code, api: Optional[Api] = None) -> Optional[Retry]:
    """The code's retry class (``transient``, ``throttled``, ...); ``None`` for unknown codes."""
    entry = lookup(code, api)
    return entry["retry"] if entry is not None else None


def docs_url(code: Code, api: Optional[Api] = None) -> Optional[str]:
    """The code's page on the error index; ``None`` for unknown codes."""
    entry = lookup(code, api)
    return entry["docs_url"] if entry is not None else None
