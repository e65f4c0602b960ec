package org.gleaner.extract;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A 64-bit SimHash over word 3-shingles, to recognise syndicated copies of one story on different URLs
 * (the same agency text with a different headline, byline or a trimmed last paragraph).
 */
public final class NearDuplicate {
    private NearDuplicate() {}

    /** Fingerprints at most this many bits apart are the same story (about 95% shared shingles). */
    public static final int SAME_STORY_MAX_DISTANCE = 3;

    /** Words of any script: letters and digits. */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");

    private static final int SHINGLE = 3;

    /** The fingerprint of a text; 0 for a text without words. */
    public static long simhash(String text) {
        Matcher m = WORD.matcher(text.toLowerCase(Locale.ROOT));
        long[] window = new long[SHINGLE];
        int count = 0;
        int[] bits = new int[64];
        boolean any = false;
        while (m.find()) {
            window[count % SHINGLE] = fnv(m.group());
            count++;
            if (count >= SHINGLE) {
                long h = 0;
                for (int i = 0; i < SHINGLE; i++) {
                    h = mix(h * 31 + window[(count - SHINGLE + i) % SHINGLE]);
                }
                add(bits, h);
                any = true;
            }
        }
        if (!any && count > 0) {
            long h = 0;
            for (int i = 0; i < count; i++) {
                h = mix(h * 31 + window[i]);
            }
            add(bits, h);
            any = true;
        }
        if (!any) {
            return 0;
        }
        long result = 0;
        for (int i = 0; i < 64; i++) {
            if (bits[i] > 0) {
                result |= 1L << i;
            }
        }
        return result;
    }

    /** Hamming distance between two fingerprints: 0 identical, 64 opposite. */
    public static int distance(long a, long b) {
        return Long.bitCount(a ^ b);
    }

    private static void add(int[] bits, long h) {
        for (int i = 0; i < 64; i++) {
            bits[i] += (h >>> i & 1L) != 0 ? 1 : -1;
        }
    }

    private static long fnv(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** SplitMix64 finaliser: spreads similar inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
