/*
 * date.c: see date.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/date.h"

int
date_days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (m < 1 || m > 12)
		return 0;
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return dm[m - 1];
}

/* Reads exactly n digits at *p; returns the value or -1. */
static int
digits(const char **p, int n)
{
	int v = 0;

	while (n--) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (**p - '0');
		(*p)++;
	}
	return v;
}

int
date_parse(const char *s, struct date *o, const char **why, int *at)
{
	const char *p = s, *field = s;

	memset(o, 0, sizeof(*o));
	/* Errors point at the start of the field they are about. */
#define FAIL(msg) do { *why = (msg); *at = (int)(field - s); return -1; } \
	while (0)
	if ((o->y = digits(&p, 4)) < 0)
		FAIL("a date starts with a four-digit year: write YYYY-MM-DD");
	if (*p++ != '-' && (field = p - 1))
		FAIL("expected '-' after the year: write YYYY-MM-DD");
	field = p;
	if ((o->m = digits(&p, 2)) < 0)
		FAIL("expected a two-digit month: write YYYY-MM-DD");
	if (*p++ != '-' && (field = p - 1))
		FAIL("expected '-' after the month: write YYYY-MM-DD");
	field = p;
	if ((o->d = digits(&p, 2)) < 0)
		FAIL("expected a two-digit day: write YYYY-MM-DD");
	if (o->y < 1) {
		field = s;
		FAIL("year 0000 does not exist");
	}
	if (o->m < 1 || o->m > 12) {
		field = s + 5;
		FAIL("there is no such month: months run from 01 to 12");
	}
	if (o->d < 1 || o->d > date_days_in_month(o->y, o->m)) {
		field = s + 8;
		FAIL("there is no such day in that month");
	}
	if (*p == '\0')
		return 0;
	if (*p != 'T' && *p != 't' && *p != ' ' && (field = p))
		FAIL("unexpected text after the date: write YYYY-MM-DD or "
		    "YYYY-MM-DDTHH:MM:SS+HH:MM");
	p++;
	field = p;
	o->has_time = 1;
	if ((o->hh = digits(&p, 2)) < 0 || *p++ != ':' ||
	    (o->mi = digits(&p, 2)) < 0)
		FAIL("expected a time HH:MM after the date");
	if (*p == ':') {
		p++;
		if ((o->ss = digits(&p, 2)) < 0)
			FAIL("expected two-digit seconds");
		if (*p == '.' || *p == ',') {	/* fractions: kept out */
			p++;
			if (*p < '0' || *p > '9')
				FAIL("expected digits after the decimal point");
			while (*p >= '0' && *p <= '9')
				p++;
		}
	}
	if (o->hh > 23 || o->mi > 59 || o->ss > 59) {
		field = s + 11;
		FAIL("there is no such time of day");
	}
	field = p;
	if (*p == 'Z' || *p == 'z') {
		o->has_offset = 1;
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p == '-' ? -1 : 1, oh, om;

		p++;
		if ((oh = digits(&p, 2)) < 0)
			FAIL("expected an offset +HH:MM");
		if (*p == ':')
			p++;
		if ((om = digits(&p, 2)) < 0)
			FAIL("expected an offset +HH:MM");
		if (oh > 14 || om > 59)
			FAIL("there is no such offset from UTC");
		o->has_offset = 1;
		o->offset_min = sign * (oh * 60 + om);
	}
	if (*p != '\0' && (field = p))
		FAIL("unexpected text after the time");
#undef FAIL
	return 0;
}

static void
put_offset(int off, char *buf, size_t cap)
{
	int a = off < 0 ? -off : off;

	if (off == 0)
		snprintf(buf, cap, "Z");
	else
		snprintf(buf, cap, "%c%02d:%02d", off < 0 ? '-' : '+', a / 60,
		    a % 60);
}

void
date_iso(const struct date *d, char buf[32])
{
	int n = snprintf(buf, 32, "%04d-%02d-%02d", d->y, d->m, d->d);

	if (!d->has_time)
		return;
	n += snprintf(buf + n, 32 - (size_t)n, "T%02d:%02d:%02d", d->hh, d->mi,
	    d->ss);
	if (d->has_offset)
		put_offset(d->offset_min, buf + n, 32 - (size_t)n);
}

void
date_rfc3339(const struct date *d, char buf[32])
{
	int n = snprintf(buf, 32, "%04d-%02d-%02dT%02d:%02d:%02d", d->y, d->m,
	    d->d, d->hh, d->mi, d->ss);

	put_offset(d->has_offset ? d->offset_min : 0, buf + n, 32 - (size_t)n);
}

long long
date_epoch(const struct date *d)
{
	/* Days from civil (H. Hinnant), proleptic Gregorian. */
	int y = d->y - (d->m <= 2);
	long long era = (y >= 0 ? y : y - 399) / 400;
	long long yoe = y - era * 400;
	long long doy = (153 * (d->m + (d->m > 2 ? -3 : 9)) + 2) / 5 + d->d - 1;
	long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	long long days = era * 146097 + doe - 719468;

	return days * 86400 + d->hh * 3600 + d->mi * 60 + d->ss -
	    (long long)d->offset_min * 60;
}

int
date_cmp_desc(const struct date *a, const struct date *b)
{
	long long x = date_epoch(a), y = date_epoch(b);

	return x < y ? 1 : x > y ? -1 : 0;
}

int
date_now(long long *out)
{
	const char *e = getenv("SOURCE_DATE_EPOCH");
	char *end;
	long long v;

	if (e == NULL || *e == '\0') {
		*out = (long long)time(NULL);
		return 0;
	}
	errno = 0;
	v = strtoll(e, &end, 10);
	if (*end != '\0' || errno != 0 || v < 0)
		return -1;
	*out = v;
	return 0;
}
