package org.gleaner.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Never throws for bad input": every fixture cut at many lengths and with bytes overwritten at random (fixed
 * seed, so a failure reproduces) must give a value, and cutting a well-formed RSS/Atom fixture never yields
 * more entries than the whole document has.
 */
class FeedParserRobustnessTest {
    private static final Path DIR = Path.of("src/test/resources/fixtures/feeds");
    private static final URI BASE = URI.create("https://fuzz.example.com/feed");
    private static final byte[] NASTY =
            "<>&;\"'/![]#x0\u0000\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

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
    void givesAValueForEveryTruncationAndCorruption(String name) throws IOException {
        byte[] original = Files.readAllBytes(DIR.resolve(name));
        FeedParser parser = new FeedParser();
        FeedParseResult whole = parser.parse(original, null, BASE);
        int wholeEntries = whole instanceof ParsedFeed f ? f.entries().size() : 0;
        Random random = new Random(name.hashCode());

        for (int cut = 0; cut < original.length; cut += Math.max(1, original.length / 41)) {
            byte[] truncated = java.util.Arrays.copyOf(original, cut);
            assertThatCode(() -> {
                        FeedParseResult result = parser.parse(truncated, null, BASE);
                        if (result instanceof ParsedFeed f && whole instanceof ParsedFeed) {
                            assertThat(f.entries().size()).isLessThanOrEqualTo(Math.max(wholeEntries, 1));
                        }
                    })
                    .as("%s cut at %d", name, cut)
                    .doesNotThrowAnyException();
        }
        for (int round = 0; round < 25; round++) {
            byte[] corrupted = original.clone();
            for (int k = 0; k < 1 + random.nextInt(8); k++) {
                int at = random.nextInt(corrupted.length);
                corrupted[at] = random.nextBoolean() ? NASTY[random.nextInt(NASTY.length)] : (byte) random.nextInt(256);
            }
            int r = round;
            assertThatCode(() -> assertThat(parser.parse(corrupted, null, BASE)).isNotNull())
                    .as("%s corruption round %d", name, r)
                    .doesNotThrowAnyException();
        }
    }
}
