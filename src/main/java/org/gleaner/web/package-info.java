/**
 * The HTTP server for people and scripts: JSON API and the search page. Javalin stays inside this package.
 */
@NullMarked
package org.gleaner.web;

import org.jspecify.annotations.NullMarked;
