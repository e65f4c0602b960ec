package org.gleaner.config;

import java.util.Collection;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** "Did you mean …?" for misspelt keys and values. */
final class Suggestions {
    /** Up to this many edits a word of 5 letters or more is still recognisably the intended one. */
    private static final int MAX_EDITS_LONG = 2;

    /** Short words: one edit, or almost anything would match. */
    private static final int MAX_EDITS_SHORT = 1;

    /** Length from which {@link #MAX_EDITS_LONG} applies. */
    private static final int LONG_WORD = 5;

    private Suggestions() {}

    /**
     * The known word the user most likely meant: same word apart from case, {@code _} and {@code -}
     * ({@code maxEvery}, {@code min-every}); else the single closest within a few edits; else null.
     */
    static @Nullable String closest(String typo, Collection<String> known) {
        String squashed = squash(typo);
        for (String word : known) {
            if (squash(word).equals(squashed)) {
                return word;
            }
        }
        int limit = typo.length() >= LONG_WORD ? MAX_EDITS_LONG : MAX_EDITS_SHORT;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        boolean tie = false;
        for (String word : known) {
            int d = distance(typo.toLowerCase(Locale.ROOT), word);
            if (d < bestDistance) {
                best = word;
                bestDistance = d;
                tie = false;
            } else if (d == bestDistance) {
                tie = true;
            }
        }
        return bestDistance <= limit && !tie ? best : null;
    }

    /** " (did you mean 'x'?)" or " (known: a, b, c)". */
    static String hint(String typo, Collection<String> known) {
        String guess = closest(typo, known);
        return guess != null
                ? " (did you mean '" + guess + "'?)"
                : " (expected one of: " + String.join(", ", known) + ")";
    }

    private static String squash(String s) {
        return s.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    /** Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
