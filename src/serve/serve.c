/*
 * serve.c: see serve.h.
 *
 * The site is built into a private folder, through the same atomic
 * swap as build: a request resolves its file once, so it gets the old
 * page or the new one, never a missing or partial file.  libmicrohttpd
 * runs a thread per connection, so the reload channel (server-sent
 * events) may block waiting for the next build.  Only the main thread
 * builds; request threads only read files and the shared state below.
 */
#define _GNU_SOURCE
#include <sys/inotify.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include <arpa/inet.h>
#include <netinet/in.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>

#include "base/util.h"
#include "base/json.h"
#include "output/output.h"
#include "model/url.h"
#include "serve/serve.h"

/* How long the sources must be quiet before a rebuild starts. */
#define SETTLE_MS 120
/* A reload channel sends a comment this often, so proxies keep it open. */
#define KEEPALIVE_S 15

/*
 * The script added to served pages: it listens for builds, reloads on
 * success, shows the diagnostics over the page on failure.
 */
static const char reload_script[] =
    "<script>(function(){"
    "var o=null;function show(t){if(!o){o=document.createElement('pre');"
    "o.id='arshif-overlay';o.setAttribute('role','alert');o.style.cssText="
    "'position:fixed;inset:0;margin:0;padding:2em;overflow:auto;z-index:"
    "2147483647;background:rgba(20,0,0,.92);color:#fff;font:14px/1.5 "
    "monospace;white-space:pre-wrap;direction:ltr;text-align:left';"
    "document.body.appendChild(o);}o.textContent=t;}"
    "var es=new EventSource('/__arshif/events');"
    "es.addEventListener('reload',function(){location.reload();});"
    "es.addEventListener('error-report',function(e){show(JSON.parse(e.data));});"
    "es.addEventListener('clear',function(){if(o){o.remove();o=null;}});"
    "})();</script>";

/* What the reload channel tells; guarded by lock. */
static struct {
	pthread_mutex_t	 lock;
	pthread_cond_t	 changed;
	unsigned long	 generation;	/* bumped by every build */
	int		 failed;	/* the last build failed */
	char		*errors;	/* its diagnostics, JSON-quoted */
	int		 stopping;
	int		 have_site;	/* a build has succeeded once */
} st = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0, NULL,
	0, 0 };

static char	*site_dir;	/* what is served: the private output */
static char	*site_real;	/* its realpath, for confinement checks */
static int	 sigpipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (write(sigpipe[1], &c, 1) == -1) {
		/* nothing to do: the main loop will see the pipe full */
	}
	errno = saved;
}

/* A JSON string of s (for the event data); caller frees. */
static char *
json_quote(const char *s)
{
	struct strbuf sb = STRBUF_INIT;

	json_strz(&sb, s, JSON_SCRIPT);
	return sb_detach(&sb);
}

/* Runs one build and publishes its outcome to the reload channel. */
static int
rebuild(const struct serve_opts *o, int first)
{
	struct build_opts b = o->build;
	struct strbuf diags = STRBUF_INIT;
	int rc;

	b.output = site_dir;
	b.inject = reload_script;
	b.clean = 1;		/* the folder is ours */
	b.quiet = 1;
	diag_reset();
	diag_capture(&diags);
	rc = build_run(&b);
	diag_capture(NULL);
	pthread_mutex_lock(&st.lock);
	st.generation++;
	free(st.errors);
	st.errors = NULL;
	st.failed = rc != 0;
	if (rc == 0)
		st.have_site = 1;
	else {
		/* Say what the reader is looking at, then why. */
		char *text = xasprintf("arshif: the last build failed; %s\n\n%s",
		    st.have_site ? "this page is from the last good build." :
		    "no build has succeeded yet.", sb_str(&diags));

		st.errors = json_quote(text);
		free(text);
	}
	pthread_cond_broadcast(&st.changed);
	pthread_mutex_unlock(&st.lock);
	if (rc == 0)
		printf("arshif: %s\n", first ? "built the site" : "rebuilt; "
		    "reloading open pages");
	else
		fprintf(stderr, "arshif: the build failed; still serving the "
		    "last good site\n");
	fflush(stdout);
	sb_free(&diags);
	return rc;
}

/* One reload channel connection: its own position in the stream. */
struct events {
	unsigned long	seen;
	int		sent_state;
	struct strbuf	pending;
	size_t		off;
};

static ssize_t
events_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct events *e = cls;
	size_t n;

	(void)pos;
	if (e->off >= e->pending.len) {
		struct timespec until;
		int rc = 0;

		sb_reset(&e->pending);
		e->off = 0;
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += KEEPALIVE_S;
		pthread_mutex_lock(&st.lock);
		while (!st.stopping && st.generation == e->seen &&
		    e->sent_state && rc == 0)
			rc = pthread_cond_timedwait(&st.changed, &st.lock,
			    &until);
		if (st.stopping) {
			pthread_mutex_unlock(&st.lock);
			return MHD_CONTENT_READER_END_OF_STREAM;
		}
		if (!e->sent_state) {
			/* A new page learns the state it was loaded in. */
			if (st.failed)
				sb_addf(&e->pending, "event: error-report\n"
				    "data: %s\n\n", st.errors);
			else
				sb_adds(&e->pending, ": connected\n\n");
			e->sent_state = 1;
		} else if (st.generation != e->seen) {
			if (st.failed)
				sb_addf(&e->pending, "event: error-report\n"
				    "data: %s\n\n", st.errors);
			else
				sb_adds(&e->pending, "event: reload\n"
				    "data: \"\"\n\n");
		} else
			sb_adds(&e->pending, ": keep-alive\n\n");
		e->seen = st.generation;
		pthread_mutex_unlock(&st.lock);
	}
	n = e->pending.len - e->off;
	if (n > max)
		n = max;
	memcpy(buf, e->pending.s + e->off, n);
	e->off += n;
	return (ssize_t)n;
}

static void
events_free(void *cls)
{
	struct events *e = cls;

	sb_free(&e->pending);
	free(e);
}

static const struct {
	const char *ext, *type;
} types[] = {
	{ ".html", "text/html; charset=utf-8" },
	{ ".css", "text/css; charset=utf-8" },
	{ ".js", "text/javascript; charset=utf-8" },
	{ ".mjs", "text/javascript; charset=utf-8" },
	{ ".json", "application/json; charset=utf-8" },
	{ ".xml", "application/xml; charset=utf-8" },
	{ ".txt", "text/plain; charset=utf-8" },
	{ ".svg", "image/svg+xml; charset=utf-8" },
	{ ".png", "image/png" },
	{ ".jpg", "image/jpeg" },
	{ ".jpeg", "image/jpeg" },
	{ ".gif", "image/gif" },
	{ ".webp", "image/webp" },
	{ ".avif", "image/avif" },
	{ ".ico", "image/x-icon" },
	{ ".woff2", "font/woff2" },
	{ ".woff", "font/woff" },
	{ ".ttf", "font/ttf" },
	{ ".otf", "font/otf" },
	{ ".pdf", "application/pdf" },
	{ NULL, NULL }
};

static const char *
content_type(const char *path)
{
	int i;

	for (i = 0; types[i].ext; i++)
		if (has_suffix(path, types[i].ext))
			return types[i].type;
	return "application/octet-stream";
}

static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned code, const char *type,
    const char *body)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(strlen(body),
	    (void *)body, MHD_RESPMEM_MUST_COPY);
	enum MHD_Result rc;

	MHD_add_response_header(r, "Content-Type", type);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

/*
 * Confines a decoded URL path to the site: no "..", no ".", no
 * backslash or control character, no empty segment but a trailing one.
 */
static int
url_path_ok(const char *u)
{
	const char *p, *e;

	if (u[0] != '/')
		return 0;
	for (p = u + 1; *p; p = *e ? e + 1 : e) {
		e = strchr(p, '/');
		if (e == NULL)
			e = p + strlen(p);
		if (e == p && *e != '\0')
			return 0;	/* "//" */
		if ((e - p == 1 && p[0] == '.') ||
		    (e - p == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		for (const char *q = p; q < e; q++)
			if ((unsigned char)*q < 0x20 || *q == '\\' ||
			    *q == 0x7f)
				return 0;
	}
	return 1;
}

/*
 * libmicrohttpd's own unescaping ends the path at a %00; this one turns
 * it into a control character instead, which url_path_ok() refuses.
 */
static size_t
unescape(void *cls, struct MHD_Connection *c, char *s)
{
	char *r = s, *w = s;

	(void)cls;
	(void)c;
	while (*r) {
		if (r[0] == '%' && isxdigit((unsigned char)r[1]) &&
		    isxdigit((unsigned char)r[2])) {
			char hex[3] = { r[1], r[2], 0 };
			char v = (char)strtol(hex, NULL, 16);

			*w++ = v == 0 ? '\x01' : v;
			r += 3;
		} else
			*w++ = *r++;
	}
	*w = '\0';
	return (size_t)(w - s);
}

/* Opens rel under the site if it really lies inside it; -1 otherwise. */
static int
open_inside(const char *path, struct stat *sb)
{
	char real[PATH_MAX];
	size_t n = strlen(site_real);
	int fd;

	if (realpath(path, real) == NULL)
		return -1;
	/* Symbolic links that lead out of the site are refused. */
	if (strncmp(real, site_real, n) != 0 || (real[n] != '\0' &&
	    real[n] != '/'))
		return -2;
	if ((fd = open(real, O_RDONLY | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, sb) == -1) {
		close(fd);
		return -1;
	}
	return fd;
}

static enum MHD_Result
send_file(struct MHD_Connection *c, unsigned code, int fd,
    const struct stat *sb, const char *path)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	char etag[64], lm[64];
	const char *inm;
	struct tm tm;

	snprintf(etag, sizeof(etag), "\"%lx-%lx-%lx\"",
	    (unsigned long)sb->st_ino, (unsigned long)sb->st_size,
	    (unsigned long)sb->st_mtime);
	gmtime_r(&sb->st_mtime, &tm);
	strftime(lm, sizeof(lm), "%a, %d %b %Y %H:%M:%S GMT", &tm);
	inm = MHD_lookup_connection_value(c, MHD_HEADER_KIND,
	    "If-None-Match");
	if (code == MHD_HTTP_OK && inm != NULL && strcmp(inm, etag) == 0) {
		close(fd);
		r = MHD_create_response_from_buffer(0, NULL,
		    MHD_RESPMEM_PERSISTENT);
		MHD_add_response_header(r, "ETag", etag);
		rc = MHD_queue_response(c, MHD_HTTP_NOT_MODIFIED, r);
		MHD_destroy_response(r);
		return rc;
	}
	r = MHD_create_response_from_fd((size_t)sb->st_size, fd);
	if (r == NULL) {
		close(fd);
		return MHD_NO;
	}
	MHD_add_response_header(r, "Content-Type", content_type(path));
	MHD_add_response_header(r, "ETag", etag);
	MHD_add_response_header(r, "Last-Modified", lm);
	MHD_add_response_header(r, "Cache-Control", "no-cache");
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	rc = MHD_queue_response(c, code, r);
	MHD_destroy_response(r);
	return rc;
}

static enum MHD_Result
not_found(struct MHD_Connection *c)
{
	struct stat sb;
	char *p = path_join(site_dir, URL_NOT_FOUND);
	int fd = open_inside(p, &sb);
	enum MHD_Result rc;

	if (fd >= 0)
		rc = send_file(c, MHD_HTTP_NOT_FOUND, fd, &sb, p);
	else {
		/* No site yet: the first build failed.  Show why, and wait. */
		struct strbuf b = STRBUF_INIT;

		sb_adds(&b, "<!DOCTYPE html><html lang=\"en\"><head><meta "
		    "charset=\"utf-8\"><title>arshif</title></head><body><p>"
		    "Not found.</p>");
		sb_adds(&b, reload_script);
		sb_adds(&b, "</body></html>");
		rc = send_text(c, MHD_HTTP_NOT_FOUND, "text/html; "
		    "charset=utf-8", sb_str(&b));
		sb_free(&b);
	}
	free(p);
	return rc;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *c, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **state)
{
	struct stat sb;
	char *path;
	int fd;
	enum MHD_Result rc;

	(void)cls;
	(void)version;
	(void)upload;
	(void)upload_size;
	(void)state;
	if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
		return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED,
		    "text/plain; charset=utf-8", "GET and HEAD only\n");
	if (strcmp(url, "/__arshif/events") == 0) {
		struct events *e = xcalloc(1, sizeof(*e));
		struct MHD_Response *r;

		pthread_mutex_lock(&st.lock);
		e->seen = st.generation;
		pthread_mutex_unlock(&st.lock);
		r = MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096,
		    events_read, e, events_free);
		MHD_add_response_header(r, "Content-Type",
		    "text/event-stream; charset=utf-8");
		MHD_add_response_header(r, "Cache-Control", "no-cache");
		rc = MHD_queue_response(c, MHD_HTTP_OK, r);
		MHD_destroy_response(r);
		return rc;
	}
	if (!url_path_ok(url))
		return send_text(c, MHD_HTTP_BAD_REQUEST,
		    "text/plain; charset=utf-8", "bad path\n");
	path = xasprintf("%s%s", site_dir, url);
	fd = open_inside(path, &sb);
	if (fd == -2) {
		free(path);
		return send_text(c, MHD_HTTP_FORBIDDEN,
		    "text/plain; charset=utf-8", "outside the site\n");
	}
	if (fd >= 0 && S_ISDIR(sb.st_mode)) {
		close(fd);
		if (!has_suffix(url, "/")) {
			/* Relative links in the page need the trailing slash. */
			struct MHD_Response *r =
			    MHD_create_response_from_buffer(0, NULL,
			    MHD_RESPMEM_PERSISTENT);
			char *loc = xasprintf("%s/", url), *enc;
			struct strbuf sb2 = STRBUF_INIT;
			const unsigned char *p;

			/* The Location header must be ASCII: percent-encode. */
			for (p = (const unsigned char *)loc; *p; p++)
				if (*p > 0x20 && *p < 0x7f && *p != '%')
					sb_addc(&sb2, (char)*p);
				else
					sb_addf(&sb2, "%%%02X", *p);
			enc = sb_detach(&sb2);
			MHD_add_response_header(r, "Location", enc);
			rc = MHD_queue_response(c, MHD_HTTP_MOVED_PERMANENTLY,
			    r);
			MHD_destroy_response(r);
			free(loc);
			free(enc);
			free(path);
			return rc;
		}
		{
			char *idx = path_join(path, "index.html");

			free(path);
			path = idx;
			fd = open_inside(path, &sb);
		}
	}
	if (fd < 0 || !S_ISREG(sb.st_mode)) {
		if (fd >= 0)
			close(fd);
		free(path);
		return not_found(c);
	}
	rc = send_file(c, MHD_HTTP_OK, fd, &sb, path);
	free(path);
	return rc;
}

/* Opens the listening socket; port 0 means 1313 or the next free one. */
static int
listen_on(const char *bind_to, int port, int *got)
{
	struct sockaddr_storage ss;
	socklen_t len;
	int fd = -1, p, last = port ? port : 1313 + 20, one = 1;

	for (p = port ? port : 1313; p <= last; p++) {
		memset(&ss, 0, sizeof(ss));
		if (inet_pton(AF_INET, bind_to,
		    &((struct sockaddr_in *)&ss)->sin_addr) == 1) {
			((struct sockaddr_in *)&ss)->sin_family = AF_INET;
			((struct sockaddr_in *)&ss)->sin_port = htons((uint16_t)p);
			len = sizeof(struct sockaddr_in);
		} else if (inet_pton(AF_INET6, bind_to,
		    &((struct sockaddr_in6 *)&ss)->sin6_addr) == 1) {
			((struct sockaddr_in6 *)&ss)->sin6_family = AF_INET6;
			((struct sockaddr_in6 *)&ss)->sin6_port =
			    htons((uint16_t)p);
			len = sizeof(struct sockaddr_in6);
		} else {
			diag(DIAG_ERROR, NULL, 0, 0, "--bind '%s' is not an "
			    "IPv4 or IPv6 address", bind_to);
			return -1;
		}
		fd = socket(ss.ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
		if (fd == -1) {
			diag(DIAG_ERROR, NULL, 0, 0, "socket: %s",
			    strerror(errno));
			return -1;
		}
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(fd, (struct sockaddr *)&ss, len) == 0 &&
		    listen(fd, 64) == 0) {
			*got = p;
			return fd;
		}
		if (errno != EADDRINUSE || port) {
			diag(DIAG_ERROR, NULL, 0, 0, "cannot listen on %s port "
			    "%d: %s%s", bind_to, p, strerror(errno),
			    errno == EADDRINUSE ? "; choose another --port, "
			    "or leave --port out to take the next free one" :
			    "");
			close(fd);
			return -1;
		}
		close(fd);
	}
	diag(DIAG_ERROR, NULL, 0, 0, "ports %d to %d are all taken; choose "
	    "one with --port", port ? port : 1313, last);
	return -1;
}

/* The sources under watch: one inotify descriptor for the whole run. */
struct watcher {
	int		 fd;
	char		**path;		/* by watch descriptor */
	size_t		  npath;
};

#define WATCH_MASK (IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | \
	IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF | IN_ONLYDIR)

/* Watches dir and every folder below it. */
static void
watch_tree(struct watcher *w, const char *dir, int depth)
{
	struct dirent *de;
	DIR *d;
	int wd;

	if (depth > 32 || (wd = inotify_add_watch(w->fd, dir, WATCH_MASK)) ==
	    -1)
		return;
	if ((size_t)wd >= w->npath) {
		size_t n = (size_t)wd * 2 + 16;

		w->path = xreallocarray(w->path, n, sizeof(*w->path));
		memset(w->path + w->npath, 0, (n - w->npath) *
		    sizeof(*w->path));
		w->npath = n;
	}
	free(w->path[wd]);
	w->path[wd] = xstrdup(dir);
	if ((d = opendir(dir)) == NULL)
		return;
	while ((de = readdir(d)) != NULL) {
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		sub = path_join(dir, de->d_name);
		if (is_dir(sub))
			watch_tree(w, sub, depth + 1);
		free(sub);
	}
	closedir(d);
}

static int
watch_all(const struct serve_opts *o, struct watcher *w)
{
	static const char *parts[] = { "content", "templates", "static",
	    "entities", NULL };
	int i;

	memset(w, 0, sizeof(*w));
	if ((w->fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) == -1)
		return -1;
	/* The source folder itself, not below: site.yaml and new parts. */
	inotify_add_watch(w->fd, o->build.source, IN_CREATE | IN_DELETE |
	    IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO);
	for (i = 0; parts[i]; i++) {
		char *p = path_join(o->build.source, parts[i]);

		watch_tree(w, p, 0);
		free(p);
		if (o->build.theme && strcmp(parts[i], "content") != 0) {
			p = path_join(o->build.theme, parts[i]);
			watch_tree(w, p, 0);
			free(p);
		}
	}
	return 0;
}

static void
watch_free(struct watcher *w)
{
	size_t i;

	for (i = 0; i < w->npath; i++)
		free(w->path[i]);
	free(w->path);
	if (w->fd != -1)
		close(w->fd);
}

/*
 * Drains inotify; returns 1 if any event concerned a source.  A new
 * folder is watched at once, before files land in it; the events that
 * arrive during a build stay queued and start the next one.
 */
static int
drain(const struct serve_opts *o, struct watcher *w)
{
	char buf[16384] __attribute__((aligned(__alignof__(struct inotify_event))));
	ssize_t n;
	int any = 0;

	while ((n = read(w->fd, buf, sizeof(buf))) > 0) {
		char *p = buf;

		while (p < buf + n) {
			struct inotify_event *ev = (struct inotify_event *)p;

			/* Editors' swap and backup files are not sources. */
			if (ev->len == 0 || (ev->name[0] != '.' &&
			    !has_suffix(ev->name, "~") &&
			    !has_suffix(ev->name, ".swp")))
				any = 1;
			/*
			 * Hidden folders are no source (the walk skips them):
			 * watching the build cache's would rebuild forever.
			 */
			if (ev->len > 0 && ev->name[0] != '.' &&
			    (ev->mask & IN_ISDIR) &&
			    (ev->mask & (IN_CREATE | IN_MOVED_TO))) {
				const char *parent = ev->wd >= 0 &&
				    (size_t)ev->wd < w->npath ?
				    w->path[ev->wd] : NULL;

				if (parent == NULL)	/* the source folder */
					parent = o->build.source;
				char *sub = path_join(parent, ev->name);

				watch_tree(w, sub, 0);
				free(sub);
			}
			p += sizeof(*ev) + ev->len;
		}
	}
	return any;
}

int
serve_run(const struct serve_opts *o)
{
	struct MHD_Daemon *d = NULL;
	struct sigaction sa;
	char *tmp = NULL;
	const char *t = getenv("TMPDIR");
	struct watcher w = { -1, NULL, 0 };
	int lfd, port = 0, rc = 1, pending = 0;

	if (pipe2(sigpipe, O_CLOEXEC | O_NONBLOCK) == -1)
		return 1;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	if ((lfd = listen_on(o->bind, o->port, &port)) == -1)
		goto out;
	tmp = xasprintf("%s/arshif-serve-XXXXXX", t && *t ? t : "/tmp");
	if (mkdtemp(tmp) == NULL) {
		diag(DIAG_ERROR, tmp, 0, 0, "cannot create: %s",
		    strerror(errno));
		free(tmp);
		tmp = NULL;
		close(lfd);
		goto out;
	}
	site_dir = path_join(tmp, "site");
	mkdir(site_dir, 0755);
	{
		char *mark = path_join(site_dir, OUTPUT_MARK);
		FILE *f = fopen(mark, "w");

		if (f)
			fclose(f);
		free(mark);
	}
	site_real = realpath(site_dir, NULL);
	rebuild(o, 1);
	d = MHD_start_daemon(MHD_USE_THREAD_PER_CONNECTION |
	    MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL, 0, NULL, NULL,
	    on_request, NULL, MHD_OPTION_LISTEN_SOCKET, lfd,
	    MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)120,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape, NULL, MHD_OPTION_END);
	if (d == NULL) {
		diag(DIAG_ERROR, NULL, 0, 0, "cannot start the HTTP server");
		close(lfd);
		goto out;
	}
	if (strchr(o->bind, ':'))
		printf("arshif: serving on http://[%s]:%d/ (Ctrl-C stops)\n",
		    o->bind, port);
	else
		printf("arshif: serving on http://%s:%d/ (Ctrl-C stops)\n",
		    o->bind, port);
	fflush(stdout);
	watch_all(o, &w);
	for (;;) {
		struct pollfd pf[2] = { { sigpipe[0], POLLIN, 0 },
		    { w.fd, POLLIN, 0 } };
		int n = poll(pf, 2, pending ? SETTLE_MS : -1);

		if (n == -1 && errno != EINTR)
			break;
		if (pf[0].revents & POLLIN)
			break;
		if (n > 0 && (pf[1].revents & POLLIN)) {
			if (drain(o, &w))
				pending = 1;
			continue;	/* wait until the burst settles */
		}
		if (n == 0 && pending) {
			pending = 0;
			rebuild(o, 0);
		}
	}
	rc = 0;
out:
	pthread_mutex_lock(&st.lock);
	st.stopping = 1;
	pthread_cond_broadcast(&st.changed);
	pthread_mutex_unlock(&st.lock);
	if (d != NULL)
		MHD_stop_daemon(d);
	watch_free(&w);
	if (tmp != NULL) {
		rm_rf(tmp);
		free(tmp);
	}
	free(site_dir);
	free(site_real);
	free(st.errors);
	close(sigpipe[0]);
	close(sigpipe[1]);
	if (rc == 0)
		printf("arshif: stopped\n");
	return rc;
}
