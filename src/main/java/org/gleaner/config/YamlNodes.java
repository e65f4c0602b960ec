package org.gleaner.config;

import java.io.StringReader;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The YAML node tree with positions (SnakeYAML's composer, the parser under Jackson YAML). The loader
 * reads nodes rather than binding objects so every value keeps its line for error messages, and the
 * feeds-file editor knows where to insert text.
 */
final class YamlNodes {
    /** A feeds file with 10,000 commented feeds is about 2 MB; anything far larger is not a config. */
    private static final int MAX_CODE_POINTS = 32 * 1024 * 1024;

    /** Bounds alias expansion ("billion laughs"); a hand-written config needs few anchors. */
    private static final int MAX_ALIASES = 50;

    private YamlNodes() {}

    /** The document's root node, or null for an empty document (only comments or nothing). */
    static @Nullable Node compose(String text, String file) throws ConfigException {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setAllowRecursiveKeys(false);
        try {
            return new Yaml(options).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            int line = mark == null ? 0 : mark.getLine() + 1;
            throw new ConfigException(file, line, null, "invalid YAML: " + describe(e), e);
        } catch (YAMLException e) {
            throw new ConfigException(file, 0, null, "invalid YAML: " + e.getMessage(), e);
        }
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? "" : e.getProblem();
        if (problem.contains("\\t(TAB)") || problem.contains("'\t'")) {
            return "a tab character; YAML is indented with spaces only";
        }
        if (problem.equals("mapping values are not allowed here")) {
            return "unexpected ':' (a value containing ': ' needs quotes, or this line is indented too far)";
        }
        if (problem.startsWith("expected <block end>")) {
            return "this line's indentation does not match the lines above it";
        }
        String context = e.getContext();
        if (context != null && problem.startsWith("but ")) {
            // SnakeYAML splits "expected X, but found Y" into context and problem.
            return context + ", " + problem;
        }
        Mark contextMark = e.getContextMark();
        Mark problemMark = e.getProblemMark();
        if (context != null
                && contextMark != null
                && problemMark != null
                && contextMark.getLine() != problemMark.getLine()) {
            return problem + " (" + context + " at line " + (contextMark.getLine() + 1) + ")";
        }
        return context == null ? problem : problem + " (" + context + ")";
    }

    /** Line of a node as an editor shows it (from 1). */
    static int line(Node node) {
        return node.getStartMark().getLine() + 1;
    }

    static boolean isNull(Node node) {
        return node instanceof ScalarNode && node.getTag().equals(Tag.NULL);
    }

    /** What the user wrote, for "expected X, got Y" messages. */
    static String kind(Node node) {
        if (node instanceof MappingNode) {
            return "a mapping (key: value)";
        }
        if (node instanceof SequenceNode) {
            return "a list";
        }
        Tag tag = node.getTag();
        if (tag.equals(Tag.NULL)) {
            return "no value";
        }
        if (tag.equals(Tag.BOOL)) {
            return "a yes/no value";
        }
        if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
            return "a number";
        }
        return "a string";
    }

    /** The Java string offset of a mark in {@code text}; SnakeYAML counts code points, not chars. */
    static int offset(String text, Mark mark) {
        return text.offsetByCodePoints(0, mark.getIndex());
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
