// The browser half of tests/bench/pagefind.sh: first-query bytes and
// milliseconds, and Arabic recall, for arshif's search and Pagefind.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [base, n, content] = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium",
	args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run"] });

// arshif: from submitting the form to the first result shown, and to
// the whole first page (the list no longer aria-busy); bytes of every
// search file loaded.  typed: the query typed first (its shards load
// while typing, as for a reader); otherwise set without an input event,
// so that the query loads everything itself.  every: page through all
// the results for their titles (recall), not wanted when timing.
async function arshif(site, q, typed, every) {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${base}pf-${site}/ar/search/`);
	await page.waitForSelector(".search--ready");
	if (typed)
		await page.fill("#search-q", q);
	await page.waitForTimeout(300);
	const ms = await page.evaluate((q) => new Promise((ok) => {
		const list = document.querySelector(".search__results"), t0 = performance.now();
		let first = 0;
		new MutationObserver(() => {
			if (!first && list.querySelector("li"))
				first = performance.now() - t0;
			if (first && !list.hasAttribute("aria-busy"))
				ok([first, performance.now() - t0]);
		}).observe(list, { childList: true, attributes: true });
		document.querySelector("#search-q").value = q;
		document.querySelector(".search__form button").click();
	}), q);
	const bytes = await page.evaluate(() => performance.getEntriesByType("resource")
		.filter((r) => /\/search\/(manifest|[sde]\/)/.test(r.name)).reduce((s, r) => s + r.encodedBodySize, 0));
	const urls = [];
	while (every) {
		urls.push(...await page.$$eval(".search__results li h2", (l) => l.map((h) => h.textContent)));
		if (await page.$eval("[data-go='1']", (b) => b.disabled || b.closest("nav").hidden))
			break;
		const first = urls.length;
		await page.click("[data-go='1']");
		await page.waitForFunction((k) => document.querySelector(".search__results").start > k &&
			!document.querySelector(".search__results").hasAttribute("aria-busy"), first);
	}
	await page.context().close();
	return { ms: ms[0], page: ms[1], bytes, urls };
}

// arshif, opened from a link or a form elsewhere (/ar/search/?q=...):
// from the start of navigation, so the page, its script and the
// manifest count too, to the first result and to the whole first page.
async function linked(site, q) {
	const page = await (await browser.newContext()).newPage();
	await page.addInitScript(() => {
		window.__t = {};
		new MutationObserver(() => {
			const list = document.querySelector(".search__results");
			if (!list || window.__t.page)
				return;
			if (!window.__t.first && list.querySelector("li"))
				window.__t.first = performance.now();
			if (window.__t.first && !list.hasAttribute("aria-busy"))
				window.__t.page = performance.now();
		}).observe(document, { childList: true, subtree: true, attributes: true });
	});
	await page.goto(`${base}pf-${site}/ar/search/?q=${encodeURIComponent(q)}`);
	await page.waitForFunction(() => window.__t.page);
	const t = await page.evaluate(() => window.__t);
	await page.context().close();
	return { ms: t.first, page: t.page };
}

// Pagefind: its own API, from import to the data of the first ten results.
async function pagefind(site, q, every) {
	const page = await (await browser.newContext()).newPage();
	await page.goto(`${base}pf-${site}/ar/`);
	const r = await page.evaluate(async ([q, every]) => {
		const t0 = performance.now();
		const pf = await import("/" + location.pathname.split("/")[1] + "/pagefind/pagefind.js");
		await pf.init();
		const s = await pf.search(q);
		await Promise.all(s.results.slice(0, 10).map((x) => x.data()));
		const ms = performance.now() - t0;
		const all = every ? await Promise.all(s.results.map((x) => x.data())) : [];
		return { ms, urls: all.map((d) => d.meta.title) };
	}, [q, every]);
	r.bytes = await page.evaluate(() => performance.getEntriesByType("resource")
		.filter((x) => /\/pagefind\//.test(x.name)).reduce((s, x) => s + x.encodedBodySize, 0));
	await page.context().close();
	return r;
}

// Medians of RUNS first queries, each in a fresh browser context: this
// machine's Chromium varies by a factor of two from one to the next.
const RUNS = 7;
const median = (v) => v.slice().sort((x, y) => x - y)[v.length >> 1];
for (const q of ["الحكومة", "بالحكومة", "الطاقة"]) {
	const t = { cold: [], coldPage: [], typed: [], typedPage: [], link: [], linkPage: [], pf: [] };
	let bytes = 0, pbytes = 0;
	for (let i = 0; i < RUNS; i++) {
		const c = await arshif(n, q, false), a = await arshif(n, q, true), p = await pagefind(n, q);
		const l = await linked(n, q);
		t.cold.push(c.ms); t.coldPage.push(c.page); t.typed.push(a.ms); t.typedPage.push(a.page); t.pf.push(p.ms);
		t.link.push(l.ms); t.linkPage.push(l.page);
		bytes = c.bytes; pbytes = p.bytes;
	}
	const f = (v) => Math.round(median(v));
	console.log(`first query "${q}" at N=${n} (median of ${RUNS}): arshif first result ${f(t.cold)} ms ` +
		`(whole page ${f(t.coldPage)} ms), typed first ${f(t.typed)} ms (page ${f(t.typedPage)} ms), ` +
		`from a link, page load included, ${f(t.link)} ms (page ${f(t.linkPage)} ms), ` +
		`${(bytes / 1024).toFixed(0)} KiB; pagefind ${f(t.pf)} ms, ${(pbytes / 1024).toFixed(0)} KiB`);
}

// Recall over the sample site: the articles whose source has the base word in any form.
const srcs = [];
(function walk(d) {
	for (const e of fs.readdirSync(d, { withFileTypes: true }))
		if (e.isDirectory()) walk(path.join(d, e.name));
		else if (e.name.endsWith(".md")) {
			const s = fs.readFileSync(path.join(d, e.name), "utf8");
			if (!/^draft:\s*true/m.test(s))
				srcs.push({ text: s, title: /^title:\s*"(.*)"\s*$/m.exec(s)[1] });
		}
})(path.join(content, "ar"));
const queries = [
	["القاهرة", "القاهرة"], ["بالقاهرة", "القاهرة"], ["وبالقاهرة", "القاهرة"],
	["المياه", "المياه"], ["للمياه", "المياه"], ["بالمياه", "المياه"],
	["الطاقة", "الطاقة"], ["بالطاقة", "الطاقة"], ["اليونسكو", "اليونسكو"], ["واليونسكو", "اليونسكو"],
	["البنك", "البنك"], ["والبنك", "البنك"], ["الأمم", "الأمم"], ["للأمم", "الأمم"], ["الامم", "الأمم"],
	["الجفاف", "الجفاف"], ["بالجفاف", "الجفاف"], ["المناخ", "المناخ"], ["والمناخ", "المناخ"],
];
const tot = { arshif: [0, 0], pagefind: [0, 0] };
for (const [q, word] of queries) {
	// The truth: articles whose title, front matter or body has the word as a
	// whole word, with or without its article and proclitics (لل for ل+ال too).
	const bare = word.replace(/^ال/, "");
	const re = new RegExp(`(?<![\\p{L}\\p{M}])[وف]?[بكل]?(ال|ل)?${bare}(?![\\p{L}\\p{M}])`, "u");
	const want = srcs.filter((s) => re.test(s.text)).map((s) => s.title);
	const a = await arshif("sample", q, false, true), p = await pagefind("sample", q, true);
	const ga = want.filter((t) => a.urls.includes(t)).length, gp = want.filter((t) => p.urls.includes(t)).length;
	tot.arshif[0] += ga; tot.arshif[1] += want.length;
	tot.pagefind[0] += gp; tot.pagefind[1] += want.length;
	console.log(`recall "${q}": ${want.length} articles have "${word}"; arshif finds ${ga} (of ${a.urls.length} results), ` +
		`pagefind ${gp} (of ${p.urls.length})`);
}
console.log(`recall over ${queries.length} Arabic queries: arshif ${(100 * tot.arshif[0] / tot.arshif[1]).toFixed(0)}%, ` +
	`pagefind ${(100 * tot.pagefind[0] / tot.pagefind[1]).toFixed(0)}%`);
await browser.close();
