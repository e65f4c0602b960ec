package org.gleaner.search;

import java.io.IOException;
import java.util.Objects;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.MultiTermQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.util.AttributeSource;

/**
 * Rewrites a prefix query like the default constant-score rewrite, but first counts the index words
 * it would expand to and refuses with {@link TooBroad} past a limit, instead of a slow scan.
 */
final class ExpansionLimit extends MultiTermQuery.RewriteMethod {
    private final String typed;
    private final int position;
    private final int limit;

    ExpansionLimit(String typed, int position, int limit) {
        this.typed = typed;
        this.position = position;
        this.limit = limit;
    }

    @Override
    public Query rewrite(IndexReader reader, MultiTermQuery query) throws IOException {
        Terms terms = MultiTerms.getTerms(reader, query.getField());
        if (terms != null) {
            TermsEnum matching = getTermsEnum(query, terms, new AttributeSource());
            int count = 0;
            while (matching.next() != null) {
                if (++count > limit) {
                    throw new TooBroad(QueryException.at(
                            "'" + typed + "' matches too many words (more than " + limit + "): add letters before '*'",
                            position));
                }
            }
        }
        return MultiTermQuery.CONSTANT_SCORE_BLENDED_REWRITE.rewrite(reader, query);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExpansionLimit that
                && typed.equals(that.typed)
                && position == that.position
                && limit == that.limit;
    }

    @Override
    public int hashCode() {
        return Objects.hash(typed, position, limit);
    }

    /** Thrown out of a search when a query expands too far; carries the message for the user. */
    static final class TooBroad extends RuntimeException {
        private static final long serialVersionUID = 1L;

        TooBroad(QueryException cause) {
            super(cause.getMessage(), cause);
        }

        QueryException queryException() {
            return (QueryException) Objects.requireNonNull(getCause());
        }
    }
}
