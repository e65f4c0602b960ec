package org.gleaner.extract;

import java.util.ArrayList;
import java.util.List;

/**
 * Several {@link Keywords} lists, each tagged with a bit, matched in a single scan of a string: the
 * result is the OR of the bits of every list with a fragment in it.
 */
final class KeywordTable {
    private final List<List<String>> words = new ArrayList<>();
    private final List<List<Integer>> bits = new ArrayList<>();
    private String[][] wordIndex = new String[128][];
    private int[][] bitIndex = new int[128][];

    KeywordTable() {
        for (int i = 0; i < 128; i++) {
            words.add(new ArrayList<>());
            bits.add(new ArrayList<>());
        }
    }

    KeywordTable add(Keywords keywords, int bit) {
        for (String w : keywords.words()) {
            words.get(w.charAt(0)).add(w);
            bits.get(w.charAt(0)).add(bit);
        }
        String[][] wi = new String[128][];
        int[][] bi = new int[128][];
        for (int c = 0; c < 128; c++) {
            if (!words.get(c).isEmpty()) {
                wi[c] = words.get(c).toArray(String[]::new);
                bi[c] = bits.get(c).stream().mapToInt(Integer::intValue).toArray();
            }
        }
        wordIndex = wi;
        bitIndex = bi;
        return this;
    }

    /** The OR of the bits of every list with a fragment in {@code padded} (lower case, a space at each end). */
    int match(String padded) {
        int mask = 0;
        for (int i = 0; i < padded.length(); i++) {
            char c = padded.charAt(i);
            if (c >= 128) {
                continue;
            }
            String[] candidates = wordIndex[c];
            if (candidates == null) {
                continue;
            }
            int[] candidateBits = bitIndex[c];
            for (int k = 0; k < candidates.length; k++) {
                if ((mask & candidateBits[k]) == 0 && padded.startsWith(candidates[k], i)) {
                    mask |= candidateBits[k];
                }
            }
        }
        return mask;
    }
}
