package org.gleaner.extract;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;
import java.util.Locale;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.jsoup.select.Selector;
import org.jspecify.annotations.Nullable;

/**
 * A feed's own scraper rules (the Miniflux/FreshRSS kind): {@code content:} names the article body by
 * CSS selector and wins over the automatic extractor; {@code remove:} drops parts of the page first.
 */
public record SiteRules(@Nullable String contentSelector, List<String> removeSelectors) {
    public static final SiteRules NONE = new SiteRules(null, List.of());

    public SiteRules {
        removeSelectors = List.copyOf(removeSelectors);
    }

    public boolean isEmpty() {
        return contentSelector == null && removeSelectors.isEmpty();
    }

    /**
     * Extracts with these rules: removals first, then the selected content (all matches, in page order),
     * or the automatic extractor on what remains when no content selector is given. Metadata always
     * comes from the whole page.
     */
    public ExtractionResult extract(
            ArticleExtractor extractor, byte[] html, @Nullable String contentType, URI pageUri) {
        ExtractionResult automatic = extractor.extract(html, contentType, pageUri);
        if (isEmpty()) {
            return automatic;
        }
        Document page = parse(html, contentType, pageUri);
        for (String selector : removeSelectors) {
            select(page, selector).remove();
        }
        if (contentSelector == null) {
            return extractor.extract(page.outerHtml(), pageUri) instanceof ExtractedArticle cleaned
                    ? new ExtractedArticle(cleaned.text(), cleaned.html(), automatic.metadata())
                    : new NoArticle(
                            "the page had no article left after the feed's remove: rules", automatic.metadata());
        }
        Elements content = select(page, contentSelector);
        String body = String.join("\n", content.stream().map(Element::outerHtml).toList());
        String text = HtmlText.toText(body);
        if (text.isBlank()) {
            return new NoArticle(
                    "the feed's content: selector '" + contentSelector + "' matched no text on this page",
                    automatic.metadata());
        }
        return new ExtractedArticle(text, HtmlSanitizer.sanitize(body, pageUri), automatic.metadata());
    }

    /** A selector the configuration could not have validated is reported as a bad rule, not a crash. */
    private static Elements select(Document page, String selector) {
        try {
            return page.select(selector);
        } catch (Selector.SelectorParseException e) {
            throw new IllegalArgumentException("invalid CSS selector '" + selector + "': " + e.getMessage(), e);
        }
    }

    private static Document parse(byte[] html, @Nullable String contentType, URI pageUri) {
        try {
            return Jsoup.parse(new ByteArrayInputStream(html), charsetOf(contentType), pageUri.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory page cannot fail", e);
        }
    }

    private static @Nullable String charsetOf(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        int at = contentType.toLowerCase(Locale.ROOT).indexOf("charset=");
        if (at < 0) {
            return null;
        }
        String name = contentType
                .substring(at + "charset=".length())
                .replace("\"", "")
                .split(";")[0]
                .strip();
        try {
            return Charset.isSupported(name) ? name : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }
}
