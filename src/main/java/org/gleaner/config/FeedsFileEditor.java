package org.gleaner.config;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.CollectionNode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Adds a feed to {@code feeds.yaml} as a person would: new lines inserted after the last feed, in the
 * file's own indentation and line endings, every other byte untouched (comments, blank lines, quoting,
 * key order). The result is loaded before it is written; a file that does not load, or a feed that would
 * make it invalid (a duplicate name or URL), is refused and the file is left as it was. The file is
 * replaced atomically, so the watching process never reads half a file.
 */
public final class FeedsFileEditor {
    /** Indentation for a {@code feeds:} list the editor starts itself. */
    private static final int NEW_LIST_INDENT = 2;

    /** Plain YAML scalars that cannot be mistaken for anything but a string, in block and flow context. */
    private static final Pattern PLAIN_SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~/:?&=%+@!$-]*");

    /** Plain words YAML 1.1 reads as booleans or null; quoted so a tag named "no" stays a string. */
    private static final Set<String> YAML_WORDS =
            Set.of("y", "n", "yes", "no", "true", "false", "on", "off", "null", "~");

    /** Looks like a number (int, float, sexagesimal) to a YAML 1.1 resolver. */
    private static final Pattern NUMBER_LIKE = Pattern.compile("[-+]?[0-9][0-9_.:eE+-]*");

    private FeedsFileEditor() {}

    /**
     * Appends a feed under {@code feeds:} (creating the key, or the file, when missing). A blank {@code
     * name} writes no {@code name:} line, so the feed is named after its URL.
     */
    public static void appendFeed(Path file, String name, URI url, List<String> tags)
            throws IOException, ConfigException {
        String fileName = file.toString();
        // Edit the file a symbolic link points to rather than replacing the link with a plain file.
        Path target = Files.isSymbolicLink(file) ? file.toRealPath() : file;
        String original = Files.exists(target) ? ConfigLoader.read(target, fileName) : "";
        String updated = withFeed(original, fileName, name, url, tags);
        GleanerConfig config = ConfigLoader.parse(updated, fileName);
        boolean added = config.feeds().stream()
                .anyMatch(feed -> feed.url().equals(url)
                        && (name.isBlank() || feed.name().equals(name.strip()))
                        && feed.tags().equals(tags.stream().map(String::strip).toList()));
        if (!added) {
            throw new ConfigException(
                    fileName, 0, "feeds", "could not add the feed in this file's layout; please add it by hand");
        }
        replace(target, updated);
    }

    /** {@code text} with the feed added; throws when {@code text} itself does not load. */
    static String withFeed(String text, String fileName, String name, URI url, List<String> tags)
            throws ConfigException {
        ConfigLoader.parse(text, fileName);
        Node root = YamlNodes.compose(text, fileName);
        String nl = text.contains("\r\n") ? "\r\n" : "\n";
        NodeTuple feeds = root instanceof MappingNode mapping ? feedsTuple(mapping) : null;
        if (feeds == null) {
            String block = "feeds:" + nl + blockItem(NEW_LIST_INDENT, 2, name, url, tags, nl);
            if (text.isEmpty()) {
                return block;
            }
            String ending = endsWithNewline(text) ? "" : nl;
            return text + ending + nl + block;
        }
        Node value = feeds.getValueNode();
        int keyColumn = feeds.getKeyNode().getStartMark().getColumn();
        if (value instanceof SequenceNode list && !list.getValue().isEmpty()) {
            if (list.getFlowStyle() == DumperOptions.FlowStyle.FLOW) {
                int at = contentEnd(text, list.getValue().get(list.getValue().size() - 1));
                return insert(text, at, ", " + flowItem(name, url, tags), nl);
            }
            return appendToBlockList(text, list, name, url, tags, nl);
        }
        // An empty list: `feeds:`, `feeds: ~` or `feeds: []`. Drop the written value (if any) and start a
        // block list under the key, after any comment lines that are indented under it.
        int keyLineEnd = lineEnd(text, YamlNodes.offset(text, feeds.getKeyNode().getEndMark()));
        int at = afterIndentedComments(text, keyLineEnd, keyColumn);
        String item = blockItem(keyColumn + NEW_LIST_INDENT, 2, name, url, tags, nl);
        if (value instanceof ScalarNode written && written.getValue().isEmpty()) {
            return insert(text, at, item, nl);
        }
        int start = YamlNodes.offset(text, value.getStartMark());
        int end = contentEnd(text, value);
        // Apply the later edit first so the earlier offset still holds.
        if (at >= end) {
            return removeValue(insert(text, at, item, nl), start, end);
        }
        return insert(removeValue(text, start, end), at, item, nl);
    }

    private static @Nullable NodeTuple feedsTuple(MappingNode root) {
        for (NodeTuple tuple : root.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode key && key.getValue().equals("feeds")) {
                return tuple;
            }
        }
        return null;
    }

    private static String appendToBlockList(
            String text, SequenceNode list, String name, URI url, List<String> tags, String nl) {
        List<Node> items = list.getValue();
        Node last = items.get(items.size() - 1);
        int itemStart = YamlNodes.offset(text, last.getStartMark());
        int lineStart = lineStart(text, itemStart);
        int dash = text.lastIndexOf('-', itemStart - 1);
        int dashColumn = dash >= lineStart ? dash - lineStart : 0;
        int itemOffset = dash >= lineStart ? itemStart - dash : 2;
        int at = lineEnd(text, contentEnd(text, last));
        String item = blockItem(dashColumn, itemOffset, name, url, tags, nl);
        // Keep the user's rhythm: when feeds are separated by blank lines, so is the new one.
        if (items.size() > 1 && lineStart > 0 && isBlankLineBefore(text, lineStart)) {
            item = nl + item;
        }
        return insert(text, at, item, nl);
    }

    private static String blockItem(
            int dashColumn, int itemOffset, String name, URI url, List<String> tags, String nl) {
        String dash = " ".repeat(dashColumn) + "-" + " ".repeat(Math.max(1, itemOffset - 1));
        String pad = " ".repeat(dashColumn + Math.max(2, itemOffset));
        StringBuilder item = new StringBuilder();
        String first = dash;
        if (!name.isBlank()) {
            item.append(first).append("name: ").append(scalar(name.strip())).append(nl);
            first = pad;
        }
        item.append(first).append("url: ").append(scalar(url.toString())).append(nl);
        if (!tags.isEmpty()) {
            item.append(pad).append("tags: ").append(flowList(tags)).append(nl);
        }
        return item.toString();
    }

    private static String flowItem(String name, URI url, List<String> tags) {
        StringBuilder item = new StringBuilder("{");
        if (!name.isBlank()) {
            item.append("name: ").append(scalar(name.strip())).append(", ");
        }
        item.append("url: ").append(scalar(url.toString()));
        if (!tags.isEmpty()) {
            item.append(", tags: ").append(flowList(tags));
        }
        return item.append('}').toString();
    }

    private static String flowList(List<String> values) {
        return "["
                + String.join(", ", values.stream().map(v -> scalar(v.strip())).toList()) + "]";
    }

    /** {@code value} as a YAML scalar: plain when unambiguous, else double-quoted. */
    static String scalar(String value) {
        if (PLAIN_SAFE.matcher(value).matches()
                && !value.endsWith(":")
                && !YAML_WORDS.contains(value.toLowerCase(Locale.ROOT))
                && !NUMBER_LIKE.matcher(value).matches()) {
            return value;
        }
        StringBuilder quoted = new StringBuilder("\"");
        value.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> quoted.append("\\\"");
                case '\\' -> quoted.append("\\\\");
                case '\n' -> quoted.append("\\n");
                case '\t' -> quoted.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format(Locale.ROOT, "\\x%02x", c));
                    } else {
                        quoted.appendCodePoint(c);
                    }
                }
            }
        });
        return quoted.append('"').toString();
    }

    // ---- positions ----------------------------------------------------------------------------

    /** Offset just after the last character that belongs to {@code node} (not its trailing space). */
    private static int contentEnd(String text, Node node) {
        int end;
        if (node instanceof MappingNode mapping
                && mapping.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !mapping.getValue().isEmpty()) {
            NodeTuple last = mapping.getValue().get(mapping.getValue().size() - 1);
            end = contentEnd(text, last.getKeyNode());
            Node value = last.getValueNode();
            if (!(value instanceof ScalarNode scalar && scalar.getValue().isEmpty() && YamlNodes.isNull(value))) {
                end = Math.max(end, contentEnd(text, value));
            }
            return end;
        }
        if (node instanceof SequenceNode list
                && list.getFlowStyle() == DumperOptions.FlowStyle.BLOCK
                && !list.getValue().isEmpty()) {
            return contentEnd(text, list.getValue().get(list.getValue().size() - 1));
        }
        int start = YamlNodes.offset(text, node.getStartMark());
        end = YamlNodes.offset(text, node.getEndMark());
        if (!(node instanceof CollectionNode<?>)
                || ((CollectionNode<?>) node).getFlowStyle() != DumperOptions.FlowStyle.FLOW) {
            while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
                end--;
            }
        }
        return end;
    }

    private static int lineStart(String text, int offset) {
        int i = offset;
        while (i > 0 && text.charAt(i - 1) != '\n' && text.charAt(i - 1) != '\r') {
            i--;
        }
        return i;
    }

    /** Offset after the line break ending the line that holds {@code offset}; the text length on the last line. */
    private static int lineEnd(String text, int offset) {
        int newline = text.indexOf('\n', offset);
        return newline < 0 ? text.length() : newline + 1;
    }

    private static boolean isBlankLineBefore(String text, int lineStart) {
        int previousStart = lineStart(text, lineStart - 1);
        return text.substring(previousStart, lineStart).isBlank();
    }

    /** Skips comment lines indented deeper than the key (and blank lines between them). */
    private static int afterIndentedComments(String text, int from, int keyColumn) {
        int at = from;
        int p = from;
        while (p < text.length()) {
            int end = lineEnd(text, p);
            String line = text.substring(p, end);
            if (line.isBlank()) {
                p = end;
                continue;
            }
            int indent = 0;
            while (indent < line.length() && line.charAt(indent) == ' ') {
                indent++;
            }
            if (indent > keyColumn && line.charAt(indent) == '#') {
                at = end;
                p = end;
                continue;
            }
            break;
        }
        return at;
    }

    private static String insert(String text, int at, String lines, String nl) {
        boolean needsBreak = at == text.length() && !text.isEmpty() && !endsWithNewline(text);
        return text.substring(0, at) + (needsBreak ? nl : "") + lines + text.substring(at);
    }

    /** Removes a written empty value ({@code []}, {@code ~}) and the spaces before it when nothing follows. */
    private static String removeValue(String text, int start, int end) {
        int from = start;
        int to = end;
        int eol = to;
        while (eol < text.length() && text.charAt(eol) != '\n' && text.charAt(eol) != '\r') {
            eol++;
        }
        if (text.substring(to, eol).isBlank()) {
            to = eol;
            while (from > 0 && text.charAt(from - 1) == ' ') {
                from--;
            }
        }
        return text.substring(0, from) + text.substring(to);
    }

    private static boolean endsWithNewline(String text) {
        return text.endsWith("\n") || text.endsWith("\r");
    }

    // ---- writing ------------------------------------------------------------------------------

    private static void replace(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null) {
            throw new IOException("no directory for " + target);
        }
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            copyPermissions(absolute, temp);
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private static void copyPermissions(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        PosixFileAttributeView source = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        PosixFileAttributeView copy = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        if (source != null && copy != null) {
            copy.setPermissions(source.readAttributes().permissions());
        }
    }
}
