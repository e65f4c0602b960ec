package org.gleaner.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * A list of literal class/id fragments, written like a regex alternation ({@code "banner|most-?read"}):
 * {@code -?} marks an optional hyphen and spaces mark word edges ({@code " hid "}). The lists are matched
 * together by {@link KeywordTable}, a few substring comparisons per character instead of a regex
 * alternation per list, which matters because every class and id token on a page is checked.
 */
final class Keywords {
    private final List<String> words;

    private Keywords(List<String> words) {
        this.words = List.copyOf(words);
    }

    static Keywords of(String spec) {
        List<String> out = new ArrayList<>();
        for (String alt : spec.split("\\|")) {
            expand(alt, out);
        }
        return new Keywords(out);
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
        return words;
    }
}
