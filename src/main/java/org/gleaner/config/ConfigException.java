package org.gleaner.config;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A configuration the loader does not fully understand. The message is one line in the form {@code
 * file:line: key: what is wrong}, e.g. {@code config/feeds.yaml:12: feeds[3].evry: unknown key (did
 * you mean 'every'?)}. Feed indexes in key paths count from 0, like the lines of a YAML list read by a
 * program; the line number is the one an editor shows (from 1; 0 when the file could not be read at
 * all).
 *
 * <p>The loader reports every problem it finds in one pass: this exception is the first one (in file
 * order) and {@link #problems()} lists all of them, so a user can fix a file in one edit.
 */
public final class ConfigException extends Exception {
    private final String file;
    private final int line;
    private final @Nullable String key;
    private final String problem;
    private final List<ConfigException> more;

    public ConfigException(String file, int line, @Nullable String key, String problem) {
        this(file, line, key, problem, List.of(), null);
    }

    ConfigException(String file, int line, @Nullable String key, String problem, @Nullable Throwable cause) {
        this(file, line, key, problem, List.of(), cause);
    }

    private ConfigException(
            String file,
            int line,
            @Nullable String key,
            String problem,
            List<ConfigException> more,
            @Nullable Throwable cause) {
        super(format(file, line, key, problem), cause);
        this.file = file;
        this.line = line;
        this.key = key;
        this.problem = problem;
        this.more = List.copyOf(more);
    }

    /** The first of {@code problems} carrying all of them; {@code problems} must not be empty. */
    static ConfigException of(List<ConfigException> problems) {
        ConfigException first = problems.get(0);
        return new ConfigException(
                first.file,
                first.line,
                first.key,
                first.problem,
                problems.subList(1, problems.size()),
                first.getCause());
    }

    private static String format(String file, int line, @Nullable String key, String problem) {
        StringBuilder text = new StringBuilder(file);
        if (line > 0) {
            text.append(':').append(line);
        }
        text.append(": ");
        if (key != null) {
            text.append(key).append(": ");
        }
        return text.append(problem).toString();
    }

    /** The file as the user named it (e.g. {@code config/feeds.yaml}). */
    public String file() {
        return file;
    }

    /** The line, counted from 1; 0 when no line applies (a file that cannot be read). */
    public int line() {
        return line;
    }

    /** The key path, e.g. {@code feeds[3].every}; null for errors of the YAML syntax itself. */
    public @Nullable String key() {
        return key;
    }

    /** What is wrong, without the file, line and key. */
    public String problem() {
        return problem;
    }

    /** Every problem found in the file, this one first; each has its own file, line and key. */
    public List<ConfigException> problems() {
        List<ConfigException> all = new ArrayList<>(1 + more.size());
        all.add(this);
        all.addAll(more);
        return List.copyOf(all);
    }
}
