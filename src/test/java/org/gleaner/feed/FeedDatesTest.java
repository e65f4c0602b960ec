package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FeedDatesTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            textBlock =
                    """
            # RFC 822 / 1123 / 2822
            Tue, 10 Jun 2003 04:00:00 GMT             | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 +0000           | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 -0800           | 2003-06-10T12:00:00Z
            Tue, 10 Jun 2003 04:00:00 +05:30          | 2003-06-09T22:30:00Z
            Tue, 10 Jun 2003 04:00:00 -0800 (PST)     | 2003-06-10T12:00:00Z
            Tue, 10 Jun 2003 04:00:00 +0100 CET       | 2003-06-10T03:00:00Z
            2006-01-02T15:04:05+01:00 (CET)           | 2006-01-02T14:04:05Z
            Tue, 10 Jun 2003 04:00:00 UT              | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 UTC             | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 Z               | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00 EST             | 2003-06-10T09:00:00Z
            Tue, 10 Jun 2003 04:00:00 EDT             | 2003-06-10T08:00:00Z
            Tue, 10 Jun 2003 04:00:00 CST             | 2003-06-10T10:00:00Z
            Tue, 10 Jun 2003 04:00:00 MDT             | 2003-06-10T10:00:00Z
            Tue, 10 Jun 2003 04:00:00 PDT             | 2003-06-10T11:00:00Z
            Tue, 10 Jun 2003 04:00:00 PST             | 2003-06-10T12:00:00Z
            Tue, 10 Jun 2003 04:00:00 CEST            | 2003-06-10T02:00:00Z
            Tue, 10 Jun 2003 04:00:00 GMT+2           | 2003-06-10T02:00:00Z
            # military zones as RFC 822 printed them: A is -1, N is +1, M is -12, Y is +12
            Tue, 10 Jun 2003 04:00:00 A               | 2003-06-10T05:00:00Z
            Tue, 10 Jun 2003 04:00:00 N               | 2003-06-10T03:00:00Z
            Tue, 10 Jun 2003 04:00:00 M               | 2003-06-10T16:00:00Z
            Tue, 10 Jun 2003 04:00:00 Y               | 2003-06-09T16:00:00Z
            Tue, 10 Jun 2003 04:00:00 K               | 2003-06-10T14:00:00Z
            # missing seconds, missing day name, missing zone, lower case, long names, odd spacing
            Tue, 10 Jun 2003 04:00 GMT                | 2003-06-10T04:00:00Z
            10 Jun 2003 04:00:00 GMT                  | 2003-06-10T04:00:00Z
            Tue, 10 Jun 2003 04:00:00                 | 2003-06-10T04:00:00Z
            tue, 10 jun 2003 04:00:00 gmt             | 2003-06-10T04:00:00Z
            Tuesday, 10 June 2003 04:00:00 GMT        | 2003-06-10T04:00:00Z
            Tue 10 Jun 2003 04:00:00 GMT              | 2003-06-10T04:00:00Z
            Tue,  1 Jun 2003   04:00:00   GMT         | 2003-06-01T04:00:00Z
            Thurs, 5 Sept 2002 12:00:00 GMT           | 2002-09-05T12:00:00Z
            Wed, 02 Oct 2002 08:00:00 EST             | 2002-10-02T13:00:00Z
            Sat, 07 Sep 2002                          | 2002-09-07T00:00:00Z
            06-Nov-94 08:49:37 GMT                    | 1994-11-06T08:49:37Z
            Mon, 1 Jan 2024 1:05:09 pm EST            | 2024-01-01T18:05:09Z
            Tue, 10 Jun 2003 04:00:00.250 GMT         | 2003-06-10T04:00:00.250Z
            # two-digit years: below 50 are 20xx, others 19xx (RFC 2822 4.3)
            Tue, 10 Jun 03 04:00:00 GMT               | 2003-06-10T04:00:00Z
            Sun, 06 Nov 94 08:49:37 GMT               | 1994-11-06T08:49:37Z
            # the day name is not checked: feeds get it wrong
            Fri, 10 Jun 2003 04:00:00 GMT             | 2003-06-10T04:00:00Z
            # asctime
            Sun Nov  6 08:49:37 1994                  | 1994-11-06T08:49:37Z
            Sun Nov 06 08:49:37 1994 GMT              | 1994-11-06T08:49:37Z
            # ISO 8601 / W3C-DTF / RFC 3339
            2003-12-31T10:14:55Z                      | 2003-12-31T10:14:55Z
            2003-12-31T10:14:55.123Z                  | 2003-12-31T10:14:55.123Z
            2003-12-31T10:14:55.123456789+01:00       | 2003-12-31T09:14:55.123456789Z
            2003-12-31T10:14:55-08:00                 | 2003-12-31T18:14:55Z
            2003-12-31T10:14:55-0800                  | 2003-12-31T18:14:55Z
            2003-12-31T10:14:55+01                    | 2003-12-31T09:14:55Z
            2003-12-31T10:14Z                         | 2003-12-31T10:14:00Z
            2003-12-31T10:14:55                       | 2003-12-31T10:14:55Z
            2003-12-31 10:14:55                       | 2003-12-31T10:14:55Z
            2003-12-31 10:14:55 +0000                 | 2003-12-31T10:14:55Z
            2003-12-31t10:14:55z                      | 2003-12-31T10:14:55Z
            20031231T101455Z                          | 2003-12-31T10:14:55Z
            2003-12-31                                | 2003-12-31T00:00:00Z
            2003-12                                   | 2003-12-01T00:00:00Z
            2003                                      | 2003-01-01T00:00:00Z
            2003-12-31T10:14:55,5Z                    | 2003-12-31T10:14:55.500Z
            # XML Schema dates with a zone
            2011-03-08Z                               | 2011-03-08T00:00:00Z
            2011-03-08+05:00                          | 2011-03-07T19:00:00Z
            # ordinal dates and the ISO 8601:1988 truncated year-month
            2011-032                                  | 2011-02-01T00:00:00Z
            2011032                                   | 2011-02-01T00:00:00Z
            -1105                                     | 2011-05-01T00:00:00Z
            -11-05                                    | 2011-05-01T00:00:00Z
            # a three-digit month with a leading zero (an old Google bug)
            2011-007-04T08:30:00+00:00                | 2011-07-04T08:30:00Z
            # a month as a word inside an ISO date (Hungarian, English)
            2011-március-4T18:05+01:00                | 2011-03-04T17:05:00Z
            2011-Mar-04                               | 2011-03-04T00:00:00Z
            # Greek day and month abbreviations
            Τρι, 8 Φεβ 2011 09:30:00 GMT              | 2011-02-08T09:30:00Z
            Σαβ, 20 Αύγ 2011 23:00:00 +0300           | 2011-08-20T20:00:00Z
            # Korean blog hosts, Korea Standard Time
            2011년 3월 9일 07:45:10                    | 2011-03-08T22:45:10Z
            2011-03-09 오전 12:15:00                   | 2011-03-08T15:15:00Z
            2011-03-09 오후 1:15:00                    | 2011-03-09T04:15:00Z
            # year/month/day with slashes (Perforce) and tz database names for UTC
            Tue, 2011/03/08 10:20:30 PST              | 2011-03-08T18:20:30Z
            Tue, 08 Mar 2011 10:20:30 Etc/UTC         | 2011-03-08T10:20:30Z
            Tue, 08 Mar 2011 10:20:30 Etc/GMT         | 2011-03-08T10:20:30Z
            # ISO 8601:1988 truncated forms: two-digit years, RFC 2822's century window (00-49 20xx, 50-99 19xx)
            031231                                    | 2003-12-31T00:00:00Z
            03-12-31                                  | 2003-12-31T00:00:00Z
            991231                                    | 1999-12-31T00:00:00Z
            03-12-31T10:14:55Z                        | 2003-12-31T10:14:55Z
            031231T101455-0500                        | 2003-12-31T15:14:55Z
            03335                                     | 2003-12-01T00:00:00Z
            98-032                                    | 1998-02-01T00:00:00Z
            """)
    void readsDatesFeedsWrite(String text, String expected) {
        assertThat(FeedDates.parse(text)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(
            strings = {
                "",
                "   ",
                "sometime last week",
                "yesterday",
                "Tue, 10 Jun 2003 04:00:00 IST",
                "Tue, 10 Jun 2003 04:00:00 XYZT",
                "Tue, 31 Feb 2003 04:00:00 GMT",
                "Tue, 10 Foo 2003 04:00:00 GMT",
                "Tue, 10 Jun 2003 25:00:00 GMT",
                "Tue, 10 Jun 2003 04:61:00 GMT",
                "2003-13-01T00:00:00Z",
                "2003-02-30",
                "2003-12-31T10:14:55+25:00",
                "10 Jun 04:00:00 GMT",
                "Jun 2003",
                "1/2/2003",
                "2003-12-31T10:14:55 PST extra",
                // one part too many: a zone needs a time before it
                "2011-03-08-05",
                // ISO 8601:1988's two-digit year comes first: a thirteenth month or a 32nd day is no date
                "31-13-03",
                "131232",
                "11-13-08",
                "11367",
                "2011-366",
                "Tue, 2011/13/08 10:20:30 GMT",
                "2011-Foo-04",
                "2011년 2월 30일 07:45:10"
            })
    void returnsNullInsteadOfGuessing(String text) {
        assertThat(FeedDates.parse(text)).isNull();
    }

    @org.junit.jupiter.api.Test
    void returnsNullForNull() {
        assertThat(FeedDates.parse(null)).isNull();
    }
}
