package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.time.InstantSource;
import java.util.stream.Stream;
import org.apache.lucene.search.Query;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a query can be refused, with the message and the column it points at. */
class QueryLanguageTest {
    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2024-12-10T12:00:00Z"));

    static Stream<Arguments> malformedQueries() {
        return Stream.of(
                Arguments.of("", "the query is empty", 0),
                Arguments.of("   ", "the query is empty", 0),
                Arguments.of("homs prison)", "unexpected ')' at column 12", 11),
                Arguments.of(") homs", "unexpected ')' at column 1", 0),
                Arguments.of("(homs prison", "missing ')' to close the '(' at column 1", 0),
                Arguments.of("a (b (c)", "missing ')' to close the '(' at column 3", 2),
                Arguments.of("homs ()", "empty parentheses at column 6", 5),
                Arguments.of("homs OR", "OR needs a search term on each side at column 6", 5),
                Arguments.of("OR homs", "OR needs a search term on each side at column 1", 0),
                Arguments.of("homs OR OR prison", "OR needs a search term on each side at column 6", 5),
                Arguments.of("(homs OR)", "OR needs a search term on each side at column 7", 6),
                Arguments.of("homs AND", "AND needs a search term on each side at column 6", 5),
                Arguments.of("AND homs", "AND needs a search term on each side at column 1", 0),
                Arguments.of("homs NOT", "NOT needs a search term after it at column 6", 5),
                Arguments.of("homs -", "'-' needs a search term right after it at column 6", 5),
                Arguments.of("homs - prison", "'-' needs a search term right after it at column 6", 5),
                Arguments.of("say \"homs prison", "missing closing '\"' for the phrase that starts at column 5", 4),
                Arguments.of("\"\"", "empty phrase at column 1", 0),
                Arguments.of(
                        "\"homs prison\"~",
                        "'~' after a phrase needs a distance in words, like \"a b\"~5 at column 14",
                        13),
                Arguments.of("\"homs prison\"~99", "the distance after '~' is at most 50 at column 15", 14),
                Arguments.of(
                        "titel:homs",
                        "unknown field 'titel:' (fields are title: text: entry: author: feed: site: tag: lang: published: since: before: after:) at column 1",
                        0),
                Arguments.of("homs title:", "title: needs a value right after the colon at column 6", 5),
                Arguments.of("title: homs", "title: needs a value right after the colon at column 1", 0),
                Arguments.of("a*", "'a*' matches too many words: give at least 2 letters before '*' at column 1", 0),
                Arguments.of("homs *", "'*' matches too many words: give at least 2 letters before '*' at column 6", 5),
                Arguments.of("ho*ms", "'*' is only allowed at the end of a word at column 3", 2),
                Arguments.of("feed:*", "'*' needs at least one letter before it at column 6", 5),
                Arguments.of("ab~", "'ab~' is too short for a fuzzy match: give at least 3 letters at column 1", 0),
                Arguments.of("homs~3", "'~' after a word takes 1 or 2 (edits) at column 5", 4),
                Arguments.of("published:2024-13-01", "'2024-13-01' is not a valid date at column 11", 10),
                Arguments.of(
                        "published:yesterday",
                        "'yesterday' is not a date: use 2024-12-08, 2024-12 or 2024 (or 7d, 24h, 2w, 3m, 1y) at column 11",
                        10),
                Arguments.of(
                        "since:7x",
                        "'7x' is not a date: use 2024-12-08, 2024-12 or 2024 (or 7d, 24h, 2w, 3m, 1y) at column 7",
                        6),
                Arguments.of("since:*", "since: takes a date like 2024-12-08 at column 7", 6),
                Arguments.of("published:[2024-12-01 2024-12-08]", "expected 'TO' in the date range at column 23", 22),
                Arguments.of(
                        "published:[2024-12-01 TO 2024-12-08",
                        "missing ']' to close the date range that starts at column 11",
                        10),
                Arguments.of("published:[2024-12-01 TO ]", "expected a date like 2024-12-08 or '*' at column 26", 25),
                Arguments.of(
                        "title:[a TO b]",
                        "ranges are only for published:, like published:[2024-12-01 TO 2024-12-08] at column 7",
                        6),
                Arguments.of("published:\"2024\"", "published: takes a date, not a phrase at column 11", 10),
                Arguments.of("!!! …", "the query has no searchable words", 0),
                Arguments.of(
                        "(((((((((((((((((homs)))))))))))))))))",
                        "parentheses are nested too deeply (at most 16) at column 17",
                        16));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedQueries")
    void refusesAMalformedQueryWithAMessageThatPointsAtTheColumn(String query, String message, int position) {
        QueryException error = catchThrowableOfType(QueryException.class, () -> QueryLanguage.parse(query, CLOCK));
        assertThat(error).hasMessage(message);
        assertThat(error.position()).isEqualTo(position);
    }

    @Test
    void refusesAQueryLongerThanTheLimit() {
        QueryException error =
                catchThrowableOfType(QueryException.class, () -> QueryLanguage.parse("a".repeat(1001), CLOCK));
        assertThat(error).hasMessage("the query is too long (1001 characters; at most 1000)");
    }

    @Test
    void refusesAQueryWithTooManyTerms() {
        String query = "word ".repeat(65);
        QueryException error = catchThrowableOfType(QueryException.class, () -> QueryLanguage.parse(query, CLOCK));
        assertThat(error).hasMessage("the query has too many terms (at most 64) at column 321");
    }

    @Test
    void operatorsAreOnlyUpperCaseSoLowerCaseOrIsAWord() throws Exception {
        Query lower = QueryLanguage.parse("war or peace", CLOCK);
        Query upper = QueryLanguage.parse("war OR peace", CLOCK);
        assertThat(lower.toString()).contains("or");
        assertThat(upper.toString()).doesNotContain("+");
    }

    @Test
    void sinceIsResolvedAgainstTheInjectedClock() throws Exception {
        Query since = QueryLanguage.parse("since:1d", CLOCK);
        assertThat(since.toString())
                .contains(Long.toString(Instant.parse("2024-12-09T12:00:00Z").toEpochMilli()));
    }
}
