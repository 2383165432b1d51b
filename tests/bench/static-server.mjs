// A static file server for the browser benchmarks: HTTP/1.1 with
// keep-alive and concurrent requests, as any real web server (nginx,
// Caddy, an object store) answers; python3 -m http.server serves one
// request at a time and closes every connection, which would time the
// server rather than the search.
//
//   node static-server.mjs DIR PORT
//
// Binds 127.0.0.1 only; serves files below DIR (index.html for a
// folder), nothing outside it.
import http from "node:http";
import fs from "node:fs";
import path from "node:path";

const [dir, port] = process.argv.slice(2);
const root = fs.realpathSync(dir);
const types = { ".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
	".mjs": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8",
	".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
	".wasm": "application/wasm", ".png": "image/png", ".jpg": "image/jpeg",
	".pf_meta": "application/octet-stream", ".pf_fragment": "application/octet-stream",
	".pf_index": "application/octet-stream", ".pf_filter": "application/octet-stream" };

const server = http.createServer((req, res) => {
	let rel;
	try {
		rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
	} catch {
		res.writeHead(400).end();
		return;
	}
	let file = path.join(root, rel);
	if (file !== root && !file.startsWith(root + path.sep)) {
		res.writeHead(403).end();
		return;
	}
	fs.stat(file, (err, st) => {
		if (!err && st.isDirectory()) {
			if (!rel.endsWith("/")) {
				res.writeHead(301, { Location: rel + "/" }).end();
				return;
			}
			file = path.join(file, "index.html");
		}
		fs.readFile(file, (e, data) => {
			if (e) {
				res.writeHead(404, { "Content-Type": "text/plain" }).end("not found\n");
				return;
			}
			res.writeHead(200, { "Content-Type": types[path.extname(file)] || "application/octet-stream",
				"Content-Length": data.length, "Cache-Control": "no-cache" });
			res.end(data);
		});
	});
});
server.keepAliveTimeout = 30000;
server.listen(Number(port), "127.0.0.1");
