/*
 * util.c: see util.h.
 */
#define _GNU_SOURCE
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/util.h"
#include "base/json.h"
#include "base/progress.h"

static void
oom(void)
{
	fputs("arshif: error: out of memory\n", stderr);
	abort();
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t sz)
{
	void *p = calloc(n ? n : 1, sz ? sz : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t sz)
{
	if (sz && n > SIZE_MAX / sz)
		oom();
	return xrealloc(p, n * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static void
sb_grow(struct strbuf *sb, size_t more)
{
	size_t want;

	if (more > SIZE_MAX - sb->len - 1)
		oom();
	want = sb->len + more + 1;
	if (want <= sb->cap)
		return;
	if (sb->cap < 64)
		sb->cap = 64;
	while (sb->cap < want)
		sb->cap = sb->cap > SIZE_MAX / 2 ? want : sb->cap * 2;
	sb->s = xrealloc(sb->s, sb->cap);
}

void
sb_add(struct strbuf *sb, const char *p, size_t n)
{
	sb_grow(sb, n);
	if (n)
		memcpy(sb->s + sb->len, p, n);
	sb->len += n;
	sb->s[sb->len] = '\0';
}

void
sb_adds(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addc(struct strbuf *sb, char c)
{
	sb_add(sb, &c, 1);
}

/* Appends a formatted string: measured first, then printed in place. */
static void
sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list again;
	int n;

	va_copy(again, ap);
	n = vsnprintf(NULL, 0, fmt, again);
	va_end(again);
	if (n < 0)
		oom();
	sb_grow(sb, (size_t)n);
	vsnprintf(sb->s + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
}

void
sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

char *
xasprintf(const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(&sb, fmt, ap);
	va_end(ap);
	return sb_detach(&sb);
}

void
sb_reset(struct strbuf *sb)
{
	sb->len = 0;
	if (sb->s)
		sb->s[0] = '\0';
}

char *
sb_detach(struct strbuf *sb)
{
	char *s = sb->s ? sb->s : xstrdup("");

	sb->s = NULL;
	sb->len = sb->cap = 0;
	return s;
}

void
sb_free(struct strbuf *sb)
{
	free(sb->s);
	sb->s = NULL;
	sb->len = sb->cap = 0;
}

const char *
sb_str(const struct strbuf *sb)
{
	return sb->s ? sb->s : "";
}

static atomic_long n_errors, n_warnings;
static int strict;
static enum diag_format format;
static struct strbuf *captured;
static pthread_mutex_t capture_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct diag_buf *held;
static _Thread_local struct diag_list *recording;

void
diag_hold(struct diag_buf *b)
{
	held = b;
}

void
diag_record(struct diag_list *l)
{
	recording = l;
}

void
diag_replay(const struct diag_list *l, const char *file)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		diag(l->v[i].level, file, l->v[i].line, l->v[i].col, "%s",
		    l->v[i].msg);
}

void
diag_list_free(struct diag_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		free(l->v[i].msg);
	free(l->v);
	l->v = NULL;
	l->n = 0;
}

void
diag_release(struct diag_buf *b)
{
	if (b->tty.len > 0)
		progress_print(b->tty.s);
	pthread_mutex_lock(&capture_lock);
	if (captured != NULL && b->plain.len > 0)
		sb_add(captured, b->plain.s, b->plain.len);
	pthread_mutex_unlock(&capture_lock);
	sb_free(&b->tty);
	sb_free(&b->plain);
}

#ifndef ARSHIF_VERSION
#define ARSHIF_VERSION "0.1.0"
#endif
const char arshif_version[] = ARSHIF_VERSION;

double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

void
diag_set_strict(int on)
{
	strict = on;
}

void
diag_set_format(enum diag_format f)
{
	format = f;
}

enum diag_format
diag_format(void)
{
	return format;
}

void
diag_capture(struct strbuf *sb)
{
	captured = sb;
}

long
diag_errors(void)
{
	return atomic_load(&n_errors);
}

long
diag_warnings(void)
{
	return atomic_load(&n_warnings);
}

void
diag_reset(void)
{
	atomic_store(&n_errors, 0);
	atomic_store(&n_warnings, 0);
}

static int
use_colour(void)
{
	const char *nc = getenv("NO_COLOR");

	if (format != DIAG_FORMAT_TEXT)
		return 0;
	if (nc != NULL && nc[0] != '\0')
		return 0;
	return isatty(STDERR_FILENO);
}

/*
 * GitHub's workflow commands: '%', CR and LF are escaped everywhere,
 * and ':' and ',' too in a property, where they would end it.
 */
static void
github_str(struct strbuf *sb, const char *s, int property)
{
	for (; *s; s++) {
		if (*s == '%')
			sb_adds(sb, "%25");
		else if (*s == '\r')
			sb_adds(sb, "%0D");
		else if (*s == '\n')
			sb_adds(sb, "%0A");
		else if (property && *s == ':')
			sb_adds(sb, "%3A");
		else if (property && *s == ',')
			sb_adds(sb, "%2C");
		else
			sb_addc(sb, *s);
	}
}

/* One diagnostic as stderr shows it, in the chosen format. */
static void
diag_format_line(struct strbuf *out, const char *where, const char *file,
    int line, int col, const char *word, const char *colour, const char *msg)
{
	const char *hint;

	switch (format) {
	case DIAG_FORMAT_JSON:
		/* Messages read "what is wrong; what to do": split there. */
		hint = strstr(msg, "; ");
		sb_adds(out, "{\"file\":");
		if (file != NULL)
			json_str(out, file, strlen(file), JSON_DOC);
		else
			sb_adds(out, "null");
		if (line > 0)
			sb_addf(out, ",\"line\":%d", line);
		else
			sb_adds(out, ",\"line\":null");
		if (line > 0 && col > 0)
			sb_addf(out, ",\"column\":%d", col);
		else
			sb_adds(out, ",\"column\":null");
		sb_addf(out, ",\"severity\":\"%s\",\"message\":", word);
		json_str(out, msg, hint ? (size_t)(hint - msg) : strlen(msg),
		    JSON_DOC);
		sb_adds(out, ",\"hint\":");
		if (hint != NULL)
			json_str(out, hint + 2, strlen(hint + 2), JSON_DOC);
		else
			sb_adds(out, "null");
		sb_adds(out, "}\n");
		break;
	case DIAG_FORMAT_GITHUB:
		sb_addf(out, "::%s", strcmp(word, "note") == 0 ? "notice" :
		    word);
		if (file != NULL) {
			sb_adds(out, " file=");
			github_str(out, file, 1);
			if (line > 0)
				sb_addf(out, ",line=%d", line);
			if (line > 0 && col > 0)
				sb_addf(out, ",col=%d", col);
		}
		sb_adds(out, "::");
		github_str(out, msg, 0);
		sb_addc(out, '\n');
		break;
	default:
		if (colour != NULL)
			sb_addf(out, "%s: %s%s:\033[0m %s\n", where, colour,
			    word, msg);
		else
			sb_addf(out, "%s: %s: %s\n", where, word, msg);
		break;
	}
}

void
diag(enum diag_level lvl, const char *file, int line, int col,
    const char *fmt, ...)
{
	struct strbuf where = STRBUF_INIT, msg = STRBUF_INIT;
	struct strbuf shown = STRBUF_INIT;
	const char *word, *colour;
	va_list ap;

	if (recording != NULL) {
		struct diag_rec *r;

		recording->v = xreallocarray(recording->v, recording->n + 1,
		    sizeof(*recording->v));
		r = &recording->v[recording->n++];
		r->level = lvl;
		r->line = line;
		r->col = col;
		va_start(ap, fmt);
		sb_vaddf(&msg, fmt, ap);
		va_end(ap);
		r->msg = sb_detach(&msg);
		return;
	}
	if (lvl == DIAG_WARNING && strict)
		lvl = DIAG_ERROR;
	switch (lvl) {
	case DIAG_ERROR:
		word = "error";
		colour = "\033[1;31m";
		atomic_fetch_add(&n_errors, 1);
		break;
	case DIAG_WARNING:
		word = "warning";
		colour = "\033[1;35m";
		atomic_fetch_add(&n_warnings, 1);
		break;
	default:
		word = "note";
		colour = "\033[1;36m";
		break;
	}
	sb_adds(&where, file ? file : "arshif");
	if (line > 0)
		sb_addf(&where, ":%d", line);
	if (line > 0 && col > 0)
		sb_addf(&where, ":%d", col);
	va_start(ap, fmt);
	sb_vaddf(&msg, fmt, ap);
	va_end(ap);
	/*
	 * Messages quote user text: a control character (an ESC from a
	 * hostile slug) must not reach the terminal as itself.
	 */
	if (msg.s != NULL) {
		struct strbuf safe = STRBUF_INIT;
		const unsigned char *q;

		for (q = (const unsigned char *)msg.s; *q; q++)
			if (*q < 0x20 || *q == 0x7f)
				sb_addf(&safe, "\\x%02x", *q);
			else
				sb_addc(&safe, (char)*q);
		sb_free(&msg);
		msg = safe;
	}
	diag_format_line(&shown, where.s, file, line, col, word,
	    use_colour() ? colour : NULL, sb_str(&msg));
	if (held != NULL) {
		sb_add(&held->tty, shown.s, shown.len);
		sb_addf(&held->plain, "%s: %s: %s\n", where.s, word,
		    sb_str(&msg));
		sb_free(&where);
		sb_free(&msg);
		sb_free(&shown);
		return;
	}
	/*
	 * One write per line keeps lines whole when threads report at
	 * once, and erases the progress line first when it shows.
	 */
	progress_print(shown.s);
	pthread_mutex_lock(&capture_lock);
	if (captured != NULL)
		sb_addf(captured, "%s: %s: %s\n", where.s, word, sb_str(&msg));
	pthread_mutex_unlock(&capture_lock);
	sb_free(&where);
	sb_free(&msg);
	sb_free(&shown);
}

char *
file_read(const char *path, size_t max, size_t *lenp)
{
	struct stat st;
	char *buf;
	size_t len = 0, cap;
	ssize_t n;
	int fd, saved;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return NULL;
	if (fstat(fd, &st) == -1) {
		saved = errno;
		close(fd);
		errno = saved;
		return NULL;
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		errno = EISDIR;
		return NULL;
	}
	if (st.st_size > 0 && (uintmax_t)st.st_size > max) {
		close(fd);
		errno = EFBIG;
		return NULL;
	}
	cap = st.st_size > 0 ? (size_t)st.st_size + 1 : 4096;
	buf = xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (cap > max + 1) {
				free(buf);
				close(fd);
				errno = EFBIG;
				return NULL;
			}
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		n = read(fd, buf + len, cap - len - 1);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			saved = errno;
			free(buf);
			close(fd);
			errno = saved;
			return NULL;
		}
		if (n == 0)
			break;
		len += (size_t)n;
		if (len > max) {
			free(buf);
			close(fd);
			errno = EFBIG;
			return NULL;
		}
	}
	close(fd);
	buf[len] = '\0';
	if (lenp)
		*lenp = len;
	return buf;
}

char *
path_join(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), sep;
	char *p;

	if (la == 0)
		return xstrdup(b);
	/* Copied, not formatted: the walk of content/ joins once per file. */
	sep = a[la - 1] != '/';
	p = xmalloc(la + sep + lb + 1);
	memcpy(p, a, la);
	p[la] = '/';
	memcpy(p + la + sep, b, lb + 1);
	return p;
}

int
mkdir_p(const char *path)
{
	char *parent, *slash;
	int rc;

	/* From the leaf up: a folder whose parent exists costs one call. */
	if (mkdir(path, 0755) == 0)
		return 0;
	if (errno == EEXIST)
		return is_dir(path) ? 0 : (errno = ENOTDIR, -1);
	if (errno != ENOENT)
		return -1;
	parent = xstrdup(path);
	slash = strrchr(parent, '/');
	while (slash != NULL && slash > parent && slash[1] == '\0') {
		*slash = '\0';	/* trailing slashes */
		slash = strrchr(parent, '/');
	}
	if (slash == NULL || slash == parent) {
		free(parent);
		errno = ENOENT;
		return -1;
	}
	*slash = '\0';
	rc = mkdir_p(parent);
	free(parent);
	if (rc == -1)
		return -1;
	if (mkdir(path, 0755) == -1 && errno != EEXIST)
		return -1;
	return 0;
}

static int
rm_rf_at(int at, const char *name)
{
	struct stat st;
	DIR *d;
	struct dirent *de;
	int fd, rc = 0;

	if (fstatat(at, name, &st, AT_SYMLINK_NOFOLLOW) == -1)
		return errno == ENOENT ? 0 : -1;
	if (!S_ISDIR(st.st_mode))
		return unlinkat(at, name, 0);
	fd = openat(at, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (fd == -1)
		return -1;
	if ((d = fdopendir(fd)) == NULL) {
		close(fd);
		return -1;
	}
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 ||
		    strcmp(de->d_name, "..") == 0)
			continue;
		if (rm_rf_at(dirfd(d), de->d_name) == -1)
			rc = -1;
	}
	closedir(d);
	if (unlinkat(at, name, AT_REMOVEDIR) == -1)
		rc = -1;
	return rc;
}

int
rm_rf(const char *path)
{
	return rm_rf_at(AT_FDCWD, path);
}

int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
ascii_lower(const char *s)
{
	char *p = xstrdup(s), *q;

	for (q = p; *q; q++)
		*q = (char)tolower((unsigned char)*q);
	return p;
}

int
has_suffix(const char *s, const char *suf)
{
	size_t ls = strlen(s), lf = strlen(suf);

	return ls >= lf && memcmp(s + ls - lf, suf, lf) == 0;
}

uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;	/* FNV-1a */

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

struct hmap {
	char	**keys;		/* insertion order; owned */
	void	**vals;
	size_t	  n, cap;
	size_t	 *slots;	/* index + 1 into keys; 0 = empty */
	size_t	  nslots;	/* power of two */
};

struct hmap *
hmap_new(void)
{
	struct hmap *m = xcalloc(1, sizeof(*m));

	m->nslots = 64;
	m->slots = xcalloc(m->nslots, sizeof(*m->slots));
	return m;
}

void
hmap_free(struct hmap *m)
{
	size_t i;

	if (m == NULL)
		return;
	for (i = 0; i < m->n; i++)
		free(m->keys[i]);
	free(m->keys);
	free(m->vals);
	free(m->slots);
	free(m);
}

static size_t *
hmap_slot(const struct hmap *m, const char *key)
{
	size_t i = (size_t)hash_str(key) & (m->nslots - 1);

	while (m->slots[i] != 0 && strcmp(m->keys[m->slots[i] - 1], key) != 0)
		i = (i + 1) & (m->nslots - 1);
	return &m->slots[i];
}

void *
hmap_get(const struct hmap *m, const char *key)
{
	size_t *s = hmap_slot(m, key);

	return *s ? m->vals[*s - 1] : NULL;
}

void *
hmap_put(struct hmap *m, const char *key, void *val)
{
	size_t *s = hmap_slot(m, key), i;

	if (*s)
		return m->vals[*s - 1];
	if (m->n == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 16;
		m->keys = xreallocarray(m->keys, m->cap, sizeof(*m->keys));
		m->vals = xreallocarray(m->vals, m->cap, sizeof(*m->vals));
	}
	m->keys[m->n] = xstrdup(key);
	m->vals[m->n] = val;
	*s = ++m->n;
	if (m->n * 2 > m->nslots) {
		free(m->slots);
		m->nslots *= 2;
		m->slots = xcalloc(m->nslots, sizeof(*m->slots));
		for (i = 0; i < m->n; i++)
			*hmap_slot(m, m->keys[i]) = i + 1;
	}
	return NULL;
}

size_t
hmap_count(const struct hmap *m)
{
	return m->n;
}

void *
hmap_value_at(const struct hmap *m, size_t i)
{
	return m->vals[i];
}

const char *
hmap_key_at(const struct hmap *m, size_t i)
{
	return m->keys[i];
}
