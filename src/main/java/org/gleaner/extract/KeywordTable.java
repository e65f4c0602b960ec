package org.gleaner.extract;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Several {@link Keywords} lists, each tagged with a bit, matched in a single scan of a string: the
 * result is the OR of the bits of every list with a fragment in it. Fragments are indexed by their first
 * two characters, so each position of the scanned string is compared with one or two fragments at most.
 */
final class KeywordTable {
    private final Map<Integer, List<String>> words = new HashMap<>();
    private final Map<Integer, List<Integer>> bits = new HashMap<>();
    private String[][] wordIndex = new String[128 * 128][];
    private int[][] bitIndex = new int[128 * 128][];

    KeywordTable add(Keywords keywords, int bit) {
        for (String w : keywords.words()) {
            if (w.length() < 2 || w.charAt(0) >= 128 || w.charAt(1) >= 128) {
                throw new IllegalArgumentException("class/id fragments are ASCII, two characters or more: " + w);
            }
            int key = w.charAt(0) * 128 + w.charAt(1);
            words.computeIfAbsent(key, k -> new ArrayList<>()).add(w);
            bits.computeIfAbsent(key, k -> new ArrayList<>()).add(bit);
        }
        String[][] wi = new String[128 * 128][];
        int[][] bi = new int[128 * 128][];
        for (Map.Entry<Integer, List<String>> e : words.entrySet()) {
            wi[e.getKey()] = e.getValue().toArray(String[]::new);
            bi[e.getKey()] = bits.getOrDefault(e.getKey(), List.of()).stream()
                    .mapToInt(Integer::intValue)
                    .toArray();
        }
        wordIndex = wi;
        bitIndex = bi;
        return this;
    }

    /** The OR of the bits of every list with a fragment in {@code padded} (lower case, a space at each end). */
    int match(String padded) {
        int mask = 0;
        int n = padded.length() - 1;
        for (int i = 0; i < n; i++) {
            char c1 = padded.charAt(i);
            char c2 = padded.charAt(i + 1);
            if (c1 >= 128 || c2 >= 128) {
                continue;
            }
            String[] candidates = wordIndex[c1 * 128 + c2];
            if (candidates == null) {
                continue;
            }
            int[] candidateBits = bitIndex[c1 * 128 + c2];
            for (int k = 0; k < candidates.length; k++) {
                if ((mask & candidateBits[k]) == 0 && padded.startsWith(candidates[k], i)) {
                    mask |= candidateBits[k];
                }
            }
        }
        return mask;
    }
}
