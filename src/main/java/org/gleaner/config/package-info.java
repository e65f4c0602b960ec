/**
 * Reads {@code config/feeds.yaml} into settings records ({@link org.gleaner.config.GleanerConfig} and
 * its parts; {@link org.gleaner.config.GleanerConfig#feedSpecs()} gives the shared {@code model.FeedSpec}
 * records). Every error names the file, the line and the key path; a half-understood configuration
 * never starts the process: unknown keys, wrong types and unknown words are rejected, not guessed.
 *
 * <p>Enters: a path or YAML text. Leaves: validated records, or a {@link
 * org.gleaner.config.ConfigException}. Also here: {@link org.gleaner.config.FeedsFileEditor} (appends a
 * feed without disturbing the user's comments and layout) and {@link org.gleaner.config.ConfigWatcher}
 * (re-reads the file when it changes).
 *
 * <p>Uses SnakeYAML's node API (the parser under Jackson YAML) because its nodes carry line numbers; no
 * other package sees a YAML type. Knows nothing of the network: URLs and networks are checked for form
 * only (no DNS), and the address policy itself lives in {@code fetch}.
 */
@NullMarked
package org.gleaner.config;

import org.jspecify.annotations.NullMarked;
