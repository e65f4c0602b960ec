package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.gleaner.model.FeedSpec;
import org.gleaner.model.Follow;
import org.gleaner.model.FullText;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigLoaderTest {
    private static final String FILE = "config/feeds.yaml";

    private static GleanerConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, FILE);
    }

    @Test
    void readsTheExampleFromTheIssue() throws ConfigException {
        GleanerConfig config = parse(
                """
                defaults:
                  every: 30m          # refresh interval
                  fulltext: auto      # auto | always | never
                  min_every: 10m
                  max_every: 24h
                feeds:
                  - name: war-in-context
                    url: https://warincontext.org/feed/
                    tags: [syria, middle-east]
                  - url: https://feeds.bbci.co.uk/news/world/rss.xml
                    every: 15m
                """);

        assertThat(config.feedSpecs())
                .containsExactly(
                        new FeedSpec(
                                "war-in-context",
                                URI.create("https://warincontext.org/feed/"),
                                List.of("syria", "middle-east"),
                                null,
                                FullText.AUTO),
                        new FeedSpec(
                                "feeds-bbci-co-uk-news-world",
                                URI.create("https://feeds.bbci.co.uk/news/world/rss.xml"),
                                List.of(),
                                Duration.ofMinutes(15),
                                FullText.AUTO));
        assertThat(config.feeds().get(0).every()).isNull();
        assertThat(config.feeds().get(1).every()).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void appliesEmbeddedDefaultsWhenSectionsAreMissing() throws ConfigException {
        GleanerConfig config = parse("feeds:\n  - url: https://example.org/feed\n");

        assertThat(config.defaults())
                .isEqualTo(new FeedDefaults(
                        Duration.ofMinutes(30), FullText.AUTO, Duration.ofMinutes(10), Duration.ofHours(24)));
        assertThat(config.server()).isEqualTo(new ServerConfig("127.0.0.1", 8080));
        assertThat(config.http()).isEqualTo(new HttpConfig(Duration.ofSeconds(1), 1, null));
        assertThat(config.allowNetworks()).isEmpty();
        FeedConfig feed = config.feeds().get(0);
        assertThat(feed.fullText()).isEqualTo(FullText.AUTO);
        assertThat(feed.follow()).isEqualTo(Follow.CONTINUE_LINK);
        assertThat(feed.robots()).isTrue();
        assertThat(feed.contentSelector()).isNull();
        assertThat(feed.removeSelectors()).isEmpty();
        assertThat(feed.maxBytes()).isNull();
        assertThat(feed.allowNetworks()).isEmpty();
        assertThat(feed.tags()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "# only a comment\n",
                "feeds:\n",
                "feeds: []\n",
                "feeds: ~\n",
                "---\n",
                "defaults:\nfeeds:\n# nothing yet\n"
            })
    void treatsFilesWithoutFeedsAsValidAndEmpty(String yaml) throws ConfigException {
        assertThat(parse(yaml)).isEqualTo(GleanerConfig.empty());
    }

    @Test
    void feedWithoutFulltextInheritsTheDefaultsFulltext() throws ConfigException {
        GleanerConfig config = parse(
                """
                defaults:
                  fulltext: never
                  every: 1h
                feeds:
                  - url: https://a.example/feed
                  - url: https://b.example/feed
                    fulltext: always
                """);

        assertThat(config.feedSpecs()).extracting(FeedSpec::fullText).containsExactly(FullText.NEVER, FullText.ALWAYS);
        // A feed without its own every: is left to the adaptive schedule, whose default is 1h here.
        assertThat(config.feedSpecs()).extracting(FeedSpec::every).containsOnlyNulls();
        assertThat(config.defaults().every()).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void readsEveryPerFeedKey() throws ConfigException {
        GleanerConfig config = parse(
                """
                feeds:
                  - name: intranet
                    url: http://news.corp.example/rss
                    tags: [corp, "two words"]
                    every: 1h30m
                    fulltext: ALWAYS
                    follow: entry-link
                    content: "article .story-body"
                    remove: [".share", "aside.related"]
                    max_bytes: 4MiB
                    allow_networks: [10.0.0.0/8, "fd00::/8"]
                    robots: false
                  - url: https://plain.example/feed
                    follow: none
                    max_bytes: 1_000_000
                """);

        FeedConfig intranet = config.feeds().get(0);
        assertThat(intranet)
                .isEqualTo(new FeedConfig(
                        "intranet",
                        URI.create("http://news.corp.example/rss"),
                        List.of("corp", "two words"),
                        Duration.ofMinutes(90),
                        FullText.ALWAYS,
                        Follow.ENTRY_LINK,
                        "article .story-body",
                        List.of(".share", "aside.related"),
                        4L * 1024 * 1024,
                        List.of("10.0.0.0/8", "fd00::/8"),
                        false));
        FeedConfig plain = config.feeds().get(1);
        assertThat(plain.follow()).isEqualTo(Follow.NONE);
        assertThat(plain.maxBytes()).isEqualTo(1_000_000L);
    }

    @Test
    void readsServerHttpAndAllowNetworksSections() throws ConfigException {
        GleanerConfig config = parse(
                """
                server: {bind: 0.0.0.0, port: 9090}
                http:
                  per_host_delay: 2s
                  per_host_concurrency: 2
                  user_agent: "Gleaner (+https://example.org/bot)"
                allow_networks:
                  - 192.168.1.0/24
                  - 10.1.2.3
                """);

        assertThat(config.server()).isEqualTo(new ServerConfig("0.0.0.0", 9090));
        assertThat(config.http())
                .isEqualTo(new HttpConfig(Duration.ofSeconds(2), 2, "Gleaner (+https://example.org/bot)"));
        assertThat(config.allowNetworks()).containsExactly("192.168.1.0/24", "10.1.2.3");
    }

    @Test
    void readsWatchesWithTheirChannelsPaceAndBackfill() throws ConfigException {
        GleanerConfig config = parse(
                """
                feeds:
                  - url: https://example.org/feed
                watches:
                  - name: syria-cities
                    query: homs OR aleppo
                    pace: hourly
                    webhook: https://hooks.example.org/a
                    slack: [https://chat.example.org/hooks/x]
                    email: [analyst@example.org, desk@example.org]
                    private: true
                    backfill: 7d
                  - name: markets
                    query: '"central bank" -crypto'
                """);

        assertThat(config.watches())
                .containsExactly(
                        new WatchConfig(
                                "syria-cities",
                                "homs OR aleppo",
                                "hourly",
                                List.of("https://hooks.example.org/a"),
                                List.of("https://chat.example.org/hooks/x"),
                                List.of("analyst@example.org", "desk@example.org"),
                                true,
                                7,
                                FILE + ":4: watches[0]"),
                        new WatchConfig(
                                "markets",
                                "\"central bank\" -crypto",
                                "immediate",
                                List.of(),
                                List.of(),
                                List.of(),
                                false,
                                0,
                                FILE + ":12: watches[1]"));
    }

    @Test
    void readsTheMailServerWithThePasswordLeftToTheEnvironment() throws ConfigException {
        GleanerConfig config = parse(
                """
                mail:
                  host: smtp.example.org
                  port: 587
                  from: gleaner@example.org
                  user: gleaner
                  starttls: true
                """);

        assertThat(config.mail())
                .isEqualTo(new MailConfig(
                        "smtp.example.org", 587, "gleaner@example.org", "gleaner", "GLEANER_SMTP_PASSWORD", true));
        assertThat(parse("feeds: []\n").mail()).isNull();
    }

    @ParameterizedTest
    @MethodSource("slugCases")
    void namesAnUnnamedFeedAfterItsHostAndPath(String url, String slug) throws ConfigException {
        GleanerConfig config = parse("feeds:\n  - url: " + url + "\n");

        assertThat(config.feeds().get(0).name()).isEqualTo(slug);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> slugCases() {
        return Stream.of(
                args("https://feeds.bbci.co.uk/news/world/rss.xml", "feeds-bbci-co-uk-news-world"),
                args("https://warincontext.org/feed/", "warincontext-org"),
                args("https://www.aljazeera.com/xml/rss/all.xml", "aljazeera-com"),
                args("https://www.theguardian.com/world/rss", "theguardian-com-world"),
                args("https://feeds.npr.org/1004/rss.xml", "feeds-npr-org-1004"),
                args("https://www.france24.com/en/rss", "france24-com-en"),
                args("https://Example.ORG/Blog/Atom.XML?x=1", "example-org-blog"),
                args("http://127.0.0.1:8080/site_a/feed.json", "127-0-0-1-site-a"));
    }

    private static org.junit.jupiter.params.provider.Arguments args(Object... values) {
        return org.junit.jupiter.params.provider.Arguments.of(values);
    }

    /** One bad config: where the loader must point and what it must say. */
    record BadConfig(String what, String yaml, int line, @Nullable String key, String message) {
        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<BadConfig> badConfigs() {
        return Stream.of(
                new BadConfig(
                        "typo in a feed key",
                        """
                        feeds:
                          - url: https://a.example/feed
                          - url: https://b.example/feed
                          - url: https://c.example/feed
                          - url: https://d.example/feed
                            evry: 15m
                        """,
                        6,
                        "feeds[3].evry",
                        "unknown key (did you mean 'every'?)"),
                new BadConfig(
                        "typo in a top-level key",
                        "feed:\n  - url: https://a.example/feed\n",
                        1,
                        "feed",
                        "unknown key (did you mean 'feeds'?)"),
                new BadConfig(
                        "camel case for an underscore key",
                        "defaults:\n  minEvery: 5m\n",
                        2,
                        "defaults.minEvery",
                        "unknown key (did you mean 'min_every'?)"),
                new BadConfig(
                        "unknown key nothing like a known one",
                        "server:\n  colour: blue\n",
                        2,
                        "server.colour",
                        "unknown key (expected one of: bind, port)"),
                new BadConfig(
                        "bad duration",
                        "feeds:\n  - url: https://a.example/feed\n    every: 15 minutes\n",
                        3,
                        "feeds[0].every",
                        "'15 minutes' is not a duration: write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)"),
                new BadConfig(
                        "duration without a unit",
                        "defaults:\n  every: 30\n",
                        2,
                        "defaults.every",
                        "'30' has no unit: write 30s, 30m, 30h or 30d"),
                new BadConfig(
                        "zero refresh interval",
                        "defaults:\n  every: 0m\n",
                        2,
                        "defaults.every",
                        "must be longer than 0"),
                new BadConfig(
                        "min_every above max_every",
                        "defaults:\n  min_every: 2h\n  max_every: 1h\n",
                        3,
                        "defaults.max_every",
                        "max_every (1h) is shorter than min_every (2h)"),
                new BadConfig(
                        "missing url",
                        """
                        feeds:
                          - url: https://a.example/feed
                          - name: no-url
                            tags: [x]
                        """,
                        3,
                        "feeds[1].url",
                        "missing: every feed needs a url"),
                new BadConfig(
                        "url without value",
                        "feeds:\n  - name: x\n    url:\n",
                        3,
                        "feeds[0].url",
                        "no value: every feed needs a url"),
                new BadConfig(
                        "url that is not a URL",
                        "feeds:\n  - url: https://exa mple.org/feed\n",
                        2,
                        "feeds[0].url",
                        "'https://exa mple.org/feed' is not a valid URL: Illegal character in authority"),
                new BadConfig(
                        "relative url",
                        "feeds:\n  - url: example.org/feed\n",
                        2,
                        "feeds[0].url",
                        "'example.org/feed' is not a full URL: start it with https:// or http://"),
                new BadConfig(
                        "ftp url",
                        "feeds:\n  - url: ftp://example.org/feed.xml\n",
                        2,
                        "feeds[0].url",
                        "'ftp://example.org/feed.xml': only http and https URLs can be fetched"),
                new BadConfig(
                        "url without host",
                        "feeds:\n  - url: https:///feed.xml\n",
                        2,
                        "feeds[0].url",
                        "'https:///feed.xml' has no valid host name"),
                new BadConfig(
                        "string where a list of tags is expected",
                        "feeds:\n  - url: https://a.example/feed\n    tags: syria\n",
                        3,
                        "feeds[0].tags",
                        "expected a list like [world, news], got a string"),
                new BadConfig(
                        "string where a list of selectors is expected",
                        "feeds:\n  - url: https://a.example/feed\n    remove: .share\n",
                        3,
                        "feeds[0].remove",
                        "expected a list like [\".share\", \".related\"], got a string"),
                new BadConfig(
                        "list where a single value is expected",
                        "feeds:\n  - url: [https://a.example/feed]\n",
                        2,
                        "feeds[0].url",
                        "expected a single value, got a list"),
                new BadConfig(
                        "nested list inside tags",
                        "feeds:\n  - url: https://a.example/feed\n    tags:\n      - ok\n      - [nested]\n",
                        5,
                        "feeds[0].tags[1]",
                        "expected a string, got a list"),
                new BadConfig(
                        "feeds as a mapping",
                        "feeds:\n  url: https://a.example/feed\n",
                        2,
                        "feeds",
                        "expected a list of feeds (lines starting with '- url:'), got a mapping (key: value)"),
                new BadConfig(
                        "feed written as a bare URL",
                        "feeds:\n  - https://a.example/feed\n",
                        2,
                        "feeds[0]",
                        "expected a feed like '- url: https://a.example/feed', got a string"),
                new BadConfig(
                        "section written as a scalar",
                        "defaults: 30m\n",
                        1,
                        "defaults",
                        "expected a mapping (key: value lines), got a string"),
                new BadConfig(
                        "unknown fulltext value",
                        "defaults:\n  fulltext: sometimes\n",
                        2,
                        "defaults.fulltext",
                        "unknown value 'sometimes' (expected auto | always | never)"),
                new BadConfig(
                        "misspelt fulltext value",
                        "feeds:\n  - url: https://a.example/feed\n    fulltext: allways\n",
                        3,
                        "feeds[0].fulltext",
                        "unknown value 'allways' (did you mean 'always'?)"),
                new BadConfig(
                        "yes/no for fulltext",
                        "defaults:\n  fulltext: no\n",
                        2,
                        "defaults.fulltext",
                        "unknown value 'no' (expected auto | always | never)"),
                new BadConfig(
                        "follow with underscore",
                        "feeds:\n  - url: https://a.example/feed\n    follow: entry_link\n",
                        3,
                        "feeds[0].follow",
                        "unknown value 'entry_link' (did you mean 'entry-link'?)"),
                new BadConfig(
                        "robots not a boolean",
                        "feeds:\n  - url: https://a.example/feed\n    robots: sometimes\n",
                        3,
                        "feeds[0].robots",
                        "expected true or false, got 'sometimes'"),
                new BadConfig(
                        "bad max_bytes",
                        "feeds:\n  - url: https://a.example/feed\n    max_bytes: 16M\n",
                        3,
                        "feeds[0].max_bytes",
                        "'16M': unknown unit 'M' (use B, KiB, MiB, GiB, KB, MB or GB)"),
                new BadConfig(
                        "bad network",
                        "allow_networks: [10.0.0.0/8, intranet.local]\n",
                        1,
                        "allow_networks[1]",
                        "'intranet.local' is not a network: write an address with a prefix length,"
                                + " like 10.0.0.0/8 or fd00::/8"),
                new BadConfig(
                        "prefix too long",
                        "feeds:\n  - url: https://a.example/feed\n    allow_networks:\n      - 10.0.0.0/33\n",
                        4,
                        "feeds[0].allow_networks[0]",
                        "'10.0.0.0/33': the prefix length must be a number from 0 to 32"),
                new BadConfig(
                        "port out of range",
                        "server:\n  port: 80800\n",
                        2,
                        "server.port",
                        "80800 is out of range: use 0 to 65535"),
                new BadConfig(
                        "port not a number",
                        "server:\n  port: http\n",
                        2,
                        "server.port",
                        "expected a whole number from 0 to 65535, got 'http'"),
                new BadConfig(
                        "zero concurrency",
                        "http:\n  per_host_concurrency: 0\n",
                        2,
                        "http.per_host_concurrency",
                        "0 is out of range: use 1 to 64"),
                new BadConfig(
                        "duplicate names",
                        """
                        feeds:
                          - name: world
                            url: https://a.example/feed
                          - name: world
                            url: https://b.example/feed
                        """,
                        4,
                        "feeds[1].name",
                        "duplicate feed name 'world', also used by feeds[0] at line 2; feed names must be unique"),
                new BadConfig(
                        "duplicate slugs",
                        """
                        feeds:
                          - url: https://a.example/news/rss.xml
                          - url: https://a.example/news/atom.xml
                        """,
                        3,
                        "feeds[1].name",
                        "duplicate feed name 'a-example-news' (made from the URL), also used by feeds[0] at line 2;"
                                + " feed names must be unique, give one of them a name:"),
                new BadConfig(
                        "same url twice",
                        """
                        feeds:
                          - name: one
                            url: https://a.example/feed
                          - name: two
                            url: https://a.example/feed
                        """,
                        5,
                        "feeds[1].url",
                        "the same URL as feeds[0] at line 3; list each feed once"),
                new BadConfig(
                        "duplicate key",
                        "feeds:\n  - url: https://a.example/feed\n    every: 1h\n    every: 2h\n",
                        4,
                        "feeds[0].every",
                        "duplicate key (first at line 3)"),
                new BadConfig(
                        "empty name",
                        "feeds:\n  - url: https://a.example/feed\n    name: \"\"\n",
                        3,
                        "feeds[0].name",
                        "empty name: leave the key out to name the feed after its URL"),
                new BadConfig(
                        "top level is a list",
                        "- url: https://a.example/feed\n",
                        1,
                        null,
                        "expected sections like 'feeds:' and 'defaults:' at the top, got a list"),
                new BadConfig(
                        "tab indentation",
                        "feeds:\n  - url: https://a.example/feed\n\tevery: 1h\n",
                        3,
                        null,
                        "invalid YAML: a tab character; YAML is indented with spaces only"),
                new BadConfig(
                        "key indented less than its feed",
                        "feeds:\n  - url: https://a.example/feed\n  every: 1h\n",
                        3,
                        null,
                        "invalid YAML: this line's indentation does not match the lines above it"),
                new BadConfig(
                        "key indented more than its feed",
                        "feeds:\n  - url: https://a.example/feed\n      every: 1h\n",
                        3,
                        null,
                        "invalid YAML: unexpected ':' (a value containing ': ' needs quotes, or this line is"
                                + " indented too far)"),
                new BadConfig(
                        "unclosed flow list",
                        "feeds:\n  - url: https://a.example/feed\n    tags: [a, b\n",
                        4,
                        null,
                        "invalid YAML: expected ',' or ']', but got <stream end> (while parsing a flow sequence at line 3)"),
                new BadConfig(
                        "watch without a query",
                        "watches:\n  - name: homs\n    pace: daily\n",
                        2,
                        "watches[0].query",
                        "missing: every watch needs a query, e.g. query: homs OR aleppo"),
                new BadConfig(
                        "misspelt pace",
                        "watches:\n  - name: homs\n    query: homs\n    pace: hourli\n",
                        4,
                        "watches[0].pace",
                        "unknown value 'hourli' (did you mean 'hourly'?)"),
                new BadConfig(
                        "two watches with one name",
                        "watches:\n  - name: homs\n    query: homs\n  - name: homs\n    query: aleppo\n",
                        4,
                        "watches[1].name",
                        "duplicate watch name 'homs', also used by watches[0] at line 2"),
                new BadConfig(
                        "mail server without a host",
                        "mail:\n  port: 587\n  from: gleaner@example.org\n",
                        2,
                        "mail.host",
                        "missing: the SMTP server's host name"),
                new BadConfig(
                        "password written into the file",
                        "mail:\n  host: smtp.example.org\n  password: hunter2\n",
                        3,
                        "mail.password",
                        "unknown key (expected one of: host, port, from, user, password_env, starttls)"),
                new BadConfig(
                        "two documents",
                        "feeds: []\n---\nfeeds: []\n",
                        2,
                        null,
                        "invalid YAML: expected a single document in the stream, but found another document"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void rejectsBadConfigNamingFileLineAndKey(BadConfig bad) {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> parse(bad.yaml()));

        assertThat(e).as("no error for: %s", bad.what()).isNotNull();
        assertThat(e.file()).isEqualTo(FILE);
        assertThat(e.line()).isEqualTo(bad.line());
        assertThat(e.key()).isEqualTo(bad.key());
        assertThat(e.problem()).isEqualTo(bad.message());
        String where = FILE + ":" + bad.line() + ": " + (bad.key() == null ? "" : bad.key() + ": ");
        assertThat(e.getMessage()).isEqualTo(where + bad.message());
    }

    @Test
    void formatsTheMessageAsFileLineKeyProblem() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> parse(
                        """
                        defaults:
                          every: 30m
                        feeds:
                          - url: https://a.example/feed
                          - url: https://b.example/feed
                          - url: https://c.example/feed
                          - url: https://d.example/feed
                            tags: [x]

                          # the fourth feed has a typo
                          - url: https://e.example/feed
                            evry: 15m
                        """));

        assertThat(e.getMessage())
                .isEqualTo("config/feeds.yaml:12: feeds[4].evry: unknown key (did you mean 'every'?)");
    }

    @Test
    void reportsEveryProblemInFileOrder() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> parse(
                        """
                        feeds:
                          - url: https://a.example/feed
                            evry: 15m
                          - name: x
                        server:
                          port: -1
                        defaults:
                          every: soon
                        """));

        assertThat(e.problems())
                .extracting(ConfigException::line, ConfigException::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(3, "feeds[0].evry"),
                        org.assertj.core.groups.Tuple.tuple(4, "feeds[1].url"),
                        org.assertj.core.groups.Tuple.tuple(6, "server.port"),
                        org.assertj.core.groups.Tuple.tuple(8, "defaults.every"));
        assertThat(e.problems().get(0)).isSameAs(e);
    }

    @Test
    void missingFileIsAConfigError(@TempDir Path dir) {
        Path missing = dir.resolve("feeds.yaml");

        assertThatThrownBy(() -> ConfigLoader.load(missing))
                .isInstanceOf(ConfigException.class)
                .hasMessage(missing + ": no such file");
    }

    @Test
    void fileThatIsNotUtf8IsAConfigError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("feeds.yaml");
        Files.write(file, new byte[] {'f', 'e', 'e', 'd', 's', ':', ' ', (byte) 0xff, '\n'});

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ": not UTF-8 text");
    }

    @Test
    void loadNamesTheFileAsGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("feeds.yaml");
        Files.writeString(file, "feeds:\n  - url: https://a.example/feed\n    evry: 1h\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> ConfigLoader.load(file))
                .isInstanceOf(ConfigException.class)
                .hasMessage(file + ":3: feeds[0].evry: unknown key (did you mean 'every'?)");
    }

    @Test
    void countsLinesAfterAByteOrderMarkAndWideCharacters() {
        ConfigException e = catchThrowableOfType(
                ConfigException.class,
                () -> parse("\uFEFF# Überschrift 📰\nfeeds:\n  - url: https://a.example/feed\n    evry: 1h\n"));

        assertThat(e.line()).isEqualTo(4);
    }

    @Test
    void shippedConfigLoadsWithRealWorldNewsFeeds() throws ConfigException {
        GleanerConfig config = ConfigLoader.load(Path.of("config", "feeds.yaml"));

        assertThat(config.feeds()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(config.feeds())
                .extracting(feed -> feed.url().getHost())
                .contains("warincontext.org", "feeds.bbci.co.uk");
        assertThat(config.server()).isEqualTo(ServerConfig.standard());
    }
}
