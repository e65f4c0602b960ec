package org.gleaner.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of literal class/id fragments, written like a regex alternation ({@code "banner|most-?read"}):
 * {@code -?} marks an optional hyphen and spaces mark word edges ({@code " hid "}). Matching is a few
 * substring searches, much cheaper than a regex alternation of the same words, which matters because
 * every class and id on a page is checked.
 */
final class Keywords {
    /** Fragments by their first character (all fragments are ASCII). */
    private final String[][] byFirst = new String[128][];

    private Keywords(String[] words) {
        List<List<String>> buckets = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
            buckets.add(new ArrayList<>());
        }
        for (String w : words) {
            char c = w.charAt(0);
            if (c >= 128) {
                throw new IllegalArgumentException("class/id fragments are ASCII: " + w);
            }
            buckets.get(c).add(w);
        }
        for (int i = 0; i < 128; i++) {
            byFirst[i] = buckets.get(i).isEmpty() ? null : buckets.get(i).toArray(String[]::new);
        }
    }

    static Keywords of(String spec) {
        List<String> out = new ArrayList<>();
        for (String alt : spec.split("\\|")) {
            expand(alt, out);
        }
        return new Keywords(out.toArray(String[]::new));
    }

    private static void expand(String word, List<String> out) {
        int opt = word.indexOf("-?");
        if (opt < 0) {
            out.add(word);
            return;
        }
        expand(word.substring(0, opt) + "-" + word.substring(opt + 2), out);
        expand(word.substring(0, opt) + word.substring(opt + 2), out);
    }

    /** The expanded fragments. */
    List<String> words() {
        List<String> all = new ArrayList<>();
        for (String[] bucket : byFirst) {
            if (bucket != null) {
                all.addAll(List.of(bucket));
            }
        }
        return all;
    }

    /** Whether any fragment occurs in {@code padded}: a lower-cased value with one space added at each end. */
    boolean in(String padded) {
        for (int i = 0; i < padded.length(); i++) {
            char c = padded.charAt(i);
            String[] candidates = c < 128 ? byFirst[c] : null;
            if (candidates == null) {
                continue;
            }
            for (String w : candidates) {
                if (padded.startsWith(w, i)) {
                    return true;
                }
            }
        }
        return false;
    }
}
