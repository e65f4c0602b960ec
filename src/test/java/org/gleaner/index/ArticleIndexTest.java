package org.gleaner.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.gleaner.model.Change;
import org.gleaner.model.ChangeLog;
import org.gleaner.model.SearchDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArticleIndexTest {
    @TempDir
    Path dir;

    private final FakeChangeLog log = new FakeChangeLog();

    @Test
    void appliesTheLogAndCommitsTheLastSequenceInUserData() throws IOException {
        log.put(doc("a:1").title("Homs prison opened").build());
        log.put(doc("a:2").title("Aleppo market").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            assertThat(index.catchUp()).isEqualTo(2);
            assertThat(index.appliedSequence()).isEqualTo(2);
            assertThat(index.documentCount()).isEqualTo(2);
        }
        try (FSDirectory directory = FSDirectory.open(dir)) {
            Map<String, String> userData =
                    SegmentInfos.readLatestCommit(directory).getUserData();
            assertThat(userData).containsEntry(ArticleIndex.SEQUENCE_KEY, "2");
        }
    }

    @Test
    void announcesASequenceAsSearchableOnlyAfterApplyingAndRefreshing() throws IOException {
        log.put(doc("a:1").title("Homs prison opened").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            assertThat(index.searchableSequence()).isZero();
            index.catchUp();
            assertThat(index.searchableSequence()).isEqualTo(1);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "prison"))))
                    .containsExactly("a:1");
        }
        try (ArticleIndex reopened = ArticleIndex.open(dir, log)) {
            assertThat(reopened.searchableSequence()).isEqualTo(1);
        }
    }

    @Test
    void upsertsByKeySoAChangedDocumentReplacesTheOldOne() throws IOException {
        log.put(doc("a:1").title("First headline").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            log.put(doc("a:1").title("Corrected headline").build());
            index.catchUp();
            assertThat(index.documentCount()).isEqualTo(1);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "correct"))))
                    .containsExactly("a:1");
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "first"))))
                    .isEmpty();
        }
    }

    @Test
    void deletesWhenTheStoreNoLongerHasTheDocument() throws IOException {
        log.put(doc("a:1").title("Gone soon").build());
        log.put(doc("a:2").title("Staying").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            log.delete("a:1");
            assertThat(index.catchUp()).isEqualTo(1);
            assertThat(index.documentCount()).isEqualTo(1);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.KEY, "a:1"))))
                    .isEmpty();
        }
    }

    @Test
    void readsEachKeyOnceWhenABatchChangesItSeveralTimes() throws IOException {
        for (int i = 0; i < 5; i++) {
            log.put(doc("a:1").title("version " + i).build());
        }
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            assertThat(index.catchUp()).isEqualTo(5);
            assertThat(log.documentReads()).isEqualTo(1);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "4"))))
                    .containsExactly("a:1");
        }
    }

    @Test
    void aKeyChangedAgainInTheNextBatchEndsAtItsLaterVersion() throws IOException {
        // batches hold 1,000 changes: the key closes the first and opens the second
        for (int i = 0; i < 999; i++) {
            log.put(doc("a:filler-" + i).title("filler").build());
        }
        log.put(doc("a:k").build());
        log.put(doc("a:k").build());
        log.put(doc("a:filler-last").title("filler").build());
        // The store changes between the two batches' reads. The first version is long to index, so
        // had the second batch not waited for it, it would be applied last.
        AtomicInteger reads = new AtomicInteger();
        ChangeLog changing = readingDocuments(key -> !key.equals("a:k")
                ? log.document(key)
                : Optional.of(
                        reads.incrementAndGet() == 1
                                ? doc("a:k").text("stale ".repeat(200_000)).build()
                                : doc("a:k").text("fresh").build()));
        try (ArticleIndex index = ArticleIndex.open(dir, changing)) {
            assertThat(index.catchUp()).isEqualTo(1_002);
            assertThat(reads).as("the key is read once per batch").hasValue(2);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.ARTICLE_TEXT, "fresh"))))
                    .containsExactly("a:k");
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.ARTICLE_TEXT, "stale"))))
                    .isEmpty();
        }
    }

    @Test
    void aStoreFailureHalfWayKeepsTheAppliedSequenceAndTheNextCatchUpCompletes() throws IOException {
        for (int i = 0; i < 2_500; i++) {
            log.put(doc("a:" + i).title("story " + i).build());
        }
        AtomicBoolean failing = new AtomicBoolean(true);
        ChangeLog flaky = readingDocuments(key -> {
            if (key.equals("a:1500") && failing.get()) {
                throw new IllegalStateException("store unavailable");
            }
            return log.document(key);
        });
        try (ArticleIndex index = ArticleIndex.open(dir, flaky)) {
            assertThatThrownBy(index::catchUp).hasMessage("store unavailable");
            // the first batch may be applied, the second (holding the failed read) is not
            assertThat(index.appliedSequence()).isLessThanOrEqualTo(1_000);
            long before = index.appliedSequence();
            failing.set(false);
            assertThat(index.catchUp()).isEqualTo(2_500 - before);
            assertThat(index.appliedSequence()).isEqualTo(2_500);
            assertThat(index.documentCount()).isEqualTo(2_500);
        }
    }

    @Test
    void resumesFromTheCommittedSequenceAfterReopening() throws IOException {
        log.put(doc("a:1").title("one").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
        }
        log.put(doc("a:2").title("two").build());
        int readsBefore = log.documentReads();
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            assertThat(index.appliedSequence()).isEqualTo(1);
            assertThat(index.catchUp()).isEqualTo(1);
            assertThat(log.documentReads() - readsBefore).isEqualTo(1);
            assertThat(index.documentCount()).isEqualTo(2);
        }
    }

    @Test
    void rebuildsFromTheLogWhenTheIndexDirectoryWasDeleted() throws IOException {
        log.put(doc("a:1").title("Homs prison").build());
        log.put(doc("a:2").title("Damascus airport").build());
        log.delete("a:2");
        List<String> before;
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            before = keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "prison")));
        }
        deleteRecursively(dir);
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            assertThat(index.appliedSequence()).isZero();
            assertThat(index.catchUp()).isEqualTo(3);
            assertThat(index.documentCount()).isEqualTo(1);
            assertThat(keysMatching(index, new TermQuery(new Term(ArticleFields.TITLE, "prison"))))
                    .isEqualTo(before);
        }
    }

    @Test
    void rebuildOnDemandReappliesTheWholeLog() throws IOException {
        log.put(doc("a:1").title("one").build());
        log.put(doc("a:2").title("two").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            int readsBefore = log.documentReads();
            assertThat(index.rebuild()).isEqualTo(2);
            assertThat(log.documentReads() - readsBefore).isEqualTo(2);
            assertThat(index.documentCount()).isEqualTo(2);
            assertThat(index.appliedSequence()).isEqualTo(2);
        }
    }

    @Test
    void rebuildsWhenTheIndexIsAheadOfTheLog() throws IOException {
        log.put(doc("a:1").title("old store").build());
        log.put(doc("a:2").title("old store").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
        }
        FakeChangeLog replaced = new FakeChangeLog();
        replaced.put(doc("a:9").title("new store").build());
        try (ArticleIndex index = ArticleIndex.open(dir, replaced)) {
            assertThat(index.appliedSequence()).isZero();
            index.catchUp();
            assertThat(index.documentCount()).isEqualTo(1);
        }
    }

    @Test
    void tailingMakesANewDocumentSearchableWithoutACallToCatchUp() throws Exception {
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.startTailing(Duration.ofMillis(20));
            log.put(doc("a:1").title("Breaking news from Homs").build());
            Query homs = new TermQuery(new Term(ArticleFields.TITLE, "hom"));
            for (int attempt = 0; attempt < 500 && keysMatching(index, homs).isEmpty(); attempt++) {
                Thread.sleep(20);
            }
            assertThat(keysMatching(index, homs)).containsExactly("a:1");
        }
    }

    @Test
    void keepsPositionsAndOffsetsForPhrasesAndHighlighting() throws IOException {
        log.put(doc("a:1").title("Title").text("The prison in Homs").build());
        try (ArticleIndex index = ArticleIndex.open(dir, log)) {
            index.catchUp();
            IndexSearcher searcher = index.searchers().acquire();
            try {
                assertThat(searcher.getIndexReader()
                                .leaves()
                                .get(0)
                                .reader()
                                .getFieldInfos()
                                .fieldInfo(ArticleFields.ARTICLE_TEXT)
                                .getIndexOptions())
                        .isEqualTo(org.apache.lucene.index.IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
            } finally {
                index.searchers().release(searcher);
            }
        }
    }

    static List<String> keysMatching(ArticleIndex index, Query query) throws IOException {
        IndexSearcher searcher = index.searchers().acquire();
        try {
            List<String> keys = new ArrayList<>();
            for (ScoreDoc hit : searcher.search(query, 100).scoreDocs) {
                keys.add(searcher.storedFields().document(hit.doc).get(ArticleFields.KEY));
            }
            return keys;
        } finally {
            index.searchers().release(searcher);
        }
    }

    /** The test's change log, its documents read through {@code documents}: a store that changes or fails. */
    private ChangeLog readingDocuments(Function<String, Optional<SearchDocument>> documents) {
        return new ChangeLog() {
            @Override
            public List<Change> readAfter(long afterSequence, int limit) {
                return log.readAfter(afterSequence, limit);
            }

            @Override
            public long head() {
                return log.head();
            }

            @Override
            public Optional<SearchDocument> document(String documentKey) {
                return documents.apply(documentKey);
            }
        };
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
