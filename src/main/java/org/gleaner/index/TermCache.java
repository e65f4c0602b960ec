package org.gleaner.index;

import org.apache.lucene.util.ArrayUtil;

/**
 * Terms a chain of rewriting filters has rewritten, for {@link CachedTermFilter}: an open-addressing
 * table of longs (the term's hash and where its entry starts) and one array holding every entry's
 * term and rewritten form back to back, so that a lookup touches little memory. Once full it keeps
 * what it has: the first terms a stream meets include the frequent ones. Not thread-safe: one
 * thread's filters share it.
 */
final class TermCache {
    /** Terms remembered: the common vocabulary of news, in well under a megabyte. */
    static final int MAX_ENTRIES = 16_384;

    /** Table size to start with; it doubles to keep at most half of it occupied. */
    private static final int INITIAL_SLOTS = 1_024;

    /** Linear probing; a slot holds the term's hash in its high half, its entry's offset in the low. */
    private long[] slots = new long[INITIAL_SLOTS];

    /** Entries back to back: term length, rewritten length, term chars, rewritten chars. */
    private char[] entries = new char[INITIAL_SLOTS * 16];

    /** Offset 0 stays unused, so a slot of 0 is an empty slot. */
    private int entriesEnd = 1;

    private int size;

    boolean isFull() {
        return size >= MAX_ENTRIES;
    }

    /** The offset of the term's entry, 0 when absent. */
    int find(int hash, char[] text, int length) {
        int mask = slots.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return 0;
            }
            int entry = (int) slot;
            if ((int) (slot >>> 32) == hash && entries[entry] == length && sameTerm(entry + 2, text, length)) {
                return entry;
            }
        }
    }

    int rewrittenLength(int entry) {
        return entries[entry + 1];
    }

    /** Copies the rewritten form of the entry of a term of {@code length} chars into {@code out}. */
    void copyRewritten(int entry, int length, char[] out) {
        System.arraycopy(entries, entry + 2 + length, out, 0, entries[entry + 1]);
    }

    /** Stores a term in a new entry, before the chain rewrites it; returns the entry's offset. */
    int startEntry(char[] text, int length) {
        int start = entriesEnd;
        entries = ArrayUtil.grow(entries, start + 2 + length);
        System.arraycopy(text, 0, entries, start + 2, length);
        return start;
    }

    /** Completes the entry {@link #startEntry} began with the term's rewritten form, and files it. */
    void finishEntry(int hash, int start, int length, char[] rewritten, int rewrittenLength) {
        entries = ArrayUtil.grow(entries, start + 2 + length + rewrittenLength);
        entries[start] = (char) length;
        entries[start + 1] = (char) rewrittenLength;
        System.arraycopy(rewritten, 0, entries, start + 2 + length, rewrittenLength);
        entriesEnd = start + 2 + length + rewrittenLength;
        add(hash, start);
    }

    private boolean sameTerm(int from, char[] text, int length) {
        for (int i = 0; i < length; i++) {
            if (entries[from + i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private void add(int hash, int entry) {
        size++;
        if (size * 2 > slots.length) {
            long[] larger = new long[slots.length * 2];
            for (long slot : slots) {
                if (slot != 0) {
                    place(larger, slot);
                }
            }
            slots = larger;
        }
        place(slots, ((long) hash << 32) | entry);
    }

    private static void place(long[] table, long slot) {
        int mask = table.length - 1;
        int i = (int) (slot >>> 32) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = slot;
    }

    /** The string hash with its high bits folded into the low ones the table is indexed by. */
    static int hash(char[] text, int length) {
        int hash = 0;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + text[i];
        }
        hash ^= hash >>> 16;
        hash *= 0x85EB_CA6B;
        return hash ^ (hash >>> 13);
    }
}
