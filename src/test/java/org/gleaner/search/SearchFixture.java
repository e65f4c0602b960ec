package org.gleaner.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import org.gleaner.index.ArticleIndex;
import org.gleaner.index.FakeChangeLog;
import org.gleaner.model.SearchDocument;

/** An index over a fake change log with a searcher at a fixed time, for search tests. */
final class SearchFixture implements AutoCloseable {
    static final Instant NOW = Instant.parse("2024-12-10T12:00:00Z");

    final FakeChangeLog log = new FakeChangeLog();
    final ArticleIndex index;
    final ArticleSearcher searcher;

    SearchFixture(Path dir) throws IOException {
        index = ArticleIndex.open(dir, log);
        searcher = new ArticleSearcher(index, InstantSource.fixed(NOW));
    }

    SearchFixture add(FakeChangeLog.Doc... docs) {
        for (FakeChangeLog.Doc doc : docs) {
            SearchDocument built = doc.build();
            log.put(built);
        }
        try {
            index.catchUp();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    SearchResults search(String query) throws QueryException {
        return searcher.search(SearchRequest.of(query, 20));
    }

    List<String> keys(String query) throws QueryException {
        return search(query).hits().stream().map(SearchHit::key).toList();
    }

    @Override
    public void close() throws IOException {
        index.close();
    }
}
