/**
 * Reads {@code config/feeds.yaml} into settings records. Every error names the file, the line and the key;
 * a half-understood configuration never starts the process. Knows Jackson YAML and nothing of the network.
 */
@NullMarked
package org.gleaner.config;

import org.jspecify.annotations.NullMarked;
