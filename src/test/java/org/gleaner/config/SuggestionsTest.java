package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SuggestionsTest {
    private static final List<String> FEED_KEYS = ConfigReader.FEED_KEYS;

    @ParameterizedTest
    @CsvSource({
        "evry, every",
        "ever, every",
        "tag, tags",
        "ur, url",
        "fulltxt, fulltext",
        "full_text, fulltext",
        "maxBytes, max_bytes",
        "allow-networks, allow_networks",
        "rbots, robots",
        "contnet, content",
        "Name, name"
    })
    void suggestsTheKeyTheUserMeant(String typo, String meant) {
        assertThat(Suggestions.closest(typo, FEED_KEYS)).isEqualTo(meant);
    }

    @ParameterizedTest
    @CsvSource({"colour", "interval", "x", "selector"})
    void suggestsNothingForWordsFarFromEveryKey(String word) {
        assertThat(Suggestions.closest(word, FEED_KEYS)).isNull();
    }
}
