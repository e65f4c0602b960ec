package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The golden suite (DESIGN §5): every folder under {@code fixtures/articles/} holds a page
 * ({@code source.html}), its expected main text ({@code expected.txt}) and its expected outcome and
 * metadata ({@code expected.json}). Run with {@code -Dgolden.update=true} to rewrite the expectations
 * after a heuristic change, then review the diff.
 */
class GoldenArticlesTest {
    private static final Path ROOT = Path.of("src/test/resources/fixtures/articles");
    private static final boolean UPDATE = Boolean.getBoolean("golden.update");

    static Stream<String> fixtures() throws IOException {
        try (Stream<Path> dirs = Files.list(ROOT)) {
            return dirs
                    .filter(d -> Files.isRegularFile(d.resolve("source.html")))
                    .map(d -> d.getFileName().toString())
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @Test
    void suiteHasAtLeastTwentyFivePages() throws IOException {
        assertThat(fixtures().count()).isGreaterThanOrEqualTo(25);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void extractsAsExpected(String slug) throws IOException {
        Path dir = ROOT.resolve(slug);
        byte[] source = Files.readAllBytes(dir.resolve("source.html"));
        URI uri = URI.create("https://fixtures.example.org/" + slug + "/");
        ExtractionResult result = new ArticleExtractor().extract(source, null, uri);
        String text = result instanceof ExtractedArticle a ? a.text() + "\n" : "";
        String json = toJson(result);
        Path textFile = dir.resolve("expected.txt");
        Path jsonFile = dir.resolve("expected.json");
        if (UPDATE) {
            Files.writeString(textFile, text, StandardCharsets.UTF_8);
            Files.writeString(jsonFile, json, StandardCharsets.UTF_8);
            return;
        }
        assertThat(text).as("%s main text", slug).isEqualTo(Files.readString(textFile, StandardCharsets.UTF_8));
        assertThat(json)
                .as("%s outcome and metadata", slug)
                .isEqualTo(Files.readString(jsonFile, StandardCharsets.UTF_8));
    }

    private static String toJson(ExtractionResult r) {
        PageMetadata m = r.metadata();
        Map<String, @Nullable Object> fields = new LinkedHashMap<>();
        fields.put("outcome", r instanceof ExtractedArticle ? "article" : "none");
        fields.put("reason", r instanceof NoArticle n ? n.reason() : null);
        fields.put("title", m.title());
        fields.put("byline", m.byline());
        fields.put("published", m.published() == null ? null : m.published().toString());
        fields.put("modified", m.modified() == null ? null : m.modified().toString());
        fields.put("canonicalUrl", m.canonicalUrl());
        fields.put("siteName", m.siteName());
        fields.put("language", m.language());
        fields.put("description", m.description());
        fields.put("leadImage", m.leadImage());
        StringBuilder sb = new StringBuilder("{\n");
        int i = 0;
        for (Map.Entry<String, @Nullable Object> e : fields.entrySet()) {
            sb.append("  \"").append(e.getKey()).append("\": ");
            Object v = e.getValue();
            sb.append(v == null ? "null" : quote(v.toString()));
            sb.append(++i < fields.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    private static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
