package org.gleaner.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectCommandTest {
    private static final String FEED =
            """
            <rss version="2.0"><channel><title>T</title><item>
              <description>safe&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src="https://cdn.example/i.png" onclick="x()"&gt;</description>
            </item></channel></rss>
            """;

    @TempDir
    Path dir;

    @Test
    void batchPrintsEntryHtmlAsTheFeedGaveIt() throws Exception {
        Path list = batch();

        Cli.Result result = Cli.run("inspect", "--batch", list.toString());

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("<script>alert(1)</script>").contains("onclick");
    }

    @Test
    void displayPrintsEntryHtmlAsGleanerStoresItForReaders() throws Exception {
        Path list = batch();

        Cli.Result result = Cli.run("inspect", "--batch", list.toString(), "--display");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out())
                .contains("\"summary\":\"safe")
                .contains("<img src=\\\"https://cdn.example/i.png\\\">")
                .doesNotContain("script")
                .doesNotContain("alert")
                .doesNotContain("onclick");
    }

    private Path batch() throws Exception {
        Path feed = Files.writeString(dir.resolve("feed.xml"), FEED);
        return Files.writeString(dir.resolve("list.txt"), feed + "\n");
    }
}
