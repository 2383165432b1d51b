/*
 * date.h: the dates of front matter: "YYYY-MM-DD" or an ISO 8601
 * date-time with or without an offset.  A leaf: libc only.
 */
#ifndef DATE_H
#define DATE_H

struct date {
	int	y, m, d;
	int	hh, mi, ss;
	int	has_time;	/* the source had a time of day */
	int	has_offset;	/* ... and an offset (or Z) */
	int	offset_min;	/* minutes east of UTC */
};

/*
 * Parses s into *out.  Returns 0, or -1 with *why set to a static
 * sentence and *at to the offset in s where it went wrong.
 */
int	 date_parse(const char *s, struct date *out, const char **why,
	    int *at);
int	 date_days_in_month(int y, int m);
/* Writes the date as written ("2020-11-03", "2020-11-03T09:30:00+03:00") for <time datetime>. */
void	 date_iso(const struct date *, char buf[32]);
/* RFC 3339 as Atom wants it: always with a time and an offset (Z if none). */
void	 date_rfc3339(const struct date *, char buf[32]);
/* Seconds since the epoch, for ordering (a missing offset counts as UTC). */
long long date_epoch(const struct date *);
/*
 * The build's "now", in seconds since the epoch: SOURCE_DATE_EPOCH
 * when set (reproducible builds), else the clock.  Returns 0, or -1
 * when SOURCE_DATE_EPOCH is not a whole number of seconds.
 */
int	 date_now(long long *out);
/* Orders newest first. */
int	 date_cmp_desc(const struct date *, const struct date *);

#endif /* DATE_H */
