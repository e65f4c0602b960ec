/**
 * When feeds are refreshed: one Quartz job per feed. Quartz stays inside this package.
 */
@NullMarked
package org.gleaner.schedule;

import org.jspecify.annotations.NullMarked;
