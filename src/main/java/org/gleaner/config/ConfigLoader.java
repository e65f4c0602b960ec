package org.gleaner.config;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads {@code config/feeds.yaml}. The whole file is validated before anything is returned: unknown
 * keys (with a did-you-mean), wrong types, bad durations, sizes, URLs and networks, duplicate feed
 * names are errors naming the file, the line and the key. An empty file means "no feeds".
 */
public final class ConfigLoader {
    private ConfigLoader() {}

    /** Reads and validates {@code file}; a missing or unreadable file is a {@link ConfigException} too. */
    public static GleanerConfig load(Path file) throws ConfigException {
        String name = file.toString();
        return parse(read(file, name), name);
    }

    /** The file's text; {@code name} is what error messages call it. */
    static String read(Path file, String name) throws ConfigException {
        String text;
        try {
            // Files.readString refuses malformed UTF-8 with an exception we can name.
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ConfigException(name, 0, null, "no such file", e);
        } catch (MalformedInputException e) {
            throw new ConfigException(name, 0, null, "not UTF-8 text", e);
        } catch (IOException e) {
            throw new ConfigException(name, 0, null, "cannot read: " + e, e);
        }
        return text;
    }

    /** Validates {@code yaml}; {@code fileName} is what error messages call the file. */
    public static GleanerConfig parse(String yaml, String fileName) throws ConfigException {
        return new ConfigReader(fileName).read(YamlNodes.compose(yaml, fileName));
    }
}
