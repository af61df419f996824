'use strict';
// tiktok-errors for JavaScript: TikTok API error codes, from the Rust crate's catalogue export.
// The data (catalog.json) is generated; this lookup is the only code.

const catalog = require('./catalog.json');

// Lowercased code or alias -> entries, in catalogue order (as the Rust crate's `lookup`).
const byKey = new Map();
for (const entry of catalog.entries) {
  for (const k of [entry.code, ...entry.aliases]) {
    const key = k.toLowerCase();
    const list = byKey.get(key);
    if (list === undefined) byKey.set(key, [entry]);
    else if (!list.includes(entry)) list.push(entry);
  }
}

function keyOf(code) {
  if (typeof code === 'number') return Number.isSafeInteger(code) ? String(code) : undefined;
  if (typeof code === 'bigint') return code.toString();
  if (typeof code === 'string') return code.trim().toLowerCase();
  return undefined;
}

/** Every entry, in every family, whose code or alias is `code` (case-insensitive, trimmed). */
function lookupAll(code) {
  const key = keyOf(code);
  const found = key === undefined ? undefined : byKey.get(key);
  return found === undefined ? [] : found.slice();
}

/** The entry for `code` in family `api`, or the first family that has it; `undefined` if none. */
function lookup(code, api) {
  const all = lookupAll(code);
  return api === undefined ? all[0] : all.find((e) => e.api === api);
}

/** The retry class of `code` (`transient`, `throttled`, ...); `undefined` for unknown codes. */
function retryClass(code, api) {
  const entry = lookup(code, api);
  return entry === undefined ? undefined : entry.retry;
}

/** The code's page on the error index; `undefined` for unknown codes. */
function docsUrl(code, api) {
  const entry = lookup(code, api);
  return entry === undefined ? undefined : entry.docs_url;
}

module.exports = {
  catalog,
  catalogVersion: catalog.catalog_version,
  entries: catalog.entries,
  lookup,
  lookupAll,
  retryClass,
  docsUrl,
};
