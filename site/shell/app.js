// Glue between the pages and decoder.wasm: the tiktok-errors crate compiled to
// wasm32-unknown-unknown (site/wasm). It only moves bytes and draws results; searching and
// decoding happen in the crate. Exports: buf(len) -> pointer to an input buffer of len bytes;
// search(len, limit) and decode(len, status, api, now_ms) -> length of a JSON answer at out().
"use strict";
(() => {
  const root = document.body.dataset.root || "";
  const enc = new TextEncoder(), dec = new TextDecoder();
  let wasm = null; // fetched on first use: pages that are only read load no wasm
  const get = (name) => fetch(root + name)
    .then((r) => { if (!r.ok) throw new Error("HTTP " + r.status); return r.arrayBuffer(); });
  // decoder.wasm.gz is a third of decoder.wasm: fetch it and gunzip it here (a host that
  // already decoded it hands over plain wasm, which is used as it is); browsers without
  // DecompressionStream fetch decoder.wasm.
  const gunzip = (bytes) => new Uint8Array(bytes)[0] === 0x1f
    ? new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).arrayBuffer()
    : bytes;
  const load = () => (wasm ??= (typeof DecompressionStream === "function"
    ? get("decoder.wasm.gz").then(gunzip)
    : get("decoder.wasm"))
    .then((bytes) => WebAssembly.instantiate(bytes, {}))
    .then((m) => m.instance.exports));
  async function call(fn, text, ...args) {
    const x = await load(), bytes = enc.encode(text);
    const at = x.buf(bytes.length); // may grow memory: read memory.buffer only after it
    new Uint8Array(x.memory.buffer, at, bytes.length).set(bytes);
    const n = x[fn](bytes.length, ...args);
    return JSON.parse(dec.decode(new Uint8Array(x.memory.buffer, x.out(), n)));
  }
  function el(tag, text, cls, href) {
    const e = document.createElement(href ? "a" : tag);
    if (text) e.append(...inline(text));
    if (cls) e.className = cls;
    if (href) e.href = root + href;
    return e;
  }
  // Catalogue text: `backticks` become <code> (as text nodes: nothing is parsed as HTML).
  function inline(text) {
    return String(text).split("`").map((part, i, all) => {
      if (i % 2 === 0 || (all.length % 2 === 0 && i === all.length - 1)) return part;
      const c = document.createElement("code");
      c.textContent = part;
      return c;
    });
  }
  function broken(where, err) {
    where.replaceChildren(el("p", "The decoder could not be loaded (" + err.message + "); browse the lists instead.", "bad"));
  }
  // Copy buttons: the page's are hidden without JavaScript; with it they copy their text.
  function copyButton(button, text) {
    button.hidden = false;
    button.addEventListener("click", async () => {
      const value = typeof text === "function" ? text() : text;
      try {
        await navigator.clipboard.writeText(value);
      } catch {
        const t = document.createElement("textarea");
        t.value = value;
        document.body.append(t);
        t.select();
        document.execCommand("copy");
        t.remove();
      }
      button.textContent = "Copied";
      setTimeout(() => { button.textContent = button.dataset.label; }, 1500);
    });
    button.dataset.label = button.textContent;
  }
  for (const b of document.querySelectorAll("button.copy[data-copy]")) copyButton(b, b.dataset.copy);

  // The skip link focuses its target (the search box, or the page's main text).
  const skip = document.querySelector("a.skip");
  if (skip) skip.addEventListener("click", () => {
    const target = document.querySelector(skip.getAttribute("href"));
    if (target) setTimeout(() => target.focus(), 0);
  });

  const q = document.getElementById("q"), results = document.getElementById("results");
  const found = document.getElementById("found");
  if (q && results) {
    // A search is a link: index.html?q=… runs it, and the address follows what is typed.
    const remember = () => {
      const url = new URL(location.href);
      url.hash = "";
      if (q.value.trim()) url.searchParams.set("q", q.value); else url.searchParams.delete("q");
      if (url.href !== location.href) history.replaceState(null, "", url);
    };
    const limit = 10;
    const run = () => call("search", q.value, limit).then((hits) => {
      remember();
      results.replaceChildren(...hits.map((h) => {
        const li = el("li");
        li.append(el("a", h.label + " " + h.code + " — " + h.title, "", h.path), " ",
                  el("span", h.category + " · " + h.retry, "meta"));
        return li;
      }));
      const words = q.value.trim();
      if (found) {
        found.textContent = !words ? ""
          : hits.length === limit ? "The " + limit + " best matches for “" + words + "”."
          : hits.length ? hits.length + (hits.length === 1 ? " entry matches " : " entries match ") + "“" + words + "”."
          : "No entry matches “" + words + "”.";
      }
    }, (err) => broken(results, err));
    document.getElementById("search-form").addEventListener("submit", (ev) => { ev.preventDefault(); run(); });
    let timer = 0;
    q.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 120); });
    const asked = new URLSearchParams(location.search).get("q");
    if (asked) { q.value = asked; run(); }
  }

  const form = document.getElementById("decode-form"), out = document.getElementById("decoded");
  if (form && out) form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const status = parseInt(document.getElementById("status").value, 10) || 0;
    const api = document.getElementById("api").selectedIndex;
    call("decode", document.getElementById("body").value, status, api, Date.now()).then((r) => {
      const parts = [];
      if (r.outcome === "malformed") {
        parts.push(el("p", "Not a TikTok response: " + r.reason + ".", "verdict bad"),
                   el("p", r.display, "meta"));
      } else if (r.outcome === "success" || r.outcome === "partial_success") {
        parts.push(el("p", r.display, "verdict"));
      } else {
        parts.push(el("p", r.display, "verdict bad"));
      }
      const facts = el("p");
      facts.append(el("strong", "Retry: " + r.retry_label), " — ", ...inline(r.advice));
      if (r.retry_after_seconds != null) facts.append(" Wait " + r.retry_after_seconds + " s.");
      parts.push(facts, el("p", "Category: " + r.category_label, "meta"));
      if (r.fix) { const p = el("p"); p.append(el("strong", "Fix: "), ...inline(r.fix)); parts.push(p); }
      const row = el("p", "", "row");
      if (r.path) row.append(el("a", "Everything about " + r.code + " →", "", r.path));
      const copy = el("button", "Copy result", "copy");
      copy.type = "button";
      row.append(copy);
      parts.push(row);
      out.replaceChildren(...parts);
      copyButton(copy, () => [...out.querySelectorAll("p:not(.row)")].map((p) => p.textContent).join("\n")
        + (r.path ? "\n" + new URL(root + r.path, location.href).href : ""));
    }, (err) => broken(out, err));
  });
})();
