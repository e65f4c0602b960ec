package org.gleaner.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.jspecify.annotations.Nullable;

/**
 * A seeded synthetic news corpus for benchmarks: ~5 KB articles drawn from a Zipfian vocabulary of
 * pronounceable pseudo-words, with feeds, sites, tags, dates over two years and 5% syndicated copies.
 * Document {@code i} is a pure function of the seed and {@code i}, so nothing is held in memory and
 * both sides of a comparison see the same text.
 */
final class SearchCorpus {
    static final Instant NOW = Instant.parse("2024-12-10T12:00:00Z");
    /** Feeds the documents are spread over ({@code feed-0} …). */
    static final int FEEDS = 50;

    private static final int VOCABULARY = 50_000;
    private static final double ZIPF_EXPONENT = 1.07;
    private static final int ARTICLE_WORDS = 650;
    private static final int ENTRY_WORDS = 60;
    private static final int TITLE_WORDS = 8;
    private static final String[] ONSETS = {
        "b", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "st", "tr", "ch", "sh"
    };
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};
    private static final String[] CODAS = {"", "n", "r", "s", "l", "m", "k"};

    private final long seed;
    private final String[] words;
    private final double[] cumulative;
    private @Nullable Map<String, Integer> ranks;

    SearchCorpus(long seed) {
        this.seed = seed;
        SplittableRandom random = new SplittableRandom(seed);
        words = new String[VOCABULARY];
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < VOCABULARY; i++) {
            String word;
            do {
                StringBuilder w = new StringBuilder();
                int syllables = 1 + random.nextInt(i < 200 ? 2 : 4);
                for (int s = 0; s < syllables; s++) {
                    w.append(ONSETS[random.nextInt(ONSETS.length)])
                            .append(VOWELS[random.nextInt(VOWELS.length)])
                            .append(CODAS[random.nextInt(CODAS.length)]);
                }
                word = w.toString();
            } while (!used.add(word));
            words[i] = word;
        }
        cumulative = new double[VOCABULARY];
        double sum = 0;
        for (int i = 0; i < VOCABULARY; i++) {
            sum += 1.0 / Math.pow(i + 1, ZIPF_EXPONENT);
            cumulative[i] = sum;
        }
        for (int i = 0; i < VOCABULARY; i++) {
            cumulative[i] /= sum;
        }
    }

    /** The word of a frequency rank (0 = most frequent). */
    String word(int rank) {
        return words[rank];
    }

    /** The frequency rank of a vocabulary word; the vocabulary's size for any other string. */
    int rank(String word) {
        Map<String, Integer> ranks = this.ranks;
        if (ranks == null) {
            ranks = new HashMap<>();
            for (int i = 0; i < words.length; i++) {
                ranks.put(words[i], i);
            }
            this.ranks = ranks;
        }
        return ranks.getOrDefault(word, VOCABULARY);
    }

    String randomWord(SplittableRandom random) {
        int index = java.util.Arrays.binarySearch(cumulative, random.nextDouble());
        return words[index < 0 ? Math.min(-index - 1, VOCABULARY - 1) : index];
    }

    private String sentence(SplittableRandom random, int count) {
        StringBuilder out = new StringBuilder(count * 7);
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.append(i % 14 == 0 ? ". " : " ");
            }
            String word = randomWord(random);
            if (i % 14 == 0) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word, 1, word.length());
            } else {
                out.append(word);
            }
        }
        return out.append('.').toString();
    }

    static String key(long i) {
        return "a:https://site/" + i;
    }

    SearchDocument document(long i) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + i);
        String title = sentence(random, TITLE_WORDS);
        String text = sentence(random, ARTICLE_WORDS);
        String entry = sentence(random, ENTRY_WORDS);
        List<String> feeds = new ArrayList<>();
        feeds.add("feed-" + random.nextInt(FEEDS));
        if (random.nextInt(10) == 0) {
            feeds.add("feed-" + random.nextInt(FEEDS));
        }
        List<String> tags = new ArrayList<>();
        for (int t = random.nextInt(4); t > 0; t--) {
            tags.add("tag-" + random.nextInt(100));
        }
        Instant published = NOW.minusSeconds(random.nextLong(2L * 365 * 86_400));
        String story = random.nextInt(20) == 0 && i > 0 ? key(random.nextLong(i)) : key(i);
        return new SearchDocument(
                key(i),
                title,
                text,
                entry,
                List.of("author " + random.nextInt(500)),
                feeds,
                "site" + random.nextInt(200) + ".example",
                tags,
                "en",
                published,
                "https://site" + i + ".example/" + i,
                story);
    }

    /** A change log holding documents 0 to {@code size - 1}, one change each. */
    ChangeLog log(long size) {
        return new ChangeLog() {
            @Override
            public List<Change> readAfter(long afterSequence, int limit) {
                List<Change> out = new ArrayList<>();
                for (long s = afterSequence + 1; s <= size && out.size() < limit; s++) {
                    out.add(new Change(s, key(s - 1)));
                }
                return out;
            }

            @Override
            public long head() {
                return size;
            }

            @Override
            public Optional<SearchDocument> document(String documentKey) {
                return Optional.of(SearchCorpus.this.document(
                        Long.parseLong(documentKey.substring(documentKey.lastIndexOf('/') + 1))));
            }
        };
    }
}
