package org.gleaner.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.gleaner.model.Follow;
import org.gleaner.model.FullText;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns the YAML node tree into {@link GleanerConfig}, collecting every problem with its line and key
 * path. Strict on purpose: an unknown key, a value of the wrong type or an unknown word is an error,
 * never skipped or guessed, because the process must not run on a half-understood configuration.
 */
final class ConfigReader {
    static final List<String> TOP_KEYS =
            List.of("defaults", "feeds", "server", "http", "allow_networks", "mail", "watches");

    static final List<String> DEFAULTS_KEYS = List.of("every", "fulltext", "min_every", "max_every");
    static final List<String> FEED_KEYS = List.of(
            "name",
            "url",
            "tags",
            "every",
            "fulltext",
            "follow",
            "content",
            "remove",
            "max_bytes",
            "allow_networks",
            "robots");
    static final List<String> SERVER_KEYS = List.of("bind", "port");
    static final List<String> HTTP_KEYS = List.of("per_host_delay", "per_host_concurrency", "user_agent");
    static final List<String> MAIL_KEYS = List.of("host", "port", "from", "user", "password_env", "starttls");
    static final List<String> WATCH_KEYS =
            List.of("name", "query", "pace", "webhook", "slack", "email", "private", "backfill");
    static final List<String> PACES = List.of("immediate", "hourly", "daily");

    /** A backfill is a look back over recent news, not a replay of the archive. */
    private static final Duration MAX_BACKFILL = Duration.ofDays(365);

    /** Longer names are a pasted title or an accident, not an identifier for the CLI and the API. */
    private static final int MAX_NAME_LENGTH = 200;

    /** More concurrent requests to one site than this is not politeness. */
    private static final int MAX_PER_HOST_CONCURRENCY = 64;

    private static final int MAX_PORT = 65_535;

    private final String file;
    private final List<ConfigException> problems = new ArrayList<>();

    ConfigReader(String file) {
        this.file = file;
    }

    GleanerConfig read(@Nullable Node root) throws ConfigException {
        if (root == null || YamlNodes.isNull(root)) {
            return GleanerConfig.empty();
        }
        if (!(root instanceof MappingNode)) {
            throw new ConfigException(
                    file,
                    YamlNodes.line(root),
                    null,
                    "expected sections like 'feeds:' and 'defaults:' at the top, got " + YamlNodes.kind(root));
        }
        Section top = section(root, "", TOP_KEYS);
        FeedDefaults defaults = readDefaults(section(top.get("defaults"), "defaults", DEFAULTS_KEYS));
        List<FeedConfig> feeds = readFeeds(top.get("feeds"), defaults);
        ServerConfig server = readServer(section(top.get("server"), "server", SERVER_KEYS));
        HttpConfig http = readHttp(section(top.get("http"), "http", HTTP_KEYS));
        List<String> allowNetworks = networks(top, "allow_networks");
        Node mailNode = top.get("mail");
        MailConfig mail = mailNode == null ? null : readMail(section(mailNode, "mail", MAIL_KEYS), mailNode);
        List<WatchConfig> watches = readWatches(top.get("watches"));
        if (!problems.isEmpty()) {
            List<ConfigException> sorted = new ArrayList<>(problems);
            sorted.sort(Comparator.comparingInt(ConfigException::line));
            throw ConfigException.of(sorted);
        }
        return new GleanerConfig(defaults, feeds, server, http, allowNetworks, mail, watches);
    }

    private FeedDefaults readDefaults(Section s) {
        Duration every = positiveDuration(s, "every");
        FullText fullText = fullText(s, FeedDefaults.FULL_TEXT);
        Duration minEvery = positiveDuration(s, "min_every");
        Duration maxEvery = positiveDuration(s, "max_every");
        FeedDefaults defaults = new FeedDefaults(
                every != null ? every : FeedDefaults.EVERY,
                fullText,
                minEvery != null ? minEvery : FeedDefaults.MIN_EVERY,
                maxEvery != null ? maxEvery : FeedDefaults.MAX_EVERY);
        if (defaults.minEvery().compareTo(defaults.maxEvery()) > 0) {
            String key = s.get("max_every") != null ? "max_every" : "min_every";
            problem(
                    line(s.get(key)),
                    s.path(key),
                    "max_every (" + Durations.format(defaults.maxEvery()) + ") is shorter than min_every ("
                            + Durations.format(defaults.minEvery()) + ")");
        }
        return defaults;
    }

    private List<FeedConfig> readFeeds(@Nullable Node node, FeedDefaults defaults) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            problem(
                    node,
                    "feeds",
                    "expected a list of feeds (lines starting with '- url:'), got " + YamlNodes.kind(node));
            return List.of();
        }
        List<FeedConfig> feeds = new ArrayList<>();
        Map<String, Seen> names = new HashMap<>();
        Map<URI, Seen> urls = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String path = "feeds[" + i + "]";
            ReadFeed read = readFeed(item, path, defaults);
            if (read == null) {
                continue;
            }
            FeedConfig feed = read.feed();
            Seen here = new Seen(path, read.nameLine());
            Seen sameName = names.putIfAbsent(feed.name(), here);
            if (sameName != null) {
                problem(
                        read.nameLine(),
                        path + ".name",
                        "duplicate feed name '" + feed.name() + "'" + (read.named() ? "" : " (made from the URL)")
                                + ", also used by " + sameName.path() + " at line " + sameName.line()
                                + "; feed names must be unique" + (read.named() ? "" : ", give one of them a name:"));
            }
            Seen urlHere = new Seen(path, read.urlLine());
            Seen sameUrl = urls.putIfAbsent(feed.url(), urlHere);
            if (sameUrl != null && sameName == null) {
                problem(
                        read.urlLine(),
                        path + ".url",
                        "the same URL as " + sameUrl.path() + " at line " + sameUrl.line() + "; list each feed once");
            }
            feeds.add(feed);
        }
        return feeds;
    }

    private record Seen(String path, int line) {}

    private record ReadFeed(FeedConfig feed, boolean named, int nameLine, int urlLine) {}

    private @Nullable ReadFeed readFeed(Node item, String path, FeedDefaults defaults) {
        if (YamlNodes.isNull(item)) {
            problem(item, path, "empty feed: write at least '- url: https://…'");
            return null;
        }
        if (item instanceof ScalarNode scalar) {
            problem(item, path, "expected a feed like '- url: " + scalar.getValue() + "', got a string");
            return null;
        }
        if (!(item instanceof MappingNode)) {
            problem(item, path, "expected a feed (url: and other keys), got " + YamlNodes.kind(item));
            return null;
        }
        Section s = section(item, path, FEED_KEYS);
        URI url = url(s, item);
        String name = name(s);
        List<String> tags = values(strings(s, "tags", "[world, news]"));
        Duration every = positiveDuration(s, "every");
        FullText fullText = fullText(s, defaults.fullText());
        Follow follow = follow(s);
        String content = nonBlank(s, "content");
        List<String> remove = values(strings(s, "remove", "[\".share\", \".related\"]"));
        Long maxBytes = byteSize(s, "max_bytes");
        List<String> allowNetworks = networks(s, "allow_networks");
        Boolean robots = bool(s, "robots");
        if (url == null) {
            return null;
        }
        boolean named = name != null;
        Node nameNode = s.get("name");
        Node urlNode = s.get("url");
        FeedConfig feed = new FeedConfig(
                name != null ? name : Slugs.fromUrl(url),
                url,
                tags,
                every,
                fullText,
                follow,
                content,
                remove,
                maxBytes,
                allowNetworks,
                robots == null || robots);
        return new ReadFeed(
                feed,
                named,
                YamlNodes.line(nameNode != null ? nameNode : item),
                YamlNodes.line(urlNode != null ? urlNode : item));
    }

    private @Nullable URI url(Section s, Node feed) {
        if (s.get("url") == null) {
            NodeTuple written = s.entries().get("url");
            if (written != null) {
                problem(written.getKeyNode(), s.path("url"), "no value: every feed needs a url");
            } else {
                problem(feed, s.path("url"), "missing: every feed needs a url");
            }
            return null;
        }
        ScalarNode node = scalar(s, "url");
        if (node == null) {
            return null;
        }
        String text = node.getValue().strip();
        if (text.isEmpty()) {
            problem(node, s.path("url"), "empty: every feed needs a url");
            return null;
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problem(node, s.path("url"), "'" + text + "' is not a valid URL: " + e.getReason());
            return null;
        }
        String scheme = uri.getScheme();
        if (scheme == null) {
            problem(node, s.path("url"), "'" + text + "' is not a full URL: start it with https:// or http://");
            return null;
        }
        String lower = scheme.toLowerCase(Locale.ROOT);
        if (!lower.equals("http") && !lower.equals("https")) {
            problem(node, s.path("url"), "'" + text + "': only http and https URLs can be fetched");
            return null;
        }
        if (uri.getHost() == null) {
            problem(
                    node,
                    s.path("url"),
                    "'" + text + "' has no valid host name"
                            + (uri.getRawAuthority() != null
                                            && !uri.getRawAuthority().isEmpty()
                                    ? " (write international names in their xn-- form)"
                                    : ""));
            return null;
        }
        return uri;
    }

    private @Nullable String name(Section s) {
        ScalarNode node = scalar(s, "name");
        if (node == null) {
            return null;
        }
        String name = node.getValue().strip();
        if (name.isEmpty()) {
            problem(node, s.path("name"), "empty name: leave the key out to name the feed after its URL");
            return null;
        }
        if (name.length() > MAX_NAME_LENGTH) {
            problem(node, s.path("name"), "longer than " + MAX_NAME_LENGTH + " characters");
            return null;
        }
        if (name.chars().anyMatch(Character::isISOControl)) {
            problem(node, s.path("name"), "contains a control character");
            return null;
        }
        return name;
    }

    private FullText fullText(Section s, FullText fallback) {
        String value = choice(s, "fulltext", List.of("auto", "always", "never"));
        return value == null ? fallback : FullText.parse(value).orElse(fallback);
    }

    private Follow follow(Section s) {
        List<String> labels = new ArrayList<>();
        for (Follow f : Follow.values()) {
            labels.add(f.label());
        }
        String value = choice(s, "follow", labels);
        for (Follow f : Follow.values()) {
            if (f.label().equals(value)) {
                return f;
            }
        }
        return Follow.CONTINUE_LINK;
    }

    private ServerConfig readServer(Section s) {
        String bind = nonBlank(s, "bind");
        Integer port = integer(s, "port", 0, MAX_PORT);
        return new ServerConfig(bind != null ? bind : ServerConfig.BIND, port != null ? port : ServerConfig.PORT);
    }

    private HttpConfig readHttp(Section s) {
        Duration delay = duration(s, "per_host_delay");
        Integer concurrency = integer(s, "per_host_concurrency", 1, MAX_PER_HOST_CONCURRENCY);
        String userAgent = nonBlank(s, "user_agent");
        if (userAgent != null && userAgent.chars().anyMatch(Character::isISOControl)) {
            problem(line(s.get("user_agent")), s.path("user_agent"), "contains a control character");
            userAgent = null;
        }
        return new HttpConfig(
                delay != null ? delay : HttpConfig.PER_HOST_DELAY,
                concurrency != null ? concurrency : HttpConfig.PER_HOST_CONCURRENCY,
                userAgent);
    }

    private @Nullable MailConfig readMail(Section s, Node section) {
        String host = nonBlank(s, "host");
        Integer port = integer(s, "port", 1, MAX_PORT);
        String from = nonBlank(s, "from");
        String user = nonBlank(s, "user");
        String passwordEnv = nonBlank(s, "password_env");
        Boolean startTls = bool(s, "starttls");
        if (host == null) {
            if (s.get("host") == null) {
                problem(section, s.path("host"), "missing: the SMTP server's host name");
            }
            return null;
        }
        return new MailConfig(
                host,
                port != null ? port : MailConfig.PORT,
                from != null ? from : MailConfig.FROM,
                user,
                passwordEnv != null ? passwordEnv : MailConfig.PASSWORD_ENV,
                startTls != null && startTls);
    }

    private List<WatchConfig> readWatches(@Nullable Node node) {
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            problem(
                    node,
                    "watches",
                    "expected a list of watches (lines starting with '- name:'), got " + YamlNodes.kind(node));
            return List.of();
        }
        List<WatchConfig> watches = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String path = "watches[" + i + "]";
            if (!(item instanceof MappingNode)) {
                problem(item, path, "expected a watch (name:, query: and other keys), got " + YamlNodes.kind(item));
                continue;
            }
            Section s = section(item, path, WATCH_KEYS);
            String name = name(s);
            String query = nonBlank(s, "query");
            String pace = choice(s, "pace", PACES);
            List<String> webhooks = values(oneOrMany(s, "webhook", "https://hooks.example.org/gleaner"));
            List<String> slack = values(oneOrMany(s, "slack", "https://hooks.slack.com/services/…"));
            List<String> emails = values(oneOrMany(s, "email", "[analyst@example.org]"));
            Boolean privateFeed = bool(s, "private");
            Duration backfill = duration(s, "backfill");
            if (backfill != null && backfill.compareTo(MAX_BACKFILL) > 0) {
                problem(line(s.get("backfill")), s.path("backfill"), "at most 365d");
                backfill = null;
            }
            if (name == null) {
                if (s.get("name") == null) {
                    problem(item, s.path("name"), "missing: every watch needs a name");
                }
                continue;
            }
            if (query == null) {
                if (s.get("query") == null) {
                    problem(item, s.path("query"), "missing: every watch needs a query, e.g. query: homs OR aleppo");
                }
                continue;
            }
            int line = YamlNodes.line(item);
            String first = names.putIfAbsent(name, path + " at line " + line);
            if (first != null) {
                problem(
                        line(s.get("name")),
                        s.path("name"),
                        "duplicate watch name '" + name + "', also used by " + first);
                continue;
            }
            watches.add(new WatchConfig(
                    name,
                    query,
                    pace != null ? pace : WatchConfig.PACE,
                    webhooks,
                    slack,
                    emails,
                    privateFeed != null && privateFeed,
                    backfill == null ? 0 : (int) backfill.toDays(),
                    file + ":" + line + ": " + path));
        }
        return watches;
    }

    // ---- values -------------------------------------------------------------------------------

    private @Nullable ScalarNode scalar(Section s, String key) {
        Node node = s.get(key);
        if (node == null) {
            return null;
        }
        if (node instanceof ScalarNode scalar) {
            return scalar;
        }
        problem(node, s.path(key), "expected a single value, got " + YamlNodes.kind(node));
        return null;
    }

    private @Nullable String nonBlank(Section s, String key) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        String value = node.getValue().strip();
        if (value.isEmpty()) {
            problem(node, s.path(key), "empty value: leave the key out instead");
            return null;
        }
        return value;
    }

    private @Nullable Duration duration(Section s, String key) {
        return duration(s, key, true);
    }

    private @Nullable Duration positiveDuration(Section s, String key) {
        return duration(s, key, false);
    }

    private @Nullable Duration duration(Section s, String key, boolean zeroAllowed) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        Duration d;
        try {
            d = Durations.parse(node.getValue());
        } catch (IllegalArgumentException e) {
            problem(node, s.path(key), String.valueOf(e.getMessage()));
            return null;
        }
        if (d.isZero() && !zeroAllowed) {
            problem(node, s.path(key), "must be longer than 0");
            return null;
        }
        return d;
    }

    private @Nullable String choice(Section s, String key, List<String> allowed) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        String value = node.getValue().strip().toLowerCase(Locale.ROOT);
        if (allowed.contains(value)) {
            return value;
        }
        String guess = Suggestions.closest(value, allowed);
        problem(
                node,
                s.path(key),
                "unknown value '" + node.getValue() + "'"
                        + (guess != null
                                ? " (did you mean '" + guess + "'?)"
                                : " (expected " + String.join(" | ", allowed) + ")"));
        return null;
    }

    private @Nullable Boolean bool(Section s, String key) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        return switch (node.getValue().strip().toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> {
                problem(node, s.path(key), "expected true or false, got '" + node.getValue() + "'");
                yield null;
            }
        };
    }

    private @Nullable Integer integer(Section s, String key, int min, int max) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        String text = node.getValue().strip();
        if (node.getTag().equals(Tag.INT)) {
            text = text.replace("_", "");
        }
        if (text.isEmpty() || text.length() > 10 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problem(
                    node,
                    s.path(key),
                    "expected a whole number from " + min + " to " + max + ", got '" + node.getValue() + "'");
            return null;
        }
        long value = Long.parseLong(text);
        if (value < min || value > max) {
            problem(node, s.path(key), value + " is out of range: use " + min + " to " + max);
            return null;
        }
        return (int) value;
    }

    private @Nullable Long byteSize(Section s, String key) {
        ScalarNode node = scalar(s, key);
        if (node == null) {
            return null;
        }
        String text = node.getTag().equals(Tag.INT) ? node.getValue().replace("_", "") : node.getValue();
        try {
            long bytes = ByteSizes.parse(text);
            if (bytes <= 0) {
                problem(node, s.path(key), "must be more than 0 bytes");
                return null;
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            problem(node, s.path(key), String.valueOf(e.getMessage()));
            return null;
        }
    }

    private record Item(String value, Node node, String path) {}

    private List<Item> strings(Section s, String key, String example) {
        Node node = s.get(key);
        if (node == null) {
            return List.of();
        }
        if (!(node instanceof SequenceNode list)) {
            problem(node, s.path(key), "expected a list like " + example + ", got " + YamlNodes.kind(node));
            return List.of();
        }
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < list.getValue().size(); i++) {
            Node item = list.getValue().get(i);
            String path = s.path(key) + "[" + i + "]";
            if (!(item instanceof ScalarNode scalar) || YamlNodes.isNull(item)) {
                problem(item, path, "expected a string, got " + YamlNodes.kind(item));
                continue;
            }
            String value = scalar.getValue().strip();
            if (value.isEmpty()) {
                problem(item, path, "empty value");
                continue;
            }
            items.add(new Item(value, item, path));
        }
        return items;
    }

    /** A key that takes one value or a list of them. */
    private List<Item> oneOrMany(Section s, String key, String example) {
        Node node = s.get(key);
        if (node instanceof ScalarNode) {
            String value = nonBlank(s, key);
            return value == null ? List.of() : List.of(new Item(value, node, s.path(key)));
        }
        return strings(s, key, example);
    }

    private static List<String> values(List<Item> items) {
        return items.stream().map(Item::value).toList();
    }

    private List<String> networks(Section s, String key) {
        List<Item> items = strings(s, key, "[10.0.0.0/8, fd00::/8]");
        List<String> networks = new ArrayList<>();
        for (Item item : items) {
            try {
                Networks.check(item.value());
                networks.add(item.value());
            } catch (IllegalArgumentException e) {
                problem(item.node(), item.path(), String.valueOf(e.getMessage()));
            }
        }
        return networks;
    }

    // ---- sections -----------------------------------------------------------------------------

    /** The known keys of one mapping, after reporting unknown and duplicate keys. */
    private record Section(String prefix, Map<String, NodeTuple> entries) {
        /** The value of {@code key}; null when absent or written with no value. */
        @Nullable
        Node get(String key) {
            NodeTuple tuple = entries.get(key);
            if (tuple == null || YamlNodes.isNull(tuple.getValueNode())) {
                return null;
            }
            return tuple.getValueNode();
        }

        String path(String key) {
            return prefix.isEmpty() ? key : prefix + "." + key;
        }
    }

    private Section section(@Nullable Node node, String path, List<String> keys) {
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        if (node == null) {
            return new Section(path, entries);
        }
        if (!(node instanceof MappingNode mapping)) {
            problem(node, path, "expected a mapping (key: value lines), got " + YamlNodes.kind(node));
            return new Section(path, entries);
        }
        for (NodeTuple tuple : mapping.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar) || YamlNodes.isNull(keyNode)) {
                problem(keyNode, path, "a key must be a plain word, got " + YamlNodes.kind(keyNode));
                continue;
            }
            String key = keyScalar.getValue();
            String keyPath = path.isEmpty() ? key : path + "." + key;
            if (!keys.contains(key)) {
                problem(keyNode, keyPath, "unknown key" + Suggestions.hint(key, keys));
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                problem(keyNode, keyPath, "duplicate key (first at line " + YamlNodes.line(first.getKeyNode()) + ")");
            }
        }
        return new Section(path, entries);
    }

    // ---- problems -----------------------------------------------------------------------------

    private void problem(Node at, String key, String message) {
        problem(YamlNodes.line(at), key, message);
    }

    private void problem(int line, String key, String message) {
        problems.add(new ConfigException(file, line, key.isEmpty() ? null : key, message));
    }

    private static int line(@Nullable Node node) {
        return node == null ? 0 : YamlNodes.line(node);
    }
}
