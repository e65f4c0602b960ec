package org.gleaner.alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.Query;

/**
 * Lets equal parts of different watches' queries share one instance.
 *
 * <p>A query word becomes a disjunction over three fields of every language's form of the word
 * (about a kilobyte of query objects), and the same words recur across thousands of watches. The
 * copy returned here is {@link Query#equals equal} to the query given, so it matches exactly the
 * same documents; only its parts below the top are replaced by a canonical equal instance. Lucene
 * queries are immutable, so sharing them across watches and threads is safe.
 *
 * <p>The table of canonical parts is needed only while watches are being registered: {@link #forget}
 * drops it afterwards (a retained entry would cost about as much as the part it saves), so watches
 * registered later share parts among themselves, not with the earlier ones.
 *
 * <p>Watches are parsed on several threads at once: the table is a concurrent map and no lock is
 * held while a query is rebuilt (one lock over the whole rebuild kept the parsing threads waiting
 * for each other while 100,000 watches were registered). Two threads that rebuild equal parts at
 * once keep whichever instance reached the table first.
 */
final class SharedQueries {
    private final Map<Query, Query> canonical = new ConcurrentHashMap<>();

    /** An equal query whose parts are shared with the queries shared before. */
    Query share(Query query) {
        return rebuild(query);
    }

    /** Drops the table of canonical parts; the queries already shared keep sharing them. */
    void forget() {
        canonical.clear();
    }

    /** How many distinct parts are held (tests). */
    int size() {
        return canonical.size();
    }

    private Query rebuild(Query query) {
        if (query instanceof BooleanQuery bool) {
            BooleanQuery.Builder builder =
                    new BooleanQuery.Builder().setMinimumNumberShouldMatch(bool.getMinimumNumberShouldMatch());
            for (BooleanClause clause : bool.clauses()) {
                builder.add(canonical(clause.getQuery()), clause.getOccur());
            }
            return builder.build();
        }
        if (query instanceof DisjunctionMaxQuery max) {
            List<Query> disjuncts = new ArrayList<>();
            for (Query disjunct : max.getDisjuncts()) {
                disjuncts.add(canonical(disjunct));
            }
            return new DisjunctionMaxQuery(disjuncts, max.getTieBreakerMultiplier());
        }
        if (query instanceof BoostQuery boost) {
            return new BoostQuery(canonical(boost.getQuery()), boost.getBoost());
        }
        // A leaf (term, synonym, phrase, prefix, range…) or a type without parts to share.
        return query;
    }

    private Query canonical(Query part) {
        Query existing = canonical.get(part);
        if (existing != null) {
            return existing;
        }
        Query rebuilt = rebuild(part);
        Query first = canonical.putIfAbsent(rebuilt, rebuilt);
        return first == null ? rebuilt : first;
    }
}
