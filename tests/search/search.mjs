// End-to-end test of the search page: Debian's Chromium, driven by
// playwright-core, over HTTP and over file://, in Arabic, English and
// French.  Expected articles come from the sources (content/) and
// from the site's own entity pages, never from the index.
//
//   node search.mjs CONTENT_DIR HTTP_BASE FILE_SITE_DIR
//
// Prints "ok - ..." / "not ok - ..." per check and "N passed, M failed".
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [content, httpBase, fileSite] = process.argv.slice(2);
let pass = 0, fail = 0;
function check(name, ok, detail) {
	if (ok) {
		pass++;
		console.log("ok - " + name);
	} else {
		fail++;
		console.log("not ok - " + name + (detail ? "\n  # " + String(detail).split("\n").join("\n  # ") : ""));
	}
}

// Every article of a language: its title and its whole source text.
function sources(lang) {
	const out = [];
	(function walk(d) {
		for (const e of fs.readdirSync(d, { withFileTypes: true })) {
			const p = path.join(d, e.name);
			if (e.isDirectory())
				walk(p);
			else if (e.name.endsWith(".md")) {
				const s = fs.readFileSync(p, "utf8");
				if (/^draft:\s*true/m.test(s))
					continue;
				const t = /^title:\s*"(.*)"\s*$/m.exec(s);
				out.push({ title: t[1].replace(/\\"/g, '"'), text: s });
			}
		}
	})(path.join(content, lang));
	return out;
}
function titlesWith(lang, re) {
	return sources(lang).filter((a) => re.test(a.text)).map((a) => a.title);
}

const browser = await chromium.launch({
	executablePath: "/usr/bin/chromium",
	args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run"],
});

async function search(page, pageUrl, q, sort) {
	await page.goto(pageUrl);
	await page.waitForSelector(".search--ready");
	await page.focus("#search-q");
	await page.keyboard.type(q);
	if (sort === "newest")
		await page.check("input[value=newest]");
	await page.keyboard.press("Enter");
	await page.waitForFunction(() => {
		const s = document.querySelector(".search__status").textContent;
		return s && !s.endsWith("…");
	}, null, { timeout: 10000 });
	return page.evaluate(() => ({
		status: document.querySelector(".search__status").textContent,
		live: document.querySelector(".search__status").getAttribute("aria-live"),
		entities: Array.from(document.querySelectorAll(".search__entities a"), (a) => ({ name: a.textContent, href: a.href })),
		results: Array.from(document.querySelectorAll(".search__results li"), (li) => ({
			title: li.querySelector("h2").textContent,
			href: li.querySelector("h2 a").href,
			date: li.querySelector("time").dateTime,
			marks: li.querySelectorAll("mark").length,
		})),
		url: location.href,
		more: !document.querySelector(".search__pages").hidden,
	}));
}

// Titles of every article an entity page lists, page after page.
async function entityTitles(page, href) {
	const titles = [];
	let next = href;
	while (next) {
		await page.goto(next);
		titles.push(...await page.$$eval(".item__title a", (l) => l.map((a) => a.textContent)));
		next = await page.$eval("a.pagination__older", (a) => a.href).catch(() => null);
	}
	return titles;
}

// All results of a query, following the pages of results.
async function allTitles(page, r) {
	const titles = r.results.map((x) => x.title);
	while (await page.$eval("[data-go='1']", (b) => !b.disabled && !b.closest("nav").hidden)) {
		await page.click("[data-go='1']");
		// The page is whole once the list is no longer aria-busy.
		await page.waitForFunction((n) => document.querySelector(".search__results li h2") &&
			document.querySelector(".search__results").start > n &&
			!document.querySelector(".search__results").hasAttribute("aria-busy"), titles.length);
		titles.push(...await page.$$eval(".search__results li h2", (l) => l.map((h) => h.textContent)));
	}
	return titles;
}

function missing(want, got) {
	return want.filter((t) => !got.includes(t));
}

async function suite(label, pageOf) {
	const ctx = await browser.newContext();
	const page = await ctx.newPage();
	const foreign = [], errors = [];
	page.on("request", (r) => {
		if (!/^(file:|http:\/\/127\.0\.0\.1[:/])/.test(r.url()))
			foreign.push(r.url());
	});
	page.on("pageerror", (e) => errors.push(e.message));

	const cases = [
		// [lang, query, regex over the sources, what it shows, 1 when a title has it]
		["ar", "وبالقاهرة", /القاهرة/, "proclitics و+ب on a word the archive only has as القاهرة/بالقاهرة", 1],
		["ar", "القاهرة", /القاهرة/, "the bare word finds بالقاهرة too", 1],
		["ar", "الامم المتحده", /الأمم المتحدة/, "hamza and taa marbuta left out", 1],
		["ar", "اطلاق", /[إا]طلاق/, "إطلاق typed without its hamza", 1],
		["en", "negotiation", /negotiat/i, "English stems", 0],
		["fr", "negociations", /négociation/i, "French stems, accents left out", 0],
	];
	for (const [lang, q, re, what, inTitle] of cases) {
		const r = await search(page, pageOf(lang), q);
		const want = titlesWith(lang, re);
		const got = await allTitles(page, r);
		check(`${label} ${lang}: "${q}" finds the ${want.length} articles that have it (${what})`,
			want.length > 0 && missing(want, got).length === 0,
			"missing: " + missing(want, got).join(" | ") + "\ngot: " + got.join(" | "));
		if (inTitle)
			check(`${label} ${lang}: "${q}" highlights the words it matched`,
				r.results.some((x) => x.marks > 0), JSON.stringify(r.results));
	}

	// A registry entity named in another language: its page first, its articles here.
	const cross = [
		["ar", "Layla Haddad", "ليلى حداد"],
		["en", "ليلى حداد", "Layla Haddad"],
		["fr", "Layla Haddad", "Leïla Haddad"],
		["ar", "Omar Farouk", "عمر فاروق"],
		["ar", "للامم المتحده", "الأمم المتحدة"],
	];
	for (const [lang, q, name] of cross) {
		const r = await search(page, pageOf(lang), q);
		const first = r.entities[0];
		check(`${label} ${lang}: "${q}" offers the entity page of ${name} first`,
			first && first.name === name, JSON.stringify(r.entities));
		if (!first)
			continue;
		const got = await allTitles(page, r);
		const want = await entityTitles(page, first.href);
		check(`${label} ${lang}: "${q}" finds the ${want.length} articles of ${name} in that language`,
			want.length > 0 && missing(want, got).length === 0,
			"missing: " + missing(want, got).join(" | "));
	}

	// Order: newest first when the reader asks; the count is announced.
	{
		const r = await search(page, pageOf("ar"), "المياه", "newest");
		const dates = r.results.map((x) => x.date);
		check(`${label} ar: newest first puts the results in date order`,
			dates.length > 1 && dates.every((d, i) => i === 0 || dates[i - 1] >= d), dates.join(" "));
		check(`${label} ar: the result count is announced (aria-live)`,
			r.live === "polite" && /\d/.test(r.status), r.status);
		check(`${label} ar: the query is kept in the address`,
			new URL(r.url).searchParams.get("q") === "المياه" || label === "file://", r.url);
		const rel = await search(page, pageOf("ar"), "في", "relevance");
		check(`${label} ar: results page through, ten at a time`,
			rel.results.length === 10 && rel.more, rel.results.length);
		// The first page is picked without sorting every result; after
		// paging (which sorts them all) it must come back the same.
		const first = rel.results.map((x) => x.title);
		const whole = () => !document.querySelector(".search__results").hasAttribute("aria-busy");
		check(`${label} ar: a page is whole (not aria-busy) once the count is announced`,
			await page.evaluate(whole));
		await page.click("[data-go='1']");
		await page.waitForFunction(() => document.querySelector(".search__results").start === 11 &&
			!document.querySelector(".search__results").hasAttribute("aria-busy"));
		await page.click("[data-go='-1']");
		await page.waitForFunction(() => document.querySelector(".search__results").start === 1 &&
			!document.querySelector(".search__results").hasAttribute("aria-busy"));
		const again = await page.$$eval(".search__results li h2", (l) => l.map((h) => h.textContent));
		check(`${label} ar: the best ten are the first ten of the full ranking`,
			again.join("|") === first.join("|"), again.join(" | ") + " vs " + first.join(" | "));
	}
	// ?q= in the address (a GET without the script, or a link) is answered.
	{
		await page.goto(pageOf("en") + "?q=" + encodeURIComponent("water"));
		await page.waitForFunction(() => document.querySelectorAll(".search__results li").length > 0, null, { timeout: 10000 });
		check(`${label} en: a ?q= address is answered on load`, true);
	}
	check(`${label}: no request left this machine`, foreign.length === 0, foreign.join("\n"));
	check(`${label}: no script error`, errors.length === 0, errors.join("\n"));
	await ctx.close();
}

await suite("http", (lang) => `${httpBase}${lang}/search/`);
await suite("file://", (lang) => pathToFileURL(path.join(fileSite, lang, "search", "index.html")).href);

// Without JavaScript: the form is a plain GET of the page, which says why there are no results.
{
	const ctx = await browser.newContext({ javaScriptEnabled: false });
	const page = await ctx.newPage();
	await page.goto(`${httpBase}en/`);
	await page.click(".site-nav a[href*='search']");
	await page.fill("#search-q", "water");
	await page.click(".search__form button[type=submit]");
	await page.waitForURL(/\?q=water/);
	const note = await page.$eval("noscript", (n) => n.textContent);
	check("no JavaScript: the form sends ?q= to the page, which says search needs the script",
		/JavaScript/.test(note), note);
	await ctx.close();
}

await browser.close();
console.log(`${pass} passed, ${fail} failed`);
process.exit(fail ? 1 : 0);
