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
    private final String[] words;

    private Keywords(String[] words) {
        this.words = words;
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

    /** Whether any fragment occurs in {@code padded}: a lower-cased value with one space added at each end. */
    boolean in(String padded) {
        for (String w : words) {
            if (padded.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
