package org.gleaner.extract;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Per-feed or per-site scraper rules from {@code feeds.yaml} (the Miniflux/FreshRSS kind): when
 * {@code content} is given, the elements it selects are the article and the automatic extractor is not
 * asked; {@code remove} selectors are dropped from the page first either way.
 *
 * @param content a CSS selector for the article's content, or null to let the extractor find it
 * @param remove CSS selectors of elements to drop before extraction
 */
public record SiteRules(@Nullable String content, List<String> remove) {
    public SiteRules {
        remove = List.copyOf(remove);
    }

    /** No rules: the automatic extractor decides. */
    public static final SiteRules NONE = new SiteRules(null, List.of());
}
