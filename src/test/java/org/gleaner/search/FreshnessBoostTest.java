package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.BulkScorer;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.Scorer;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopScoreDocCollector;
import org.apache.lucene.search.TopScoreDocCollectorManager;
import org.apache.lucene.search.Weight;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FreshnessBoostTest {
    private static final String TEXT = "text";
    private static final String TITLE = "title";
    private static final String PUBLISHED = "published";
    private static final long NOW = 1_733_600_000_000L;
    private static final long DAY = 86_400_000L;
    private static final long HALF_LIFE = 7 * DAY;
    private static final float WEIGHT = 1.0f;

    private final Directory directory = new ByteBuffersDirectory();
    private DirectoryReader reader;
    private IndexSearcher searcher;

    @BeforeEach
    void index() throws IOException {
        reader = build(directory, 3_000, 700);
        searcher = new IndexSearcher(reader);
        searcher.setQueryCache(null);
    }

    /** Documents of skewed random words, some with the word "homs" in their title, a segment per {@code perSegment}. */
    private static DirectoryReader build(Directory directory, int docs, int perSegment) throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        String[] words = {"homs", "prison", "market", "damascus", "aleppo", "report", "crowd", "gate"};
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int i = 0; i < docs; i++) {
                Document doc = new Document();
                StringBuilder text = new StringBuilder();
                // in large indexes, stretches of short texts repeating one word: there, text scores
                // rival title scores, so the fields leading the ranking change from window to window
                boolean repetitive = docs > 10_000 && (i / 1_000) % 4 == 1;
                int length = repetitive ? 2 + random.nextInt(3) : 5 + random.nextInt(40);
                String repeated = repetitive ? words[random.nextInt(words.length)] : "";
                for (int w = 0; w < length; w++) {
                    if (repetitive) {
                        text.append(repeated).append(' ');
                        continue;
                    }
                    // skewed: early words are frequent, so scores spread and pruning has work to do
                    text.append(words[Math.min(random.nextInt(words.length), random.nextInt(words.length))])
                            .append(' ');
                }
                doc.add(new TextField(TEXT, text.toString(), Field.Store.NO));
                // a word in few titles, as a searched word usually is: those documents lead by far
                doc.add(new TextField(TITLE, i % 300 == 7 ? "homs report" : "market crowd", Field.Store.NO));
                if (i % 17 != 0) { // some documents have no date
                    doc.add(new LongField(PUBLISHED, NOW - random.nextLong(400 * DAY), Field.Store.NO));
                }
                writer.addDocument(doc);
                if (i % perSegment == perSegment - 1) {
                    writer.commit(); // several segments, each with its own date range
                }
            }
        }
        return DirectoryReader.open(directory);
    }

    @AfterEach
    void close() throws IOException {
        reader.close();
        directory.close();
    }

    private static Query fresh(Query inner) {
        return new FreshnessBoost(inner, PUBLISHED, WEIGHT, NOW, HALF_LIFE);
    }

    private static Query asBoolean(Query inner) {
        return new BooleanQuery.Builder()
                .add(inner, Occur.MUST)
                .add(LongField.newDistanceFeatureQuery(PUBLISHED, WEIGHT, NOW, HALF_LIFE), Occur.SHOULD)
                .build();
    }

    private static List<Query> queries() {
        Query homs = new TermQuery(new Term(TEXT, "homs"));
        Query gate = new TermQuery(new Term(TEXT, "gate"));
        Query crowd = new TermQuery(new Term(TEXT, "crowd"));
        return List.of(
                homs,
                gate,
                new BooleanQuery.Builder()
                        .add(homs, Occur.MUST)
                        .add(gate, Occur.MUST)
                        .build(),
                new BooleanQuery.Builder()
                        .add(gate, Occur.SHOULD)
                        .add(crowd, Occur.SHOULD)
                        .build(),
                inTitleOrText("homs"),
                new PhraseQuery(TEXT, "homs", "prison"),
                phraseInTitleOrText("homs", "report"));
    }

    @Test
    void scoresEveryMatchAsTheTextQueryWithADistanceFeatureClause() throws IOException {
        for (Query inner : queries()) {
            TopDocs expected =
                    searcher.search(asBoolean(inner), new TopScoreDocCollectorManager(5_000, Integer.MAX_VALUE));
            TopDocs actual = searcher.search(fresh(inner), new TopScoreDocCollectorManager(5_000, Integer.MAX_VALUE));
            assertThat(actual.totalHits).as(inner.toString()).isEqualTo(expected.totalHits);
            assertThat(docsAndScores(actual)).as(inner.toString()).isEqualTo(docsAndScores(expected));
        }
    }

    @Test
    void findsTheSameTopHitsWhenRankingSkipsNonCompetitiveDocuments() throws IOException {
        for (Query inner : queries()) {
            for (int top : new int[] {1, 10, 20}) {
                TopDocs expected =
                        searcher.search(asBoolean(inner), new TopScoreDocCollectorManager(top, Integer.MAX_VALUE));
                TopDocs actual = searcher.search(fresh(inner), new TopScoreDocCollectorManager(top, 1));
                assertThat(docsAndScores(actual)).as(inner + " top " + top).isEqualTo(docsAndScores(expected));
            }
        }
    }

    @Test
    void findsTheSameTopHitsAndTotalWhenACountingBarSkipsTheBonusOfMatchesBelowIt() throws IOException {
        for (Query inner : queries()) {
            for (int top : new int[] {1, 10, 20}) {
                TopDocs expected =
                        searcher.search(asBoolean(inner), new TopScoreDocCollectorManager(top, Integer.MAX_VALUE));
                // as ArticleSearcher ranks a first page: a weight for top scores, every match counted
                Weight weight = searcher.createWeight(searcher.rewrite(fresh(inner)), ScoreMode.TOP_SCORES, 1f);
                TopScoreDocCollector collector = new TopScoreDocCollectorManager(top, 1_000_000).newCollector();
                CountingBar bar = new CountingBar(top);
                for (LeafReaderContext leaf : reader.leaves()) {
                    LeafCollector leafCollector = bar.watch(collector.getLeafCollector(leaf));
                    BulkScorer scorer = weight.bulkScorer(leaf);
                    if (scorer != null) {
                        scorer.score(leafCollector, leaf.reader().getLiveDocs());
                    }
                    leafCollector.finish();
                }
                TopDocs actual = collector.topDocs();

                assertThat(actual.totalHits).as(inner + " top " + top).isEqualTo(expected.totalHits);
                assertThat(docsAndScores(actual)).as(inner + " top " + top).isEqualTo(docsAndScores(expected));
            }
        }
    }

    /** A word in the title (boosted) or the text, as Gleaner's query language searches a word. */
    private static Query inTitleOrText(String word) {
        return new DisjunctionMaxQuery(
                List.of(new BoostQuery(new TermQuery(new Term(TITLE, word)), 3f), new TermQuery(new Term(TEXT, word))),
                0.3f);
    }

    private static Query phraseInTitleOrText(String... words) {
        return new DisjunctionMaxQuery(
                List.of(new BoostQuery(new PhraseQuery(TITLE, words), 3f), new PhraseQuery(TEXT, words)), 0.3f);
    }

    @Test
    void skipsBlocksThatCannotCompeteForAWordInSeveralFields() throws IOException {
        // one segment of many blocks: the word in every text, and in the title of one document in 1,000
        try (Directory large = new ByteBuffersDirectory()) {
            SplittableRandom random = new SplittableRandom(5);
            try (IndexWriter writer = new IndexWriter(large, new IndexWriterConfig(new StandardAnalyzer()))) {
                for (int i = 0; i < 20_000; i++) {
                    Document doc = new Document();
                    doc.add(new TextField(TEXT, "homs " + "report ".repeat(random.nextInt(30)), Field.Store.NO));
                    doc.add(new TextField(TITLE, i % 1_000 == 7 ? "homs report" : "market crowd", Field.Store.NO));
                    doc.add(new LongField(PUBLISHED, NOW - random.nextLong(400 * DAY), Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader largeReader = DirectoryReader.open(large)) {
                IndexSearcher largeSearcher = new IndexSearcher(largeReader);
                Query inner = inTitleOrText("homs");
                TopDocs expected =
                        largeSearcher.search(asBoolean(inner), new TopScoreDocCollectorManager(5, Integer.MAX_VALUE));
                TopDocs actual = largeSearcher.search(fresh(inner), new TopScoreDocCollectorManager(5, 1));
                assertThat(docsAndScores(actual)).isEqualTo(docsAndScores(expected));
                // a disjunction max with a tie breaker tells its fields nothing of the bar: without block
                // skipping around it, every one of the 20,000 matches would be scored
                assertThat(actual.totalHits.value).isLessThan(10_000);
            }
        }
    }

    @Test
    void ranksRandomWordQueriesAsTheBooleanQueryDoes() throws IOException {
        assertThat(randomQueriesRankedAlike(searcher, 200)).isGreaterThan(2_000);
    }

    @Test
    void ranksRandomWordQueriesAsTheBooleanQueryDoesOverSegmentsOfManyWindows() throws IOException {
        // segments of many thousand documents: ranking splits the fields afresh in every window of them
        try (Directory large = new ByteBuffersDirectory();
                DirectoryReader largeReader = build(large, 24_000, 12_000)) {
            IndexSearcher largeSearcher = new IndexSearcher(largeReader);
            largeSearcher.setQueryCache(null);
            assertThat(randomQueriesRankedAlike(largeSearcher, 60)).isGreaterThan(600);
        }
    }

    @Test
    void findsTextMatchesThatOnlyCompeteInALaterWindow() throws IOException {
        // Every text holds the word; a title with it (weighted so) outscores an ordinary text, so once
        // three titles are found they lead ranking alone. Between the third and the fourth title lies a
        // stretch of short texts repeating the word, which outscore the titles. The window after the
        // third title's must be split afresh (the text's postings blocks there bound it higher), not
        // leapt over on the way to the fourth title. The stretch is further from the third title than
        // the text's coarsest postings blocks reach, so no earlier window's bound already covers it.
        try (Directory crafted = new ByteBuffersDirectory()) {
            try (IndexWriter writer = new IndexWriter(crafted, new IndexWriterConfig(new StandardAnalyzer()))) {
                for (int i = 0; i < 40_000; i++) {
                    Document doc = new Document();
                    boolean repetitive = i >= 25_000 && i < 28_000 && i % 2 == 0;
                    String text = repetitive ? "homs ".repeat(30) : "homs " + "market ".repeat(199);
                    doc.add(new TextField(TEXT, text, Field.Store.NO));
                    doc.add(new TextField(
                            TITLE, i % 10_000 == 100 ? "homs " + "market ".repeat(10) : "report", Field.Store.NO));
                    writer.addDocument(doc);
                }
                writer.forceMerge(1);
            }
            try (DirectoryReader craftedReader = DirectoryReader.open(crafted)) {
                IndexSearcher craftedSearcher = new IndexSearcher(craftedReader);
                // the word is in every text, so its text scores are tiny: the title's weight brings its
                // score between an ordinary text's and a repetitive one's
                Query inner = new DisjunctionMaxQuery(
                        List.of(
                                new BoostQuery(new TermQuery(new Term(TITLE, "homs")), 1.05e-5f),
                                new TermQuery(new Term(TEXT, "homs"))),
                        0.3f);
                TopDocs expected =
                        craftedSearcher.search(asBoolean(inner), new TopScoreDocCollectorManager(3, Integer.MAX_VALUE));
                assertThat(expected.scoreDocs).as("the repetitive texts lead").allSatisfy(hit -> assertThat(hit.doc)
                        .isBetween(25_000, 27_999));
                TopDocs actual = craftedSearcher.search(fresh(inner), new TopScoreDocCollectorManager(3, 1));
                assertThat(docsAndScores(actual)).isEqualTo(docsAndScores(expected));
            }
        }
    }

    /** Random queries of words ranked with skipping and without; returns how many hits were compared. */
    private static int randomQueriesRankedAlike(IndexSearcher searcher, int queries) throws IOException {
        String[] words = {"homs", "prison", "market", "damascus", "aleppo", "report", "crowd", "gate"};
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int q = 0; q < queries; q++) {
            int count = 1 + random.nextInt(3);
            BooleanQuery.Builder query = new BooleanQuery.Builder();
            Occur occur = random.nextBoolean() ? Occur.MUST : Occur.SHOULD;
            for (int w = 0; w < count; w++) {
                String word = words[random.nextInt(words.length)];
                Query clause =
                        switch (random.nextInt(4)) {
                            case 0 -> new TermQuery(new Term(TEXT, word));
                            case 1 -> phraseInTitleOrText(word, words[random.nextInt(words.length)]);
                            default -> inTitleOrText(word);
                        };
                query.add(clause, occur);
            }
            if (random.nextInt(3) == 0) {
                query.add(LongField.newRangeQuery(PUBLISHED, NOW - 100 * DAY, NOW), Occur.FILTER);
            }
            if (random.nextInt(3) == 0) {
                query.add(LongField.newRangeQuery(PUBLISHED, NOW - 300 * DAY, NOW), Occur.MUST);
            }
            if (random.nextInt(3) == 0) {
                query.add(new TermQuery(new Term(TEXT, words[random.nextInt(words.length)])), Occur.MUST_NOT);
            }
            Query inner = random.nextInt(5) == 0 ? inTitleOrText(words[random.nextInt(words.length)]) : query.build();
            for (int top : new int[] {1, 7, 30}) {
                TopDocs expected =
                        searcher.search(asBoolean(inner), new TopScoreDocCollectorManager(top, Integer.MAX_VALUE));
                TopDocs actual = searcher.search(fresh(inner), new TopScoreDocCollectorManager(top, 1));
                assertThat(docsAndScores(actual)).as(inner + " top " + top).isEqualTo(docsAndScores(expected));
                compared += expected.scoreDocs.length;
            }
            assertThat(singleDocumentsScoredAlike(searcher, inner))
                    .as(inner.toString())
                    .isEqualTo(searcher.count(inner));
        }
        return compared;
    }

    @Test
    void pagesAfterAHitAsTheBooleanQueryDoes() throws IOException {
        for (Query inner : List.of(queries().get(3), inTitleOrText("gate"))) {
            TopDocs first = searcher.search(fresh(inner), new TopScoreDocCollectorManager(10, 1));
            ScoreDoc last = first.scoreDocs[9];
            TopDocs expected =
                    searcher.search(asBoolean(inner), new TopScoreDocCollectorManager(10, last, Integer.MAX_VALUE));
            TopDocs actual = searcher.search(fresh(inner), new TopScoreDocCollectorManager(10, last, 1));
            assertThat(docsAndScores(actual)).as(inner.toString()).isEqualTo(docsAndScores(expected));
        }
    }

    @Test
    void scoresSingleDocumentsThroughItsScorerAsWhenCollecting() throws IOException {
        for (Query inner : List.of(queries().get(2), inTitleOrText("homs"), phraseInTitleOrText("homs", "report"))) {
            assertThat(singleDocumentsScoredAlike(searcher, inner))
                    .as(inner.toString())
                    .isGreaterThan(5);
        }
    }

    private static int singleDocumentsScoredAlike(IndexSearcher searcher, Query inner) throws IOException {
        Weight expected = searcher.createWeight(searcher.rewrite(asBoolean(inner)), ScoreMode.COMPLETE, 1f);
        Weight actual = searcher.createWeight(searcher.rewrite(fresh(inner)), ScoreMode.TOP_SCORES, 1f);
        int compared = 0;
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Scorer want = expected.scorer(leaf);
            Scorer got = actual.scorer(leaf);
            assertThat(got == null).isEqualTo(want == null);
            if (want == null || got == null) {
                continue;
            }
            for (int doc = want.iterator().nextDoc();
                    doc != DocIdSetIterator.NO_MORE_DOCS;
                    doc = want.iterator().nextDoc()) {
                assertThat(got.iterator().advance(doc)).isEqualTo(doc);
                assertThat(got.score()).isEqualTo(want.score());
                compared++;
            }
        }
        return compared;
    }

    @Test
    void explainsTheBonusBesideTheTextScore() throws IOException {
        Query query = fresh(queries().get(0));
        TopDocs top = searcher.search(query, 1);
        assertThat(searcher.explain(query, top.scoreDocs[0].doc).getValue().floatValue())
                .isEqualTo(top.scoreDocs[0].score);
    }

    private static List<String> docsAndScores(TopDocs top) {
        List<String> out = new ArrayList<>();
        for (ScoreDoc hit : top.scoreDocs) {
            out.add(hit.doc + ":" + hit.score);
        }
        return out;
    }
}
