// The error index in a real browser: headless Debian chromium driven by playwright-core.
// Run by site/test.sh, which builds the site for SITE_URL, serves it there (a missing path
// answers 404.html with status 404, as static hosts do) and sets:
//   SITE_URL  the served root (ending in /)     SHOTS  the folder for one screenshot per step
// The visitor's steps run twice, on a desktop (1100 px) and a phone (390 px); then every page
// of the sitemap is opened on the phone and checked.
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { chromium } from "playwright-core";

const SITE_URL = process.env.SITE_URL;
const SHOTS = process.env.SHOTS || "screenshots";
assert.ok(SITE_URL, "SITE_URL is not set");
mkdirSync(SHOTS, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const problems = [];
try {
let step = 0;
async function shot(page, name, fullPage = false) {
  step += 1;
  const path = `${SHOTS}/${String(step).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path, fullPage });
  console.log(`ok ${step} ${name} (${path})`);
}
const DESKTOP = { width: 1100, height: 900 };
const PHONE = { width: 390, height: 844 };
// snake_case tokens of the data (fix_request, rate_limit) where people read words.
const TOKEN = /\b(fix_request|rate_limit|refresh_token|account_action|not_needed|invalid_request|campaign_management|throttled|transient)\b/;

async function newPage(viewport, options = {}) {
  const context = await browser.newContext({ viewport, ...options });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => {
    // The 404 step asks for a missing page on purpose.
    if (m.type() === "error" && !m.text().includes("404")) problems.push(`console: ${m.text()}`);
  });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  return { context, page };
}
async function overflow(page) {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// The sitemap lists every page (and nothing else); the phone check below opens them all.
const sitemapResponse = await fetch(SITE_URL + "sitemap.xml");
assert.equal(sitemapResponse.status, 200);
const sitemap = [...(await sitemapResponse.text()).matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
const catalog = await (await fetch(SITE_URL + "catalog.json")).json();
const entryCount = catalog.entries.length;
assert.ok(entryCount > 600, `catalog.json: ${entryCount} entries`);
assert.ok(sitemap.length > entryCount, `sitemap: ${sitemap.length} pages for ${entryCount} entries`);
assert.ok(sitemap.every((u) => u.startsWith(SITE_URL)), "sitemap URLs under the site root");
console.log(`sitemap: ${sitemap.length} pages, ${entryCount} entries`);

async function visit(viewport, tag) {
  const { context, page } = await newPage(viewport);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: new URL(SITE_URL).origin });
  const loaded = new Map(); // url -> bytes, for the page-weight budget
  page.on("response", async (r) => { try { loaded.set(r.url(), (await r.body()).length); } catch { /* redirects */ } });
  const total = () => [...loaded.values()].reduce((a, b) => a + b, 0);

  // The index loads with every entry listed by family and area, and no wasm yet.
  await page.goto(SITE_URL + "index.html");
  await page.getByRole("heading", { name: "TikTok API error index" }).waitFor();
  await page.waitForLoadState("networkidle");
  assert.ok(![...loaded.keys()].some((u) => u.endsWith(".wasm") || u.endsWith(".wasm.gz")), "wasm loaded before it was needed");
  const browsed = await page.locator("#browse ul.codes a").count();
  assert.equal(browsed, entryCount, "the index lists every entry");
  assert.ok(await page.locator("#browse h3").count() >= 6, "grouped by family");
  assert.ok(await page.locator("#browse h4").count() >= 20, "and by area");
  assert.match(await page.locator("meta[name=description]").getAttribute("content"), /TikTok API error code/);
  console.log(`[${tag}] index before searching: ${total()} bytes in ${loaded.size} files`);
  assert.ok(await overflow(page) <= 0, `[${tag}] the index scrolls sideways`);
  await shot(page, `${tag}-index`);
  await page.locator("#all-ads-diagnosis").evaluate((e) => e.scrollIntoView());
  await shot(page, `${tag}-index-browse`);

  // The skip link is the first tab stop and lands in the search box.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.locator("body").focus();
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.className), "skip", "first tab stop");
  assert.ok(await page.locator("a.skip").isVisible(), "the skip link shows when focused");
  await shot(page, `${tag}-skip-link`);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => document.activeElement.id === "q");

  // Searching a phrase ranks the right diagnosis first (the crate's ranking, in wasm); the
  // result is announced, shows words, and the address becomes a link to the search.
  await page.keyboard.type("budget too low");
  await page.keyboard.press("Enter");
  const first = page.locator("#results li a");
  await first.first().waitFor();
  const titles = await first.allTextContents();
  const top = titles.slice(0, 3).findIndex((t) => t.includes("CAMPAIGN_BUDGET_TOO_LOW"));
  assert.ok(top >= 0, `CAMPAIGN_BUDGET_TOO_LOW not in the first results: ${titles.join(" | ")}`);
  assert.equal(await page.locator("#found").getAttribute("aria-live"), "polite");
  assert.match(await page.locator("#found").textContent(), /(best matches for|entries match) “budget too low”/);
  const metas = await page.locator("#results .meta").allTextContents();
  assert.ok(metas.some((m) => m.includes("Fix the request")), `results in words: ${metas}`);
  assert.ok(!metas.some((m) => TOKEN.test(m)), `snake_case in results: ${metas}`);
  await page.waitForFunction(() => new URLSearchParams(location.search).get("q") === "budget too low");
  assert.match(page.url(), /index\.html\?q=budget\+too\+low$/);
  await page.waitForLoadState("networkidle");
  console.log(`[${tag}] index after searching: ${total()} bytes in ${loaded.size} files (${[...loaded].map(([u, n]) => `${u.split("/").pop()} ${n}`).join(", ")})`);
  assert.ok(total() < 512 * 1024, `the index loads ${total()} bytes, over the 512 KiB budget`);
  assert.ok(await overflow(page) <= 0, `[${tag}] the results scroll sideways`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await shot(page, `${tag}-search-budget-too-low`);

  // A search is a link: opening index.html?q=… runs it.
  const linked = (await newPage(viewport)).page;
  await linked.goto(SITE_URL + "index.html?q=spam_risk_too_many_posts");
  await linked.locator("#results li a").first().waitFor();
  assert.equal(await linked.inputValue("#q"), "spam_risk_too_many_posts");
  assert.match(await linked.locator("#results li a").first().textContent(), /spam_risk_too_many_posts/);
  await shot(linked, `${tag}-linked-search`);
  await linked.context().close();

  // The result opens the entry's page, which loads no wasm until the decode box is used.
  loaded.clear();
  await first.nth(top).click();
  await page.waitForURL(/ads-diagnosis\/CAMPAIGN_BUDGET_TOO_LOW\.html$/);
  await page.waitForLoadState("networkidle");
  assert.ok(![...loaded.keys()].some((u) => u.includes(".wasm")), "the entry page loaded the wasm unasked");
  console.log(`[${tag}] entry page: ${total()} bytes in ${loaded.size} files`);
  assert.match(await page.locator("h1").textContent(), /CAMPAIGN_BUDGET_TOO_LOW/);
  await page.getByRole("heading", { name: "How to fix it" }).waitFor();
  // Headings have ids and anchor links; the page has its own description.
  const fixId = await page.locator("h2", { hasText: "How to fix it" }).getAttribute("id");
  assert.equal(fixId, "how-to-fix-it");
  assert.equal(await page.locator(`h2#${fixId} a.anchor`).getAttribute("href"), `CAMPAIGN_BUDGET_TOO_LOW.html#${fixId}`);
  assert.match(await page.locator("meta[name=description]").getAttribute("content"), /CAMPAIGN_BUDGET_TOO_LOW/);
  // Reference-site parts: the last review, related codes, the edit link to the codes/ file.
  assert.match(await page.locator("dl.facts").first().textContent(), /Last reviewed\s*20\d\d-\d\d-\d\d/);
  assert.ok(await page.locator("#related-codes + p + ul.codes li").count() > 0, "related codes");
  assert.match(await page.locator(".edit a").getAttribute("href"),
    /^https:\/\/github\.com\/[^/]+\/[^/]+\/blob\/main\/codes\/ads_diagnoses\.toml#L\d+$/);
  assert.ok(!TOKEN.test(await page.locator("dl.facts").first().textContent()), "snake_case in the facts");
  // The copy button copies the code.
  const copyCode = page.locator("h1 button.copy");
  assert.ok(await copyCode.isVisible());
  await copyCode.click();
  await page.locator("h1 button.copy", { hasText: "Copied" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "CAMPAIGN_BUDGET_TOO_LOW");
  assert.ok(await overflow(page) <= 0, `[${tag}] the entry page scrolls sideways`);
  await shot(page, `${tag}-entry-page`);
  await page.locator("#related-codes").evaluate((e) => e.scrollIntoView());
  await shot(page, `${tag}-entry-related-and-edit`);

  // A 40100 body pasted into the decode box decodes as throttled, in words, with its fix and
  // page; the result can be copied.
  const decodeBody = async (body, status = "") => {
    await page.locator("#decode").scrollIntoViewIfNeeded();
    await page.fill("#body", body);
    await page.fill("#status", status);
    await page.click("#decode-form button[type=submit]");
  };
  const decoded = page.locator("#decoded");
  await decodeBody('{"code":40100,"message":"App reaches the QPS limit.","request_id":"2026112709"}');
  await decoded.getByText("Retry: Wait, then retry").waitFor();
  let text = await decoded.textContent();
  assert.match(text, /Ads error 40100 \(Too many requests\)/);
  assert.match(text, /Wait 1 s/);
  assert.match(text, /Category: Rate limit/);
  assert.match(text, /Fix: This is throttling/);
  assert.ok(!TOKEN.test(text), `snake_case in the decoder's answer: ${text}`);
  assert.ok(!text.includes("`"), "raw backticks in the decoder's answer");
  assert.equal(await decoded.locator("a").getAttribute("href"), "../ads/40100.html");
  await decoded.locator("button.copy").click();
  await decoded.locator("button.copy", { hasText: "Copied" }).waitFor();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(copied, /Ads error 40100/);
  assert.match(copied, /ads\/40100\.html$/);
  await decoded.scrollIntoViewIfNeeded();
  await shot(page, `${tag}-decode-40100`);

  // Detection: a bare v2 error struct is Content Posting's, a 40064 body Business Messaging's.
  await decodeBody('{"code":"access_token_invalid","message":"The access token is invalid or not found in the request.","log_id":"202611270000"}', "401");
  await decoded.getByText("Retry: Refresh the token").waitFor();
  text = await decoded.textContent();
  assert.match(text, /Content Posting/);
  assert.equal(await decoded.locator("a").getAttribute("href"), "../content-posting/access_token_invalid.html");
  await decoded.scrollIntoViewIfNeeded();
  await shot(page, `${tag}-decode-bare-v2`);
  await decodeBody('{"code":40064,"message":"[40064] You are sending messages too fast. Take a rest.","request_id":"r"}');
  await decoded.locator("a[href='../business-messaging/40064.html']").waitFor();
  assert.match(await decoded.textContent(), /Business Messaging/);
  await shot(page, `${tag}-decode-40064`);

  // An HTML page is plainly not a TikTok response.
  await decodeBody("<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>", "502");
  await decoded.getByText("Not a TikTok response").waitFor();
  assert.match(await decoded.textContent(), /Retry: Retry with backoff/);
  await decoded.scrollIntoViewIfNeeded();
  assert.ok(await overflow(page) <= 0, `[${tag}] the decode box scrolls sideways`);
  await shot(page, `${tag}-decode-html`);

  // 40002's eighty conditions read by area, under headings, as compact lists.
  await page.goto(SITE_URL + "ads/40002.html");
  const areas = page.locator("#conditions-reported-with-this-code ~ h3");
  assert.ok(await areas.count() >= 5, "40002's conditions are grouped by area");
  assert.ok(await page.locator("h3 + ul.codes li").count() >= 50, "40002 lists its conditions");
  assert.ok(await page.locator("h3#creative-ads").count() === 1, "area headings have ids");
  await page.locator("#conditions-reported-with-this-code").evaluate((e) => e.scrollIntoView());
  await shot(page, `${tag}-40002-conditions`);

  // A missing page answers 404 with a page that reads (styles and links from the site root).
  const missing = await page.goto(SITE_URL + "ads/no-such-code.html");
  assert.equal(missing.status(), 404);
  assert.match(await page.locator("h1").textContent(), /Page not found/);
  assert.notEqual(await page.evaluate(() => getComputedStyle(document.querySelector("header")).display), "block",
    "the 404 page's stylesheet did not load");
  await page.getByRole("link", { name: "search the index" }).click();
  await page.waitForURL(SITE_URL + "index.html");
  await page.goto(SITE_URL + "ads/no-such-code.html");
  await shot(page, `${tag}-404`);

  // Dark mode follows the system setting.
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto(SITE_URL + "ads/40100.html");
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const [r, g, b] = bg.match(/\d+/g).map(Number);
  assert.ok(r + g + b < 150, `dark mode background is ${bg}`);
  await shot(page, `${tag}-entry-dark`);
  await page.goto(SITE_URL + "index.html?q=rate%20limit");
  await page.locator("#results li a").first().waitFor();
  await shot(page, `${tag}-index-dark`);
  await context.close();
}

await visit(DESKTOP, "desktop");
await visit(PHONE, "phone");

// Pages read without JavaScript: the text is all there, and no copy button that cannot work.
{
  const { context, page } = await newPage(DESKTOP, { javaScriptEnabled: false });
  await page.goto(SITE_URL + "ads/40100.html");
  assert.match(await page.locator("h1").textContent(), /40100/);
  assert.match(await page.locator("main").textContent(), /How to fix it/);
  assert.equal(await page.locator("button.copy").isVisible(), false, "a copy button without JavaScript");
  await shot(page, "entry-without-javascript");
  await page.goto(SITE_URL + "index.html");
  assert.equal(await page.locator("#browse ul.codes a").count(), entryCount, "the index without JavaScript");
  await context.close();
}

// Every page of the sitemap on a 390 px phone (JavaScript on, so copy buttons show): it opens,
// does not scroll sideways, has its own description, shows no raw backticks or build notes.
{
  const { context, page } = await newPage(PHONE);
  const wide = [], bad = [], descriptions = new Map();
  for (const url of sitemap) {
    const res = await page.goto(url, { waitUntil: "load" });
    if (res.status() !== 200) { bad.push(`${url}: HTTP ${res.status()}`); continue; }
    const seen = await page.evaluate(() => ({
      over: document.documentElement.scrollWidth - window.innerWidth,
      text: document.querySelector("main").innerText,
      description: document.querySelector("meta[name=description]")?.content ?? "",
    }));
    if (seen.over > 0) wide.push(`${url.slice(SITE_URL.length)} (+${seen.over} px)`);
    if (seen.text.includes("`")) bad.push(`${url}: a raw backtick`);
    if (/\bseed|codes\/README\.md/i.test(seen.text)) bad.push(`${url}: a build note`);
    if (!seen.description) bad.push(`${url}: no meta description`);
    else if (descriptions.has(seen.description)) bad.push(`${url}: the description of ${descriptions.get(seen.description)}`);
    else descriptions.set(seen.description, url);
  }
  console.log(`phone: ${sitemap.length} pages opened at 390 px, ${wide.length} scroll sideways`);
  assert.deepEqual(wide, [], "pages that scroll sideways on a 390 px phone");
  assert.deepEqual(bad, []);
  await page.goto(SITE_URL + "limits.html");
  await shot(page, "phone-limits");
  await page.goto(SITE_URL + "shop/index.html");
  await shot(page, "phone-shop-table");
  await page.goto(SITE_URL + "category/rate_limit.html");
  await shot(page, "phone-category");
  await page.goto(SITE_URL + "shop/36009004.html");
  await page.locator("#conditions-reported-with-this-code").evaluate((e) => e.scrollIntoView());
  await shot(page, "phone-shop-conditions");
  await context.close();
}

assert.deepEqual(problems, []);
console.log(`all ${step} steps passed`);
} finally {
  await browser.close();
}
