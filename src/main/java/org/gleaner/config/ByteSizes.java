package org.gleaner.config;

import java.util.Locale;

/**
 * Byte counts as people write them: {@code 16MiB}, {@code 512 KiB}, {@code 2MB}, or a plain number of
 * bytes. Binary (KiB, MiB, GiB) and decimal (KB, MB, GB) units mean what the standards say; a lone
 * {@code k}, {@code m} or {@code g} is refused because it could be either.
 */
public final class ByteSizes {
    private ByteSizes() {}

    /** Parses {@code text}; throws {@link IllegalArgumentException} with a message fit for a user. */
    public static long parse(String text) throws IllegalArgumentException {
        String s = text.strip();
        int i = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        if (i == 0) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a size: write a number of bytes or one like 16MiB, 512KiB, 2MB");
        }
        long amount;
        try {
            amount = Long.parseLong(s.substring(0, i));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
        String unit = s.substring(i).strip();
        if (unit.startsWith(".") || unit.startsWith(",")) {
            throw new IllegalArgumentException(
                    "'" + text + "': write a whole number, in a smaller unit if needed (1536KiB, not 1.5MiB)");
        }
        long factor =
                switch (unit.toLowerCase(Locale.ROOT)) {
                    case "", "b" -> 1L;
                    case "kib" -> 1L << 10;
                    case "mib" -> 1L << 20;
                    case "gib" -> 1L << 30;
                    case "kb" -> 1_000L;
                    case "mb" -> 1_000_000L;
                    case "gb" -> 1_000_000_000L;
                    default ->
                        throw new IllegalArgumentException(
                                "'" + text + "': unknown unit '" + unit + "' (use B, KiB, MiB, GiB, KB, MB or GB)");
                };
        try {
            return Math.multiplyExact(amount, factor);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too large", e);
        }
    }
}
