'use strict';
// Runs in a fresh node project with the packed tiktok-errors installed (packages/test.sh):
//   node test_npm.cjs REFERENCE.json EXPORT.json
// Every probe of REFERENCE.json (every code and alias of every family, other spellings, unknown
// codes in each family) must give the entries the Rust crate gave, equal to its export's.

const assert = require('node:assert/strict');
const fs = require('node:fs');

const [refPath, exportPath] = process.argv.slice(2);
const cjs = require('tiktok-errors');

async function main() {
  const esm = await import('tiktok-errors');
  const exp = JSON.parse(fs.readFileSync(exportPath, 'utf8'));
  const probes = JSON.parse(fs.readFileSync(refPath, 'utf8')).probes;

  // The data is the export, and the package carries the catalogue's version.
  assert.deepEqual(cjs.catalog, exp);
  assert.equal(cjs.catalogVersion, exp.catalog_version);
  assert.equal(require('tiktok-errors/package.json').version, exp.catalog_version);
  assert.deepEqual(require('tiktok-errors/package.json').dependencies, undefined);
  // ES modules and CommonJS share one implementation and one data set.
  for (const name of ['catalog', 'catalogVersion', 'entries', 'lookup', 'lookupAll', 'retryClass', 'docsUrl']) {
    assert.equal(esm[name], cjs[name], `ESM ${name}`);
  }
  assert.equal(esm.default, cjs);

  const byId = new Map(exp.entries.map((e) => [`${e.api} ${e.code}`, e]));
  assert.equal(byId.size, exp.entries.length, 'api + code names one entry');
  let unknown = 0;
  const unknownIn = new Set();
  const asked = new Set();
  for (const p of probes) {
    const key = p.type === 'int' ? Number(p.key) : p.key;
    const api = p.api === null ? undefined : p.api;
    const what = `${JSON.stringify(key)}${api ? ` in ${api}` : ''}`;
    const all = cjs.lookupAll(key).filter((e) => api === undefined || e.api === api);
    assert.deepEqual(all.map((e) => [e.api, e.code]), p.matches, `lookupAll(${what})`);
    for (const e of all) assert.deepEqual(e, byId.get(`${e.api} ${e.code}`), `entry of ${what}`);
    const first = cjs.lookup(key, api);
    if (p.matches.length === 0) {
      assert.equal(first, undefined, `lookup(${what})`);
      assert.equal(cjs.retryClass(key, api), undefined, `retryClass(${what})`);
      assert.equal(cjs.docsUrl(key, api), undefined, `docsUrl(${what})`);
      unknown += 1;
      if (api) unknownIn.add(api);
    } else {
      const want = byId.get(p.matches[0].join(' '));
      assert.deepEqual(first, want, `lookup(${what})`);
      assert.equal(cjs.retryClass(key, api), want.retry, `retryClass(${what})`);
      assert.equal(cjs.docsUrl(key, api), want.docs_url, `docsUrl(${what})`);
      if (p.key === want.code && p.api === want.api) asked.add(`${want.api} ${want.code}`);
    }
  }
  // Every entry was looked up by its own code in its own family, and unknown codes in every family.
  assert.equal(asked.size, exp.entries.length, 'every entry asked for');
  assert.deepEqual([...unknownIn].sort(), [...new Set(exp.entries.map((e) => e.api))].sort());
  // The examples of packages/README.md.
  assert.equal(esm.lookup(40100).title, 'Too many requests');
  assert.equal(esm.lookup(40100, 'business-messaging').retry, 'throttled');
  assert.equal(esm.retryClass('access_token_invalid'), 'refresh_token');
  assert.match(esm.docsUrl('spam_risk_too_many_posts'), /^https:\/\/.*\/content-posting\/spam_risk_too_many_posts\.html$/);
  assert.equal(esm.lookup(49999), undefined);
  // Inputs that are no code at all.
  for (const bad of [null, undefined, {}, 1.5, NaN, true]) {
    assert.deepEqual(cjs.lookupAll(bad), []);
    assert.equal(cjs.lookup(bad), undefined);
  }
  console.log(
    `npm tiktok-errors ${cjs.catalogVersion}: ${probes.length} lookups agree with the crate ` +
      `(${exp.entries.length} entries, ${unknown} unknown-code probes in ${unknownIn.size} families); ESM = CommonJS`,
  );
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
