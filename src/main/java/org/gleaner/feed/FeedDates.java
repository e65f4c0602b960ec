package org.gleaner.feed;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Dates as feeds write them: RFC 822/1123/2822 (any day and month spelling, 2- or 4-digit years, missing
 * seconds, named, military and numeric zones), asctime, ISO 8601 / W3C-DTF / RFC 3339 (fractions, compact
 * form, date only, ordinal dates), Greek and Hungarian month names, the Korean blog-host forms (in Korea
 * Standard Time) and year-first "2006/09/15". ISO 8601:1988's truncated forms with a two-digit year
 * ("03-12-31", "031231", "03335") are read too: that standard defines them (and no six-digit YYYYMM form),
 * and RFC 2822's window gives the century. A date that cannot be read exactly is null: this class never
 * guesses a day or a zone it was not given. A date with no zone at all is taken as UTC, the convention every
 * feed reader follows.
 */
public final class FeedDates {
    /**
     * Zone names with one meaning in feeds. RFC 822's own (UT, GMT, the US zones, military letters with the
     * signs RFC 822 printed) plus the European and a few other unambiguous abbreviations. IST, BST and other
     * names with several meanings are absent on purpose: such dates are null.
     */
    private static final Map<String, Integer> ZONE_MINUTES = Map.ofEntries(
            Map.entry("UT", 0),
            Map.entry("UTC", 0),
            Map.entry("GMT", 0),
            Map.entry("Z", 0),
            Map.entry("AST", -4 * 60),
            Map.entry("ADT", -3 * 60),
            Map.entry("AT", -4 * 60),
            Map.entry("EST", -5 * 60),
            Map.entry("EDT", -4 * 60),
            Map.entry("ET", -5 * 60),
            Map.entry("CST", -6 * 60),
            Map.entry("CDT", -5 * 60),
            Map.entry("CT", -6 * 60),
            Map.entry("MST", -7 * 60),
            Map.entry("MDT", -6 * 60),
            Map.entry("MT", -7 * 60),
            Map.entry("PST", -8 * 60),
            Map.entry("PDT", -7 * 60),
            Map.entry("PT", -8 * 60),
            Map.entry("AKST", -9 * 60),
            Map.entry("AKDT", -8 * 60),
            Map.entry("HST", -10 * 60),
            Map.entry("WET", 0),
            Map.entry("WEST", 60),
            Map.entry("CET", 60),
            Map.entry("CEST", 2 * 60),
            Map.entry("MET", 60),
            Map.entry("MEST", 2 * 60),
            Map.entry("EET", 2 * 60),
            Map.entry("EEST", 3 * 60),
            Map.entry("MSK", 3 * 60),
            Map.entry("JST", 9 * 60),
            Map.entry("KST", 9 * 60),
            Map.entry("HKT", 8 * 60),
            Map.entry("NZST", 12 * 60),
            Map.entry("NZDT", 13 * 60),
            Map.entry("AEST", 10 * 60),
            Map.entry("AEDT", 11 * 60));

    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };

    /**
     * After a time any zone form is read; after a bare date only XML Schema's "Z" and "±hh:mm" ("2013-01-27Z"),
     * so "2013-01-27-01" has one part too many and is not a date.
     */
    private static final Pattern ISO = Pattern.compile("(\\d{4})(?:-?(\\d{2})(?:-?(\\d{2}))?)?"
            + "(?:[Tt ]\\s*(\\d{1,2})(?::?(\\d{2})(?::?(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?)?"
            + "\\s*(Z|z|[+-]\\d{2}(?::?\\d{2})?|UTC|GMT|UT)?|(Z|z|[+-]\\d{2}:\\d{2}))?");

    /**
     * ISO 8601:1988 truncated calendar dates, YYMMDD and YY-MM-DD (the century left out), with an optional time.
     * The standard has no six-digit YYYYMM form, so six digits are read this one way.
     */
    private static final Pattern TRUNCATED_YEAR_DATE = Pattern.compile("(\\d{2})(-?)(\\d{2})\\2(\\d{2})(?=$|[Tt ])");

    /** ISO 8601:1988 truncated ordinal dates, YYDDD and YY-DDD. */
    private static final Pattern TRUNCATED_YEAR_ORDINAL = Pattern.compile("(\\d{2})-?(\\d{3})");

    /** ISO 8601 ordinal dates, "2003-335" and "2003335": a four-digit year and the day of the year. */
    private static final Pattern ISO_ORDINAL = Pattern.compile("(\\d{4})-?(\\d{3})");

    /** ISO 8601:1988 truncated year and month, "-0312" and "-03-12" (the leading hyphen stands for the century). */
    private static final Pattern ISO_TRUNCATED_MONTH = Pattern.compile("-(\\d{2})-?(\\d{2})");

    /** Google once wrote months with three digits ("2003-012-31"); only a leading zero is dropped. */
    private static final Pattern THREE_DIGIT_MONTH = Pattern.compile("^(\\d{4}-)0(\\d{2}-\\d{2})");

    /** A month written as a word inside an ISO date, as Hungarian feeds do: "2004-július-13T9:15-05:00". */
    private static final Pattern ISO_MONTH_NAME = Pattern.compile("^(\\d{4})-(\\p{L}+)-(\\d{1,2})(?=$|[Tt ])");

    /**
     * Korean blog hosts: "2004년 05월 28일 01:31:15" and "2004-05-25 오후 11:23:17" (오전 = AM, 오후 = PM), in Korea
     * Standard Time, the only zone Korea has.
     */
    private static final Pattern KOREAN = Pattern.compile("(\\d{4})(?:\\s*년\\s*|-)(\\d{1,2})(?:\\s*월\\s*|-)(\\d{1,2})"
            + "\\s*(?:일)?\\s*(오전|오후)?\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

    private static final int KOREA_STANDARD_TIME_MINUTES = 9 * 60;

    /** The Korean forms are only read when the text has Korean in it; plain ISO dates stay UTC. */
    private static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

    /** "2006/09/15" in an RFC 822 date (Perforce): year first, so day and month cannot be swapped. */
    private static final Pattern YEAR_MONTH_DAY = Pattern.compile("(\\d{4})/(\\d{1,2})/(\\d{1,2})");

    /** tz database spellings of UTC that feeds copy from their server ("Etc/GMT"). */
    private static final Pattern ETC_ZONE = Pattern.compile("(?i)\\bEtc/(GMT|UTC|UCT|UT|Zulu)\\b");

    /**
     * Month names in the other languages feeds are known to use, accents removed and lower-cased: Greek
     * abbreviations (with the "Ιον"/"Ιολ" spellings) and Hungarian names. English is handled by {@link
     * #monthOf} itself.
     */
    private static final Map<String, Integer> FOREIGN_MONTHS = Map.ofEntries(
            Map.entry("ιαν", 0),
            Map.entry("φεβ", 1),
            Map.entry("μαρ", 2),
            Map.entry("απρ", 3),
            Map.entry("μαι", 4),
            Map.entry("ιουν", 5),
            Map.entry("ιον", 5),
            Map.entry("ιουλ", 6),
            Map.entry("ιολ", 6),
            Map.entry("αυγ", 7),
            Map.entry("σεπ", 8),
            Map.entry("οκτ", 9),
            Map.entry("νοε", 10),
            Map.entry("δεκ", 11),
            Map.entry("januar", 0),
            Map.entry("februar", 1),
            Map.entry("marcius", 2),
            Map.entry("aprilis", 3),
            Map.entry("majus", 4),
            Map.entry("junius", 5),
            Map.entry("julius", 6),
            Map.entry("augusztus", 7),
            Map.entry("szeptember", 8),
            Map.entry("oktober", 9),
            Map.entry("november", 10),
            Map.entry("december", 11));

    /** Greek day-name abbreviations (accents removed, lower-cased); like English day names they are skipped. */
    private static final java.util.Set<String> FOREIGN_DAY_NAMES =
            java.util.Set.of("κυρ", "δευ", "τρι", "τετ", "πεμ", "παρ", "σαβ");

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+");

    private static final Pattern TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:[.,](\\d{1,9})\\d*)?)?");

    private static final Pattern NUMERIC_ZONE = Pattern.compile("(?:GMT|UTC|UT)?([+-])(\\d{1,2})(?::?(\\d{2}))?");

    private static final Pattern COMMENT = Pattern.compile("\\([^)]*\\)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("\\d{1,2}[-/][A-Za-z]+[-/]\\d{2,4}");
    private static final Pattern DAY_MONTH_YEAR_SEPARATOR = Pattern.compile("[-/]");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,4}");

    private FeedDates() {}

    /** The instant the text names, or null when it cannot be read without guessing. */
    public static @Nullable Instant parse(@Nullable String text) {
        if (text == null) {
            return null;
        }
        String s = COMMENT.matcher(text).replaceAll(" ").strip();
        if (s.isEmpty() || s.length() > 100) {
            return null;
        }
        try {
            Matcher korean = KOREAN.matcher(s);
            if (HANGUL.matcher(s).find() && korean.matches()) {
                return korean(korean);
            }
            s = THREE_DIGIT_MONTH.matcher(s).replaceFirst("$1$2");
            s = ETC_ZONE.matcher(s).replaceAll("$1");
            Matcher named = ISO_MONTH_NAME.matcher(s);
            if (named.find()) {
                int month = monthOf(named.group(2).toUpperCase(Locale.ROOT));
                if (month < 0) {
                    return null;
                }
                s = named.group(1) + "-" + twoDigits(month + 1) + "-" + twoDigits(Integer.parseInt(named.group(3)))
                        + s.substring(named.end());
            }
            Matcher shortYear = TRUNCATED_YEAR_DATE.matcher(s);
            if (shortYear.lookingAt()) {
                s = twoDigitYear(Integer.parseInt(shortYear.group(1))) + "-" + shortYear.group(3) + "-"
                        + shortYear.group(4) + s.substring(shortYear.end());
            }
            Matcher shortOrdinal = TRUNCATED_YEAR_ORDINAL.matcher(s);
            if (shortOrdinal.matches()) {
                s = twoDigitYear(Integer.parseInt(shortOrdinal.group(1))) + "-" + shortOrdinal.group(2);
            }
            Matcher iso = ISO.matcher(s);
            if (iso.matches()) {
                return iso(iso);
            }
            Matcher ordinal = ISO_ORDINAL.matcher(s);
            if (ordinal.matches()) {
                return LocalDate.ofYearDay(Integer.parseInt(ordinal.group(1)), Integer.parseInt(ordinal.group(2)))
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
            }
            Matcher truncated = ISO_TRUNCATED_MONTH.matcher(s);
            if (truncated.matches()) {
                return LocalDate.of(
                                twoDigitYear(Integer.parseInt(truncated.group(1))),
                                Integer.parseInt(truncated.group(2)),
                                1)
                        .atStartOfDay()
                        .toInstant(ZoneOffset.UTC);
            }
            return rfc822OrAsctime(s);
        } catch (DateTimeException | NumberFormatException e) {
            return null;
        }
    }

    private static Instant korean(Matcher m) {
        int hour = Integer.parseInt(m.group(5));
        String half = m.group(4);
        if (half != null) {
            if (hour < 1 || hour > 12) {
                throw new DateTimeException("12-hour clock out of range");
            }
            hour = hour % 12 + (half.equals("오후") ? 12 : 0);
        }
        LocalDateTime local = LocalDateTime.of(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                hour,
                Integer.parseInt(m.group(6)),
                Integer.parseInt(group(m, 7, "0")));
        return local.toInstant(ZoneOffset.ofTotalSeconds(KOREA_STANDARD_TIME_MINUTES * 60));
    }

    private static String twoDigits(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    /** RFC 2822 section 4.3: two-digit years below 50 are 20xx, the rest 19xx. */
    private static int twoDigitYear(int year) {
        return year + (year < 50 ? 2000 : 1900);
    }

    private static @Nullable Instant iso(Matcher m) {
        int year = Integer.parseInt(group(m, 1, "0"));
        int month = Integer.parseInt(group(m, 2, "1"));
        int day = Integer.parseInt(group(m, 3, "1"));
        LocalTime time = LocalTime.MIDNIGHT;
        if (m.group(4) != null) {
            time = LocalTime.of(
                    Integer.parseInt(m.group(4)),
                    Integer.parseInt(group(m, 5, "0")),
                    Integer.parseInt(group(m, 6, "0")),
                    nanos(m.group(7)));
        }
        String zone = m.group(8) != null ? m.group(8) : m.group(9);
        int offset = zone == null ? 0 : zoneMinutes(zone);
        if (offset == Integer.MIN_VALUE) {
            return null;
        }
        return LocalDateTime.of(LocalDate.of(year, month, day), time).toInstant(ZoneOffset.ofTotalSeconds(offset * 60));
    }

    /**
     * RFC 822 ({@code [Day,] DD Mon YY[YY] HH:MM[:SS] zone}) and asctime ({@code Day Mon DD HH:MM:SS YYYY})
     * read as tokens: the month is the one alphabetic token that names a month, the time is the token with
     * colons, a four-digit number is the year, and otherwise the first number is the day and the second the
     * year. Day names are ignored (feeds get them wrong); any token left over makes the date unreadable.
     */
    private static @Nullable Instant rfc822OrAsctime(String s) {
        String cleaned = COMMENT.matcher(s).replaceAll(" ").replace(',', ' ');
        List<String> tokens = new ArrayList<>();
        for (String t : WHITESPACE.split(cleaned.trim())) {
            if (!t.isEmpty()) {
                tokens.add(t);
            }
        }
        int month = -1;
        LocalTime time = null;
        Integer zone = null;
        List<String> numbers = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            String upper = token.toUpperCase(Locale.ROOT);
            // "06-Nov-94" and "6/Nov/1994" carry day, month and year in one token
            if (DAY_MONTH_YEAR.matcher(token).matches()) {
                String[] parts = DAY_MONTH_YEAR_SEPARATOR.split(token);
                tokens.set(i, parts[0]);
                tokens.add(i + 1, parts[1]);
                tokens.add(i + 2, parts[2]);
                i--;
                continue;
            }
            Matcher ymd = YEAR_MONTH_DAY.matcher(token);
            if (month < 0 && numbers.isEmpty() && ymd.matches()) {
                month = Integer.parseInt(ymd.group(2)) - 1;
                numbers.add(ymd.group(1));
                numbers.add(ymd.group(3));
                continue;
            }
            Matcher tm = TIME.matcher(token);
            Matcher nz = NUMERIC_ZONE.matcher(upper);
            if (time == null && tm.matches()) {
                time = LocalTime.of(
                        Integer.parseInt(tm.group(1)),
                        Integer.parseInt(tm.group(2)),
                        Integer.parseInt(group(tm, 3, "0")),
                        nanos(tm.group(4)));
            } else if (NUMBER.matcher(token).matches()) {
                numbers.add(token);
            } else if (month < 0 && monthOf(upper) >= 0) {
                month = monthOf(upper);
            } else if (zone == null
                    && time != null
                    && (nz.matches() || ZONE_MINUTES.containsKey(upper) || isMilitary(upper))) {
                int minutes = zoneMinutes(upper);
                if (minutes == Integer.MIN_VALUE) {
                    return null;
                }
                zone = minutes;
            } else if (time != null && (upper.equals("AM") || upper.equals("PM"))) {
                int hour = time.getHour();
                if (hour < 1 || hour > 12) {
                    return null;
                }
                time = time.withHour(hour % 12 + (upper.equals("PM") ? 12 : 0));
            } else if (!isDayName(upper) && !(zone != null && ZONE_MINUTES.containsKey(upper))) {
                // any other token makes the date unreadable; day names and a zone name repeating a numeric
                // offset ("+0000 GMT") are skipped
                return null;
            }
        }
        if (month < 0 || numbers.size() != 2) {
            return null;
        }
        String dayText;
        String yearText;
        if (numbers.get(0).length() == 4) {
            yearText = numbers.get(0);
            dayText = numbers.get(1);
        } else {
            dayText = numbers.get(0);
            yearText = numbers.get(1);
        }
        if (dayText.length() > 2 || yearText.length() == 1 || yearText.length() == 3) {
            return null;
        }
        int year = Integer.parseInt(yearText);
        if (yearText.length() == 2) {
            year = twoDigitYear(year);
        }
        if (month > 11) {
            return null;
        }
        LocalDate date = LocalDate.of(year, month + 1, Integer.parseInt(dayText));
        int offset = zone == null ? 0 : zone;
        return LocalDateTime.of(date, time == null ? LocalTime.MIDNIGHT : time)
                .toInstant(ZoneOffset.ofTotalSeconds(offset * 60));
    }

    private static int monthOf(String upper) {
        Integer foreign = FOREIGN_MONTHS.get(plainLower(upper));
        if (foreign != null) {
            return foreign;
        }
        if (upper.length() < 3) {
            return -1;
        }
        String lower = upper.toLowerCase(Locale.ROOT);
        String stem = lower.substring(0, 3);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(stem) && fullMonthName(i).startsWith(lower.replace(".", ""))) {
                return i;
            }
        }
        return -1;
    }

    private static String fullMonthName(int index) {
        return java.time.Month.of(index + 1).name().toLowerCase(Locale.ROOT);
    }

    /** Lower case without accents or a trailing period: "Ιούλ." and "július" compare as "ιουλ" and "julius". */
    private static String plainLower(String word) {
        String decomposed = java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFD);
        String lower = COMBINING_MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private static boolean isDayName(String upper) {
        if (FOREIGN_DAY_NAMES.contains(plainLower(upper))) {
            return true;
        }
        String lower = upper.toLowerCase(Locale.ROOT).replace(".", "");
        if (lower.length() < 2) {
            return false;
        }
        for (java.time.DayOfWeek d : java.time.DayOfWeek.values()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            if ((name.startsWith(lower) && lower.length() >= 3) || lower.equals("tues") || lower.equals("thur")) {
                return true;
            }
        }
        return false;
    }

    private static boolean isMilitary(String upper) {
        return upper.length() == 1 && upper.charAt(0) >= 'A' && upper.charAt(0) <= 'Z' && upper.charAt(0) != 'J';
    }

    /** Offset in minutes east of UTC, or {@link Integer#MIN_VALUE} when the zone is unknown. */
    private static int zoneMinutes(String zone) {
        String upper = zone.toUpperCase(Locale.ROOT);
        Integer named = ZONE_MINUTES.get(upper);
        if (named != null) {
            return named;
        }
        if (isMilitary(upper)) {
            // RFC 822 section 5.1 as printed: A..M (no J) are -1..-12, N..Y are +1..+12
            char c = upper.charAt(0);
            if (c <= 'I') {
                return -(c - 'A' + 1) * 60;
            } else if (c <= 'M') {
                return -(c - 'A') * 60;
            }
            return (c - 'N' + 1) * 60;
        }
        Matcher m = NUMERIC_ZONE.matcher(upper);
        if (m.matches()) {
            String hoursText = m.group(2);
            String minutesText = m.group(3);
            int hours = Integer.parseInt(hoursText);
            int minutes = minutesText == null ? 0 : Integer.parseInt(minutesText);
            if (hours > 18 || minutes > 59) {
                return Integer.MIN_VALUE;
            }
            int total = hours * 60 + minutes;
            return m.group(1).equals("-") ? -total : total;
        }
        return Integer.MIN_VALUE;
    }

    private static int nanos(@Nullable String fraction) {
        if (fraction == null) {
            return 0;
        }
        StringBuilder padded = new StringBuilder(fraction);
        while (padded.length() < 9) {
            padded.append('0');
        }
        return Integer.parseInt(padded.toString());
    }

    private static String group(Matcher m, int group, String fallback) {
        String value = m.group(group);
        return value == null ? fallback : value;
    }
}
