package org.gleaner.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Durations as people write them in {@code feeds.yaml}: a sequence of whole numbers with units, largest
 * unit first: {@code 90s}, {@code 30m}, {@code 1h30m}, {@code 2d}, {@code 500ms}. A bare number is
 * refused rather than guessed (seconds? minutes?).
 */
public final class Durations {
    /** Units from largest to smallest; a duration names each at most once, in this order. */
    private static final String[] UNITS = {"d", "h", "m", "s", "ms"};

    private static final String EXAMPLES = "like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)";

    private Durations() {}

    /**
     * Parses {@code text}; throws {@link IllegalArgumentException} with a message fit for a user when it
     * is not a duration.
     */
    public static Duration parse(String text) throws IllegalArgumentException {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration: write one " + EXAMPLES);
        }
        if (s.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative: a duration must be positive or 0");
        }
        Duration total = Duration.ZERO;
        int lastUnit = -1;
        int i = 0;
        try {
            while (i < s.length()) {
                while (i < s.length() && s.charAt(i) == ' ') {
                    i++;
                }
                int digitsStart = i;
                while (i < s.length() && isAsciiDigit(s.charAt(i))) {
                    i++;
                }
                if (digitsStart == i) {
                    throw notADuration(text);
                }
                long amount = Long.parseLong(s.substring(digitsStart, i));
                int unitStart = i;
                while (i < s.length() && isAsciiLetter(s.charAt(i))) {
                    i++;
                }
                String unit = s.substring(unitStart, i);
                if (unit.isEmpty()) {
                    if (i == s.length() && digitsStart == 0) {
                        throw new IllegalArgumentException("'" + text + "' has no unit: write " + amount + "s, "
                                + amount + "m, " + amount + "h or " + amount + "d");
                    }
                    throw notADuration(text);
                }
                int unitIndex = unitIndex(unit);
                if (unitIndex < 0) {
                    if (!unit.equals(unit.toLowerCase(Locale.ROOT)) && unitIndex(unit.toLowerCase(Locale.ROOT)) >= 0) {
                        throw new IllegalArgumentException(
                                "'" + text + "': units are lower case (" + unit.toLowerCase(Locale.ROOT) + ")");
                    }
                    throw new IllegalArgumentException(
                            "'" + text + "': unknown unit '" + unit + "', write one " + EXAMPLES);
                }
                if (unitIndex <= lastUnit) {
                    throw new IllegalArgumentException(
                            "'" + text + "': give each unit once, largest first (like 1h30m)");
                }
                lastUnit = unitIndex;
                total = total.plus(of(amount, UNITS[unitIndex]));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
        return total;
    }

    /** The shortest text {@link #parse} reads back as {@code d}: {@code 1h30m}, {@code 2d}, {@code 0s}. */
    public static String format(Duration d) {
        if (d.isNegative()) {
            return "-" + format(d.negated());
        }
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder text = new StringBuilder();
        append(text, d.toDays(), "d");
        append(text, d.toHoursPart(), "h");
        append(text, d.toMinutesPart(), "m");
        append(text, d.toSecondsPart(), "s");
        append(text, d.toMillisPart(), "ms");
        if (text.length() == 0) {
            // Below a millisecond: nothing in the config is that fine, say so rather than print "0s".
            return d.toNanos() + "ns";
        }
        return text.toString();
    }

    private static void append(StringBuilder text, long amount, String unit) {
        if (amount != 0) {
            text.append(amount).append(unit);
        }
    }

    private static Duration of(long amount, String unit) {
        return switch (unit) {
            case "d" -> Duration.ofDays(amount);
            case "h" -> Duration.ofHours(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "ms" -> Duration.ofMillis(amount);
            default -> throw new IllegalStateException("unit table and switch disagree: " + unit);
        };
    }

    private static int unitIndex(String unit) {
        for (int i = 0; i < UNITS.length; i++) {
            if (UNITS[i].equals(unit)) {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException notADuration(String text) {
        return new IllegalArgumentException("'" + text + "' is not a duration: write one " + EXAMPLES);
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
