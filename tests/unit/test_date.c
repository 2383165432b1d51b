/*
 * test_date.c: date.h, the dates of front matter.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>

#include <cmocka.h>

#include "base/date.h"

/* Parses s, which must be accepted. */
static struct date
ok(const char *s)
{
	struct date d;
	const char *why = NULL;
	int at = -1;

	if (date_parse(s, &d, &why, &at) != 0)
		fail_msg("'%s' refused at %d: %s", s, at, why);
	return d;
}

/* Parses s, which must be refused; returns the offset of the error. */
static int
bad(const char *s)
{
	struct date d;
	const char *why = NULL;
	int at = -1;

	if (date_parse(s, &d, &why, &at) != -1)
		fail_msg("'%s' was accepted", s);
	assert_non_null(why);
	assert_true(strlen(why) > 0);
	assert_in_range(at, 0, strlen(s));
	return at;
}

static void
test_plain_date(void **state)
{
	struct date d = ok("2020-11-03");

	assert_int_equal(d.y, 2020);
	assert_int_equal(d.m, 11);
	assert_int_equal(d.d, 3);
	assert_int_equal(d.has_time, 0);
	assert_int_equal(d.has_offset, 0);
	assert_int_equal(d.hh + d.mi + d.ss + d.offset_min, 0);
}

static void
test_leap_years(void **state)
{
	struct date d = ok("2020-02-29");

	assert_int_equal(d.d, 29);
	d = ok("2000-02-29");		/* divisible by 400: leap */
	assert_int_equal(d.m, 2);
	ok("2024-02-29");
	ok("2021-02-28");
	assert_int_equal(bad("2021-02-29"), 8);	/* the day is wrong */
	assert_int_equal(bad("2021-02-30"), 8);
	assert_int_equal(bad("2020-02-30"), 8);
	assert_int_equal(bad("2100-02-29"), 8);	/* divisible by 100 only */
	assert_int_equal(bad("1900-02-29"), 8);
}

static void
test_days_in_month(void **state)
{
	assert_int_equal(date_days_in_month(2020, 2), 29);
	assert_int_equal(date_days_in_month(2021, 2), 28);
	assert_int_equal(date_days_in_month(2100, 2), 28);
	assert_int_equal(date_days_in_month(2000, 2), 29);
	assert_int_equal(date_days_in_month(2021, 4), 30);
	assert_int_equal(date_days_in_month(2021, 12), 31);
	assert_int_equal(date_days_in_month(2021, 13), 0);
	assert_int_equal(date_days_in_month(2021, 0), 0);
}

static void
test_month_and_day_range(void **state)
{
	assert_int_equal(bad("2020-13-01"), 5);
	assert_int_equal(bad("2020-00-10"), 5);
	assert_int_equal(bad("2020-11-00"), 8);
	assert_int_equal(bad("2020-11-31"), 8);
	assert_int_equal(bad("2020-12-32"), 8);
	ok("2020-12-31");
	ok("0001-01-01");
	assert_int_equal(bad("0000-01-01"), 0);
}

static void
test_no_year(void **state)
{
	/* Only two digits before the '-': the year is where it went wrong. */
	assert_in_range(bad("11-03"), 0, 2);
	assert_int_equal(bad(""), 0);
	assert_int_equal(bad("Nov 3, 2020"), 0);
	assert_in_range(bad("20-11-03"), 0, 2);
}

static void
test_non_digits_in_fields(void **state)
{
	/* At the field (month at 5, day at 8) or at its bad character. */
	assert_in_range(bad("2020-1a-03"), 5, 6);
	assert_in_range(bad("2020-11-0x"), 8, 9);
	assert_in_range(bad("2020-1-03"), 5, 6);	/* one-digit month */
	assert_in_range(bad("2020-11-3"), 8, 9);	/* one-digit day */
	assert_in_range(bad("202O-11-03"), 0, 3);	/* letter O for zero */
}

/*
 * A missing '-' is at the separator itself: "2020/11/03" goes wrong at
 * the '/' (offset 4), and "2020" ends at offset 4.  The offset must
 * never point past the end of the string.
 */
static void
test_separator_offset(void **state)
{
	assert_int_equal(bad("2020/11/03"), 4);
	assert_int_equal(bad("20201103"), 4);
	assert_int_equal(bad("2020-11/03"), 7);
	assert_int_equal(bad("2020"), 4);
	assert_int_equal(bad("2020-11"), 7);
}

static void
test_time_separator_offset(void **state)
{
	/* "09-30": the time (at 11) or its '-' (at 13) is what is wrong. */
	assert_in_range(bad("2020-11-03T09-30"), 11, 13);
	assert_in_range(bad("2020-11-03T09"), 11, 13);
}

static void
test_datetime_with_offset(void **state)
{
	struct date d = ok("2020-11-03T09:30:15+03:00");

	assert_int_equal(d.has_time, 1);
	assert_int_equal(d.has_offset, 1);
	assert_int_equal(d.hh, 9);
	assert_int_equal(d.mi, 30);
	assert_int_equal(d.ss, 15);
	assert_int_equal(d.offset_min, 180);
	d = ok("2020-11-03T09:30:00-05:30");
	assert_int_equal(d.offset_min, -330);
	d = ok("2020-11-03T09:30:00+0330");	/* basic form */
	assert_int_equal(d.offset_min, 210);
	d = ok("2020-11-03T09:30:00+14:00");
	assert_int_equal(d.offset_min, 840);
}

static void
test_datetime_z(void **state)
{
	struct date d = ok("2020-11-03T09:30:00Z");

	assert_int_equal(d.has_offset, 1);
	assert_int_equal(d.offset_min, 0);
	d = ok("2020-11-03t09:30:00z");
	assert_int_equal(d.has_offset, 1);
	assert_int_equal(d.hh, 9);
}

static void
test_datetime_without_offset(void **state)
{
	struct date d = ok("2020-11-03T09:30:00");

	assert_int_equal(d.has_time, 1);
	assert_int_equal(d.has_offset, 0);
	assert_int_equal(d.offset_min, 0);
	d = ok("2020-11-03T09:30");		/* no seconds */
	assert_int_equal(d.mi, 30);
	assert_int_equal(d.ss, 0);
	d = ok("2020-11-03 23:59:59");		/* space as in YAML timestamps */
	assert_int_equal(d.hh, 23);
	assert_int_equal(d.ss, 59);
}

static void
test_fractions(void **state)
{
	struct date d = ok("2020-11-03T09:30:15.123456Z");

	assert_int_equal(d.ss, 15);
	assert_int_equal(d.has_offset, 1);
	d = ok("2020-11-03T09:30:15,5+01:00");
	assert_int_equal(d.offset_min, 60);
	/* At the time (11), its seconds (17) or the missing digits (20). */
	assert_in_range(bad("2020-11-03T09:30:15.Z"), 11, 20);
	assert_in_range(bad("2020-11-03T09:30:15."), 11, 20);
}

static void
test_bad_times(void **state)
{
	assert_int_equal(bad("2020-11-03T24:00:00"), 11);
	assert_int_equal(bad("2020-11-03T23:60:00"), 11);
	assert_int_equal(bad("2020-11-03T23:59:60"), 11);
	bad("2020-11-03T");
	bad("2020-11-03T9:30");
	bad("2020-11-03T09:30:1");
}

static void
test_trailing_junk(void **state)
{
	assert_int_equal(bad("2020-11-03x"), 10);
	assert_int_equal(bad("2020-11-03 "), 11);
	assert_int_equal(bad("2020-11-03T09:30:00Z junk"), 20);
	assert_int_equal(bad("2020-11-03T09:30:00+03:00x"), 25);
	assert_int_equal(bad("2020-11-03T09:30:00 +03:00"), 19);
}

static void
test_bad_offsets(void **state)
{
	bad("2020-11-03T09:30:00+3:00");
	bad("2020-11-03T09:30:00+03:");
	bad("2020-11-03T09:30:00+");
	bad("2020-11-03T09:30:00+03:0");
	bad("2020-11-03T09:30:00+15:00");
	bad("2020-11-03T09:30:00-03:60");
	bad("2020-11-03T09:30:00+03:00:00");
}

/*
 * An offset out of range goes wrong at the offset (its sign at 19, or
 * its hours at 20), not past the end of the string.
 */
static void
test_bad_offset_position(void **state)
{
	assert_in_range(bad("2020-11-03T09:30:00+15:00"), 19, 21);
	assert_in_range(bad("2020-11-03T09:30:00-03:60"), 19, 23);
}

static void
test_iso_output(void **state)
{
	char buf[32];
	struct date d = ok("2020-11-03");

	date_iso(&d, buf);
	assert_string_equal(buf, "2020-11-03");
	d = ok("2020-11-03T09:30:00+03:00");
	date_iso(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:00+03:00");
	d = ok("2020-11-03T09:30:00-05:30");
	date_iso(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:00-05:30");
	d = ok("2020-11-03T09:30:00Z");
	date_iso(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:00Z");
	d = ok("2020-11-03T09:30");		/* no offset: none added */
	date_iso(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:00");
	d = ok("0001-01-01");
	date_iso(&d, buf);
	assert_string_equal(buf, "0001-01-01");
}

static void
test_rfc3339_output(void **state)
{
	char buf[32];
	struct date d = ok("2020-11-03");

	date_rfc3339(&d, buf);
	assert_string_equal(buf, "2020-11-03T00:00:00Z");
	d = ok("2020-11-03T09:30");
	date_rfc3339(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:00Z");
	d = ok("2020-11-03T09:30:07+03:00");
	date_rfc3339(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:07+03:00");
	d = ok("2020-11-03T09:30:07-00:45");
	date_rfc3339(&d, buf);
	assert_string_equal(buf, "2020-11-03T09:30:07-00:45");
}

static void
test_epoch(void **state)
{
	struct date d = ok("1970-01-01");

	assert_true(date_epoch(&d) == 0);
	d = ok("2000-01-01T00:00:00Z");
	assert_true(date_epoch(&d) == 946684800LL);
	d = ok("2020-11-03T09:30:00Z");
	assert_true(date_epoch(&d) == 1604395800LL);
	d = ok("1969-12-31T23:59:59");
	assert_true(date_epoch(&d) == -1);
	d = ok("2020-02-29");
	assert_true(date_epoch(&d) == 1582934400LL);
}

static void
test_epoch_across_offsets(void **state)
{
	struct date a = ok("2020-11-03T09:30:00+03:00");
	struct date b = ok("2020-11-03T06:30:00Z");
	struct date c = ok("2020-11-02T22:30:00-08:00");
	struct date n = ok("2020-11-03T06:30:00");	/* no offset: UTC */
	struct date e = ok("2020-11-03T12:00:00+05:30");

	assert_true(date_epoch(&a) == date_epoch(&b));
	assert_true(date_epoch(&c) == date_epoch(&b));
	assert_true(date_epoch(&n) == date_epoch(&b));
	assert_true(date_epoch(&e) == date_epoch(&b));
	assert_int_equal(date_cmp_desc(&a, &c), 0);
}

static void
test_cmp_desc(void **state)
{
	struct date old = ok("2019-12-31");
	struct date mid = ok("2020-11-03");
	struct date late = ok("2020-11-03T10:00:00Z");
	/* Earlier instant although the local time reads later. */
	struct date east = ok("2020-11-03T12:00:00+03:00");

	assert_true(date_cmp_desc(&mid, &old) < 0);	/* newer first */
	assert_true(date_cmp_desc(&old, &mid) > 0);
	assert_int_equal(date_cmp_desc(&mid, &mid), 0);
	assert_true(date_cmp_desc(&late, &mid) < 0);
	assert_true(date_cmp_desc(&late, &east) < 0);
	assert_true(date_cmp_desc(&east, &late) > 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_date),
		cmocka_unit_test(test_leap_years),
		cmocka_unit_test(test_days_in_month),
		cmocka_unit_test(test_month_and_day_range),
		cmocka_unit_test(test_no_year),
		cmocka_unit_test(test_non_digits_in_fields),
		cmocka_unit_test(test_separator_offset),
		cmocka_unit_test(test_time_separator_offset),
		cmocka_unit_test(test_datetime_with_offset),
		cmocka_unit_test(test_datetime_z),
		cmocka_unit_test(test_datetime_without_offset),
		cmocka_unit_test(test_fractions),
		cmocka_unit_test(test_bad_times),
		cmocka_unit_test(test_trailing_junk),
		cmocka_unit_test(test_bad_offsets),
		cmocka_unit_test(test_bad_offset_position),
		cmocka_unit_test(test_iso_output),
		cmocka_unit_test(test_rfc3339_output),
		cmocka_unit_test(test_epoch),
		cmocka_unit_test(test_epoch_across_offsets),
		cmocka_unit_test(test_cmp_desc),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
