package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests: every {@code fixtures/feeds/<slug>.xml|.json} is parsed and compared with
 * {@code <slug>.expected.json} (the {@code gleaner inspect} shape, plus {@code _hints} when the feed has any, or
 * {@code {"_failure":"KIND"}}). An optional {@code <slug>.properties} gives {@code contentType} and {@code base}.
 * Run with {@code -Dgolden.update=true} to rewrite the expectations, then review the diff.
 */
class FeedFixturesTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/feeds");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> (n.endsWith(".xml") || n.endsWith(".json")) && !n.endsWith(".expected.json"))
                    .sorted()
                    .toList();
            return names.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void parsesFixtureAsExpected(String name) throws IOException {
        String slug = name.substring(0, name.lastIndexOf('.'));
        Properties props = new Properties();
        Path propsFile = DIR.resolve(slug + ".properties");
        if (Files.exists(propsFile)) {
            props.load(new StringReader(Files.readString(propsFile, StandardCharsets.UTF_8)));
        }
        URI base = URI.create(props.getProperty("base", "https://fixtures.example.com/feeds/" + name));
        FeedParseResult result =
                new FeedParser().parse(Files.readAllBytes(DIR.resolve(name)), props.getProperty("contentType"), base);
        JsonNode actual = describe(result);
        Path expectedFile = DIR.resolve(slug + ".expected.json");
        if (Boolean.getBoolean("golden.update") || !Files.exists(expectedFile)) {
            Files.writeString(
                    expectedFile,
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode expected = JSON.readTree(Files.readString(expectedFile, StandardCharsets.UTF_8));
        assertThat(actual).isEqualTo(expected);
    }

    static JsonNode describe(FeedParseResult result) throws IOException {
        if (result instanceof FeedParseFailure failure) {
            return JSON.createObjectNode().put("_failure", failure.kind().name());
        }
        ParsedFeed feed = (ParsedFeed) result;
        ObjectNode node = (ObjectNode) JSON.readTree(FeedJson.inspect(feed));
        if (!feed.hints().equals(FeedHints.none())) {
            ObjectNode hints = node.putObject("_hints");
            hints.put("ttl", String.valueOf(feed.hints().ttl()));
            hints.put("updateInterval", String.valueOf(feed.hints().updateInterval()));
        }
        return node;
    }
}
