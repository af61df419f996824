// The error index in a real browser: headless Debian chromium driven by playwright-core.
// Run by site/test.sh, which builds the site, serves it on 127.0.0.1 and sets:
//   SITE_URL  the served root (ending in /)     SHOTS  the folder for one screenshot per step
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
let step = 0;
async function shot(page, name) {
  step += 1;
  const path = `${SHOTS}/${String(step).padStart(2, "0")}-${name}.png`;
  await page.screenshot({ path, fullPage: false });
  console.log(`ok ${step} ${name} (${path})`);
}

try {
  const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
  page.on("console", (m) => { if (m.type() === "error") problems.push(`console: ${m.text()}`); });
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  const loaded = new Map(); // url -> bytes, for the page-weight budget
  page.on("response", async (r) => { try { loaded.set(r.url(), (await r.body()).length); } catch { /* redirects */ } });
  const total = () => [...loaded.values()].reduce((a, b) => a + b, 0);

  // 1. The index loads, with its boxes and the browse lists.
  await page.goto(SITE_URL + "index.html");
  await page.getByRole("heading", { name: "TikTok API error index" }).waitFor();
  assert.ok(await page.locator("a[href='ads/index.html']").count() > 0);
  await page.waitForLoadState("networkidle");
  assert.ok(![...loaded.keys()].some((u) => u.endsWith(".wasm")), "wasm loaded before it was needed");
  console.log(`index before searching: ${total()} bytes in ${loaded.size} files`);
  await shot(page, "index");

  // 2. Searching a phrase ranks the right diagnosis first (the crate's ranking, in wasm).
  await page.fill("#q", "budget too low");
  await page.press("#q", "Enter");
  const first = page.locator("#results li a");
  await first.first().waitFor();
  const titles = await first.allTextContents();
  const top = titles.slice(0, 3).findIndex((t) => t.includes("CAMPAIGN_BUDGET_TOO_LOW"));
  assert.ok(top >= 0, `CAMPAIGN_BUDGET_TOO_LOW not in the first results: ${titles.join(" | ")}`);
  await page.waitForLoadState("networkidle");
  console.log(`index after searching: ${total()} bytes in ${loaded.size} files (${[...loaded].map(([u, n]) => `${u.split("/").pop()} ${n}`).join(", ")})`);
  assert.ok(total() < 512 * 1024, `the index loads ${total()} bytes, over the 512 KiB budget`);
  await shot(page, "search-budget-too-low");

  // 3. The result opens the entry's page, which loads no wasm until the decode box is used.
  loaded.clear();
  await first.nth(top).click();
  await page.waitForURL(/ads-diagnosis\/CAMPAIGN_BUDGET_TOO_LOW\.html$/);
  await page.waitForLoadState("networkidle");
  assert.ok(![...loaded.keys()].some((u) => u.endsWith(".wasm")), "the entry page loaded the wasm unasked");
  console.log(`entry page: ${total()} bytes in ${loaded.size} files`);
  assert.match(await page.locator("h1").textContent(), /CAMPAIGN_BUDGET_TOO_LOW/);
  await page.getByRole("heading", { name: "How to fix it" }).waitFor();
  await shot(page, "entry-page");

  // 4. A 40100 body pasted into the decode box decodes as throttled, with its fix and page.
  await page.locator("#decode").scrollIntoViewIfNeeded();
  await page.fill("#body", '{"code":40100,"message":"App reaches the QPS limit.","request_id":"2026112709"}');
  await page.click("#decode-form button");
  const decoded = page.locator("#decoded");
  await decoded.getByText("Retry: throttled").waitFor();
  const text = await decoded.textContent();
  assert.match(text, /Ads error 40100 \(Too many requests\)/);
  assert.match(text, /Wait 1 s/);
  assert.match(text, /Fix: This is throttling/);
  assert.equal(await decoded.locator("a").getAttribute("href"), "../ads/40100.html");
  await decoded.scrollIntoViewIfNeeded();
  await shot(page, "decode-40100");

  // 5. An HTML page is plainly not a TikTok response.
  await page.fill("#body", "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
  await page.fill("#status", "502");
  await page.click("#decode-form button");
  await decoded.getByText("Not a TikTok response").waitFor();
  assert.match(await decoded.textContent(), /Retry: transient/);
  await decoded.scrollIntoViewIfNeeded();
  await shot(page, "decode-html");

  // 6. Entry pages read without JavaScript.
  const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1100, height: 900 } });
  const nojs = await plain.newPage();
  await nojs.goto(SITE_URL + "ads/40100.html");
  assert.match(await nojs.locator("h1").textContent(), /40100/);
  assert.match(await nojs.locator("main").textContent(), /How to fix it/);
  await shot(nojs, "entry-without-javascript");

  // 7. The rate limits page (issue 19) on a 390 px phone: it reads without scrolling sideways.
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const limits = await phone.newPage();
  await limits.goto(SITE_URL + "limits.html");
  assert.match(await limits.locator("h1").textContent(), /[Rr]ate limits/);
  assert.match(await limits.locator("main").textContent(), /\/ad\/create\//);
  const overflow = await limits.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the limits page scrolls sideways by ${overflow} px at 390 px`);
  await shot(limits, "limits-phone");

  assert.deepEqual(problems, []);
  console.log(`all ${step} steps passed`);
} finally {
  await browser.close();
}
