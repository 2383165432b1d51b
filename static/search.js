/*
 * search.js: arshif's search page, in the browser.  No framework, no
 * request to another host.  The index (written by arshif, see
 * src/search.c) is a set of script files, each calling arshifSearch();
 * they load as script elements, so search works from file:// too.
 * Words are folded and stripped of Arabic proclitics the way the index
 * was; stems come from the index's lexicon.
 */
(function () {
	"use strict";
	var box = document.getElementById("search");
	if (!box || !window.Promise || !window.Intl || !Intl.Segmenter)
		return;
	var D = box.dataset, lang = D.lang;
	var form = box.querySelector("form"), input = form.elements.q;
	var status = box.querySelector(".search__status");
	var ents = box.querySelector(".search__entities");
	var list = box.querySelector(".search__results");
	var nav = box.querySelector(".search__pages");
	var PER = 10, loaded = {}, waiting = {}, man = null;
	var state = { res: new Int32Array(0), score: null, page: 0, marks: null,
		sorted: 0, newest: false };

	window.arshifSearch = function (id, data) {
		loaded[id] = data;
		(waiting[id] || []).forEach(function (f) { f(data); });
		delete waiting[id];
	};
	/*
	 * Over http(s), fetch and JSON.parse: a browser parses JSON several
	 * times faster than a script of the same object (25 ms for a 24 KB
	 * shard as a script in Chromium here).  From file://, where fetch
	 * is refused, each file is a script that calls arshifSearch().
	 */
	var fetching = /^https?:$/.test(location.protocol) && window.fetch;
	function load(id) {
		if (id in loaded)
			return Promise.resolve(loaded[id]);
		if (waiting[id])
			return new Promise(function (ok) { waiting[id].push(ok); });
		waiting[id] = [];
		if (fetching)
			return fetch(id + ".js").then(function (r) {
				if (!r.ok)
					throw r.status;
				return r.text();
			}).then(function (t) {
				/* arshifSearch("id",DATA);: the data is JSON. */
				return JSON.parse(t.slice(t.indexOf(",") + 1, t.lastIndexOf(")")));
			}).catch(function () {
				return null;
			}).then(function (data) {
				window.arshifSearch(id, data);
				return data;
			});
		return new Promise(function (ok) {
			waiting[id].push(ok);
			var s = document.createElement("script");
			s.src = id + ".js";
			s.onerror = function () { window.arshifSearch(id, null); };
			document.head.appendChild(s);
		});
	}

	/*
	 * The manifest, loaded with the page: every query needs it first.
	 * Asked for before anything else is set up (the word breaker alone
	 * takes 20 ms to make in Chromium here), so that it is on its way.
	 */
	var manifesting = load("manifest").then(function (m) {
		if (m) {
			m.L = new Map(Object.entries(m.l));
			m.X = new Map(Object.entries(m.x));
		}
		return m;
	});
	function manifest() {
		return manifesting;
	}
	var nf = new Intl.NumberFormat(lang + (D.numbers ? "-u-nu-" + D.numbers : ""));
	var plural = new Intl.PluralRules(lang);
	var seg = new Intl.Segmenter(lang, { granularity: "word" });

	/* The folding of src/text.c: case, marks, Arabic letter families, digits. */
	var IGN = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200c\u200d]/g;
	var UNI = { "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627",
		"\u0671": "\u0627", "\u0672": "\u0627", "\u0673": "\u0627",
		"\u0629": "\u0647", "\u0649": "\u064a", "\u06cc": "\u064a",
		"\u06d2": "\u064a", "\u06a9": "\u0643", "\u0624": "\u0648",
		"\u0626": "\u064a" };
	function fold(w) {
		w = w.normalize("NFKC").toLowerCase().replace(IGN, "");
		w = w.replace(/[\u0622\u0623\u0625\u0671-\u0673\u0629\u0649\u06cc\u06d2\u06a9\u0624\u0626]/g,
			function (c) { return UNI[c]; });
		w = w.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (c) {
			return String((c.charCodeAt(0) & 0xf) % 10);
		});
		return w.normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC");
	}
	/* Words as ICU splits them, an elided article ("l'") and "'s" off. */
	function words(s) {
		var out = [];
		for (var x of seg.segment(s)) {
			if (!x.isWordLike)
				continue;
			var w = x.segment, m = /^.{1,3}['\u2019](?=.)/.exec(w);
			var at = x.index;
			if (m) {
				w = w.slice(m[0].length);
				at += m[0].length;
			}
			if (w.length > 3 && /['\u2019][sS]$/.test(w))
				w = w.slice(0, -2);
			out.push({ w: w, at: at });
		}
		return out;
	}
	/* The word, then its forms without proclitics, least stripped first. */
	var AL = "\u0627\u0644";
	function forms(k) {
		var f = [k], i, j, q, r;
		if (!/[\u0600-\u06ff]/.test(k))
			return f;
		for (i = -1; i < 2; i++) {
			q = k;
			if (i >= 0) {
				if (k[0] !== "\u0648\u0641"[i])
					continue;
				q = k.slice(1);
				if (q.length >= 2)
					f.push(q);
			}
			for (j = 0; j < 3; j++) {
				if (q[0] !== "\u0628\u0644\u0643"[j])
					continue;
				r = q.slice(1);
				if (r.length < 2)
					continue;
				f.push(r);
				if (j === 1 && r[0] === "\u0644")
					f.push("\u0627" + r);
			}
		}
		f.forEach(function (x) {
			if (x.indexOf(AL) === 0 && x.length >= 5)
				f.push(x.slice(2));
		});
		return f;
	}

	/* The shard holding key k: the file of its longest prefix in the manifest. */
	function shard(k) {
		var cps = Array.from(k), d, p;
		for (d = cps.length; d >= 0; d--) {
			p = cps.slice(0, d).join("");
			if (man.L.has(p))
				return load("s/" + man.L.get(p));
			if (d === cps.length && man.X.has(p))
				return load("s/" + man.X.get(p));
		}
		return Promise.resolve(null);
	}
	function get(o, kind, k) {
		return o && o[kind] && Object.prototype.hasOwnProperty.call(o[kind], k) ?
			o[kind][k] : undefined;
	}
	/* Postings: [document, score] pairs, unpacked from the index's base 64. */
	var B64 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
	var B64V = new Int8Array(128).fill(-1);
	for (var b = 0; b < 64; b++)
		B64V[B64.charCodeAt(b)] = b;
	function decode(s, scored) {
		var n = s.length, docs = new Int32Array(n), sc = new Uint8Array(n);
		var k = 0, doc = -1, i = 0, v, mul, c;
		while (i < n) {
			v = 0;
			mul = 1;
			while ((c = B64V[s.charCodeAt(i++) & 127]) >= 32) {
				v += (c - 32) * mul;
				mul *= 32;
			}
			doc += v + c * mul;
			docs[k] = doc;
			sc[k++] = scored ? B64V[s.charCodeAt(i++) & 127] : 0;
		}
		return { d: docs.subarray(0, k), s: sc.subarray(0, k), length: k };
	}

	/* A query word's term: the first form the lexicon knows, else a stem it starts with. */
	async function term(k) {
		var f = forms(k), sh = await Promise.all(f.map(shard)), i, t;
		for (i = 0; i < f.length; i++) {
			t = get(sh[i], "w", f[i]);
			if (t !== undefined)
				return t;
			if (get(sh[i], "p", f[i]) !== undefined)
				return f[i];
		}
		/* Not in the archive as typed: the longest stem it starts with ("negotiation": "negoti"). */
		for (i = k.length - 1; i >= 4 && i * 2 >= k.length; i--) {
			t = k.slice(0, i);
			if (get(await shard(t), "p", t) !== undefined)
				return t;
		}
		return null;
	}
	async function postings(t) {
		var s = await shard(t), p = get(s, "p", t);
		return p === undefined ? decode("", true) : decode(p, true);
	}
	/* Entities named by the whole query, or by one word of a name when the query is one word. */
	async function entities(keys) {
		/* Proclitics glue to a name's first word: "للأمم المتحدة". */
		var rest = keys.slice(1).map(function (k) { return " " + k; }).join("");
		var cand = forms(keys[0]).map(function (f) { return f + rest; });
		var sh = await Promise.all(cand.map(shard)), ids = [], i;
		for (i = 0; i < cand.length; i++) {
			ids = ids.concat(get(sh[i], "n", cand[i]) || []);
			if (keys.length === 1)
				ids = ids.concat(get(sh[i], "m", cand[i]) || []);
		}
		ids = ids.filter(function (x, j) { return ids.indexOf(x) === j; }).slice(0, 5);
		return Promise.all(ids.map(async function (id) {
			var g = await load("e/" + Math.floor(id / man.eg));
			return g && g[id % man.eg];
		}));
	}

	function msg(key, n) {
		var s = D["t" + key] || "";
		if (n !== undefined) {
			var c = plural.select(n);
			s = D["tResults" + c[0].toUpperCase() + c.slice(1)] || D.tResultsOther;
			s = s.replace("#", nf.format(n));
		}
		return s;
	}
	function href(path) {
		return D.root + encodeURI(path) + (man.i ? "index.html" : "");
	}

	/*
	 * The first use of the word breaker loads its rules, and the first
	 * call of each function is slow: done once the page is idle, on
	 * words of the page's own language, not in the reader's first query.
	 */
	(window.requestIdleCallback || setTimeout)(function () {
		var el = document.createElement("p");
		state.marks = { keys: [], terms: [] };
		words(D.tNone || "").forEach(function (x) { forms(fold(x.w)); });
		marked(D.tNone || "", el);
		decode("00", true);
	});

	var runs = 0;	/* a newer query makes an older one's results moot */
	async function run(q) {
		var ws = words(q), keys = ws.map(function (x) { return fold(x.w); }).filter(Boolean);
		var me = ++runs;
		state.res = new Int32Array(0);
		state.page = 0;
		state.sorted = 0;
		ents.replaceChildren();
		list.replaceChildren();
		nav.hidden = true;
		if (!keys.length) {
			status.textContent = "";
			return;
		}
		status.textContent = msg("Loading");
		if (!(man = await manifest())) {
			status.textContent = msg("Failed");
			return;
		}
		/* Names and words at once: each waits only for its own shards. */
		var named = entities(keys);
		var terms = await Promise.all(keys.map(term));
		var lists = await Promise.all(terms.map(function (t) { return t ? postings(t) : decode("", 1); }));
		var found = (await named).filter(Boolean);
		if (me !== runs)
			return;
		/* Scores and hit counts by document: typed arrays, one slot per article. */
		var N = man.n, score = new Float64Array(N), hits = new Uint16Array(N);
		var ofent = new Uint8Array(N);
		var need = 0, any = false, d, i, j;
		lists.forEach(function (l) {
			var idf = Math.log(1 + N / (l.length || 1));
			if (l.length)
				need++;
			for (i = 0; i < l.length; i++) {
				score[l.d[i]] += l.s[i] * idf;
				hits[l.d[i]]++;
			}
		});
		for (d = 0; d < N && !any; d++)
			any = hits[d] === need && need > 0;
		/* No article has every word: any of them will do. */
		var all = any || keys.length === 1 ? need : 1;
		found.forEach(function (e) {
			var l = decode(e[2], false), idf = Math.log(1 + N / (l.length || 1));
			for (j = 0; j < l.length; j++) {
				d = l.d[j];
				ofent[d] = 1;	/* an entity's article, whatever its words */
				score[d] += 16 * idf;
			}
		});
		var res = new Int32Array(N), nres = 0;
		for (d = 0; d < N; d++)
			if ((hits[d] >= all && hits[d] > 0) || ofent[d])
				res[nres++] = d;
		state.res = res.subarray(0, nres);
		state.score = score;
		state.marks = { keys: keys.concat(...keys.map(forms)), terms: terms.filter(Boolean) };
		found.forEach(function (e) {
			var li = document.createElement("li"), a = document.createElement("a");
			a.href = href(e[1]);
			a.textContent = e[0];
			a.dir = "auto";
			li.append(msg("Entity") + " ", a);
			ents.append(li);
		});
		await show();
	}
	/* Documents are numbers; newer ones have larger numbers. */
	function cmp(a, b) {
		return (state.newest ? 0 : state.score[b] - state.score[a]) || b - a;
	}
	/*
	 * The results of the page shown, in order.  The first page needs only
	 * the best ten: one pass over the results, not a sort of them all.
	 */
	function pageOf(p) {
		var r = state.res, top = [], i, j;
		state.newest = form.elements.sort.value === "newest";
		if (p > 0 || r.length <= PER) {
			if (!state.sorted)
				r.sort(cmp);
			state.sorted = 1;
			return Array.from(r.subarray(p * PER, p * PER + PER));
		}
		if (state.sorted)
			return Array.from(r.subarray(0, PER));
		for (i = 0; i < r.length; i++) {
			if (top.length === PER && cmp(r[i], top[PER - 1]) >= 0)
				continue;
			for (j = top.length; j > 0 && cmp(r[i], top[j - 1]) < 0; j--)
				;
			top.splice(j, 0, r[i]);
			if (top.length > PER)
				top.pop();
		}
		return top;
	}
	function marked(text, el) {
		var m = state.marks, last = 0;
		for (var x of words(text)) {
			var f = forms(fold(x.w)), hit = f.some(function (k) {
				return m.keys.indexOf(k) >= 0 || m.terms.some(function (t) {
					return t.length >= 3 && k.indexOf(t) === 0;
				});
			});
			if (!hit)
				continue;
			var mk = document.createElement("mark");
			mk.textContent = text.slice(x.at, x.at + x.w.length);
			el.append(text.slice(last, x.at), mk);
			last = x.at + x.w.length;
		}
		el.append(text.slice(last));
		return el;
	}
	/*
	 * Shows the page's results as their documents arrive, in order: the
	 * first one need not wait for the tenth.  The list is aria-busy until
	 * the page is whole; the status (a live region) speaks once, then.
	 */
	async function show() {
		var n = state.res.length, pages = Math.ceil(n / PER) || 1, me = runs;
		var part = pageOf(state.page), k, groups;
		function group(d) {
			return load("d/" + Math.floor(d / man.g));
		}
		/*
		 * The first result's documents alone, then the others: a browser
		 * pays for every request (about 8 ms each in Chromium here, even
		 * from a local server), and ten at once would delay the first.
		 */
		if (part.length)
			await group(part[0]);
		groups = part.map(group);
		list.replaceChildren();
		list.start = state.page * PER + 1;
		list.setAttribute("aria-busy", "true");
		for (k = 0; k < part.length; k++) {
			var g = await groups[k];
			if (me !== runs)
				return;
			var doc = g && g[part[k] % man.g];
			if (!doc)
				continue;
			var li = document.createElement("li"), h = document.createElement("h2");
			var a = document.createElement("a"), t = document.createElement("time");
			var p = document.createElement("p");
			a.href = href(doc[1]);
			a.dir = "auto";
			h.append(marked(doc[0], a));
			t.dateTime = doc[2];
			t.textContent = doc[3];
			p.className = "search__excerpt";
			li.append(h, t, marked(doc[4], p));
			list.append(li);
		}
		list.removeAttribute("aria-busy");
		status.textContent = n ? msg("", n) + (pages > 1 ? " · " +
			D.tPage.replace("#", nf.format(state.page + 1)).replace("#", nf.format(pages)) : "") :
			msg("None");
		nav.hidden = pages < 2;
		nav.querySelector("[data-go='-1']").disabled = state.page === 0;
		nav.querySelector("[data-go='1']").disabled = state.page >= pages - 1;
	}

	/*
	 * While the reader types, the shards the words so far need are
	 * loaded (a query then waits for little but its documents).
	 */
	var typing = 0;
	input.addEventListener("input", function (ev) {
		clearTimeout(typing);
		/* A pasted query is whole: its shards at once. */
		typing = setTimeout(function () {
			manifest().then(function (m) {
				if (!m)
					return;
				man = m;
				words(input.value).forEach(function (x) {
					var k = fold(x.w);
					if (k)
						forms(k).forEach(shard);
				});
			});
		}, ev.inputType === "insertFromPaste" ? 0 : 60);
	});

	form.addEventListener("submit", function (ev) {
		ev.preventDefault();
		var u = "?q=" + encodeURIComponent(input.value) + "&sort=" + form.elements.sort.value;
		try {
			history.replaceState(null, "", u);
		} catch (e) { /* file:// may refuse: the search runs all the same */ }
		run(input.value);
	});
	form.addEventListener("change", function (ev) {
		if (ev.target.name !== "sort" || !state.res.length)
			return;
		state.sorted = 0;
		state.page = 0;
		show();
	});
	nav.addEventListener("click", function (ev) {
		var b = ev.target.closest("button");
		if (!b)
			return;
		state.page += Number(b.dataset.go);
		show().then(function () { list.focus(); });
	});
	var qs = new URLSearchParams(location.search);
	if (qs.get("sort") === "newest")
		form.elements.sort.value = "newest";
	box.classList.add("search--ready");
	if (qs.get("q")) {
		input.value = qs.get("q");
		run(input.value);
	}
})();
