package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.lucene.facet.FacetResult;
import org.apache.lucene.facet.FacetsCollector;
import org.apache.lucene.facet.FacetsCollectorManager;
import org.apache.lucene.facet.LabelAndValue;
import org.apache.lucene.facet.StringDocValuesReaderState;
import org.apache.lucene.facet.StringValueFacetCounts;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.gleaner.index.ArticleFields;
import org.gleaner.index.FakeChangeLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Facet counts from Gleaner's per-segment columns against Lucene's own facet counting over the same
 * index: many segments, documents updated and deleted after their segment was read, several feeds
 * and tags per document.
 */
class FacetCountsTest {
    private static final Instant NOW = SearchFixture.NOW;

    @TempDir
    Path dir;

    @Test
    void countsEveryDimensionAsLuceneFacetsDoOverChangingSegments() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        try (SearchFixture fixture = new SearchFixture(dir)) {
            Map<String, Instant> published = new HashMap<>();
            for (int round = 0; round < 8; round++) {
                List<FakeChangeLog.Doc> docs = new ArrayList<>();
                for (int i = 0; i < 40; i++) {
                    // keys repeat across rounds: later rounds update documents of earlier segments
                    String key = "d" + random.nextInt(200);
                    Instant when =
                            random.nextInt(10) == 0 ? null : NOW.minus(Duration.ofHours(random.nextInt(24 * 400)));
                    docs.add(doc(key).title(random.nextBoolean() ? "storm warning" : "storm")
                            .feeds(values(random, "feed", 30))
                            .site(random.nextInt(8) == 0 ? null : "site" + random.nextInt(25) + ".example")
                            .tags(values(random, "tag", 40))
                            .language(
                                    random.nextInt(6) == 0
                                            ? null
                                            : List.of("en", "fr", "de").get(random.nextInt(3)))
                            .published(when));
                    published.put(key, when);
                }
                fixture.add(docs.toArray(FakeChangeLog.Doc[]::new));
                if (round % 3 == 2) {
                    String gone = "d" + random.nextInt(200);
                    fixture.log.delete(gone);
                    fixture.index.catchUp();
                    published.remove(gone);
                }
                // a faceted search after every round: the columns of earlier segments are reused
                for (String query : List.of("storm", "warning")) {
                    SearchResults results =
                            fixture.searcher.search(SearchRequest.of(query, 5).withFacets(true));
                    IndexSearcher lucene = fixture.index.searchers().acquire();
                    try {
                        FacetsCollector matches = lucene.search(
                                QueryLanguage.parse(query, java.time.InstantSource.fixed(NOW)),
                                new FacetsCollectorManager());
                        long total = matches.getMatchingDocs().stream()
                                .mapToLong(leaf -> leaf.totalHits)
                                .sum();
                        assertThat(results.total()).as(query).isEqualTo(total);
                        for (String dimension : Facets.KEYWORD_DIMENSIONS) {
                            assertThat(results.facets().get(dimension))
                                    .as(query + " " + dimension + " round " + round)
                                    .isEqualTo(luceneCounts(lucene, matches, dimension));
                        }
                    } finally {
                        fixture.index.searchers().release(lucene);
                    }
                }
            }
            assertThat(fixture.searcher.segmentsWithFacetColumns()).isPositive();
            // the date dimension against the documents' dates themselves, for the match-all query
            Map<String, Long> expected = new java.util.TreeMap<>(java.util.Comparator.reverseOrder());
            for (Instant when : published.values()) {
                if (when != null) {
                    java.time.LocalDate day = java.time.LocalDate.ofInstant(when, java.time.ZoneOffset.UTC);
                    String label = when.isBefore(
                                    NOW.minus(Duration.ofDays(29)).truncatedTo(java.time.temporal.ChronoUnit.DAYS))
                            ? java.time.YearMonth.from(day).toString()
                            : day.toString();
                    expected.merge(label, 1L, Long::sum);
                }
            }
            List<FacetCount> dates = fixture.searcher
                    .search(SearchRequest.of("", 5).withFacets(true))
                    .facets()
                    .get(Facets.DATE_DIMENSION);
            assertThat(dates)
                    .isEqualTo(expected.entrySet().stream()
                            .map(bucket -> new FacetCount(bucket.getKey(), bucket.getValue()))
                            .toList());
        }
    }

    @Test
    void theColumnsOfASegmentGoWhenTheIndexClosesIt() throws Exception {
        SearchFixture fixture = new SearchFixture(dir);
        fixture.add(doc("a").title("storm").feeds("x"));
        fixture.add(doc("b").title("storm").feeds("y"));
        fixture.searcher.search(SearchRequest.of("storm", 5).withFacets(true));
        assertThat(fixture.searcher.segmentsWithFacetColumns()).isEqualTo(2);
        fixture.close();
        assertThat(fixture.searcher.segmentsWithFacetColumns()).isZero();
    }

    @Test
    void numbersAreHeldIn8BitsWhenAllFitThenIn16ThenIn32() {
        int[][] cases = {{0, -1, 254, 7}, {0, -1, 255, 65_534}, {0, -1, 65_535, 1 << 20}};
        int[] bits = {8, 16, 32};
        for (int c = 0; c < cases.length; c++) {
            FacetColumns.Numbers numbers = FacetColumns.Numbers.of(cases[c].clone());
            assertThat(numbers.bits()).isEqualTo(bits[c]);
            List<Integer> read = new java.util.ArrayList<>();
            for (int i = 0; i < cases[c].length; i++) {
                read.add(numbers.get(i));
            }
            assertThat(read)
                    .containsExactly(java.util.Arrays.stream(cases[c]).boxed().toArray(Integer[]::new));
        }
    }

    @Test
    void readsDaysThatSpanMoreThan16BitsHoldInOneSegment() throws Exception {
        // 1800 to 2024 is about 82,000 days: the segment's days no longer fit in 16 bits
        Instant old = Instant.parse("1800-03-01T12:00:00Z");
        Instant recent = NOW.minus(Duration.ofDays(1));
        try (Directory directory = new ByteBuffersDirectory();
                IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig())) {
            writer.addDocument(ArticleFields.document(
                    doc("old").title("storm").published(old).build()));
            writer.addDocument(
                    ArticleFields.document(doc("undated").title("storm").build()));
            writer.addDocument(ArticleFields.document(
                    doc("new").title("storm").published(recent).build()));
            writer.forceMerge(1);
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(directory)) {
                FacetColumns.Segment segment =
                        FacetColumns.Segment.read(reader.leaves().get(0).reader());
                assertThat(List.of(segment.day(0), segment.day(1), segment.day(2)))
                        .containsExactly(epochDay(old), FacetColumns.NO_DAY, epochDay(recent));
            }
        }
    }

    private static int epochDay(Instant instant) {
        return Math.toIntExact(
                instant.atZone(java.time.ZoneOffset.UTC).toLocalDate().toEpochDay());
    }

    private static String[] values(SplittableRandom random, String prefix, int distinct) {
        String[] values = new String[random.nextInt(4)];
        for (int i = 0; i < values.length; i++) {
            values[i] = prefix + random.nextInt(distinct);
        }
        return values;
    }

    private static List<FacetCount> luceneCounts(IndexSearcher lucene, FacetsCollector matches, String dimension)
            throws IOException {
        StringValueFacetCounts counts =
                new StringValueFacetCounts(new StringDocValuesReaderState(lucene.getIndexReader(), dimension), matches);
        FacetResult result = counts.getTopChildren(SearchTuning.FACET_VALUES, dimension);
        List<FacetCount> out = new ArrayList<>();
        if (result != null) {
            for (LabelAndValue value : result.labelValues) {
                out.add(new FacetCount(value.label, value.value.longValue()));
            }
        }
        return out;
    }
}
