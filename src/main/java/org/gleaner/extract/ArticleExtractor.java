package org.gleaner.extract;

import static org.gleaner.extract.ExtractionRules.*;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.Selector;
import org.jspecify.annotations.Nullable;

/**
 * Extracts an article's main text, sanitized HTML and metadata from a page. Stateless and thread-safe;
 * pure (no network, no clock).
 */
// jsoup nodes are compared by identity on purpose: equal markup in two places is two nodes
@SuppressWarnings("ReferenceEquality")
public final class ArticleExtractor {
    private static final Pattern CHARSET =
            Pattern.compile("charset\\s*=\\s*[\"']?([^\"';\\s]+)", Pattern.CASE_INSENSITIVE);

    public ArticleExtractor() {}

    /**
     * Extracts from raw bytes. The charset comes from the Content-Type header when it names a known one,
     * else from a byte-order mark or the page's {@code <meta charset>}, else UTF-8.
     */
    public ExtractionResult extract(byte[] html, @Nullable String contentType, URI pageUri) {
        return extract(html, contentType, pageUri, SiteRules.NONE);
    }

    /**
     * Extracts with per-site rules: {@code remove} selectors are dropped first; a {@code content} selector,
     * when given, picks the article instead of the automatic extractor (an invalid selector is a
     * {@link NoArticle} saying so).
     */
    public ExtractionResult extract(byte[] html, @Nullable String contentType, URI pageUri, SiteRules rules) {
        String charset = charsetOf(contentType);
        Document doc;
        try {
            doc = Jsoup.parse(new ByteArrayInputStream(html), charset, pageUri.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("reading an in-memory page cannot fail", e);
        }
        return extract(doc, pageUri, rules);
    }

    /** Extracts from already decoded HTML. */
    public ExtractionResult extract(String html, URI pageUri) {
        return extract(Jsoup.parse(html, pageUri.toString()), pageUri, SiteRules.NONE);
    }

    private static @Nullable String charsetOf(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        Matcher m = CHARSET.matcher(contentType);
        if (!m.find()) {
            return null;
        }
        String name = m.group(1);
        try {
            return Charset.isSupported(name) ? name : null;
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            return null;
        }
    }

    private ExtractionResult extract(Document doc, URI pageUri, SiteRules rules) {
        MetadataReader metaReader = MetadataReader.read(doc, pageUri);
        Element body = doc.body();
        try {
            for (String selector : rules.remove()) {
                body.select(selector).remove();
            }
            String content = rules.content();
            if (content != null) {
                return byRule(body.select(content), metaReader);
            }
        } catch (Selector.SelectorParseException e) {
            return new NoArticle(
                    "site rule is not a valid CSS selector: " + e.getMessage(),
                    metaReader.metadata(metaReader.declaredLanguage()));
        }
        ContentFinder.Found found = new ContentFinder(body).find();
        String text = found.text();
        String articleBody = metaReader.articleBody();
        String html = null;
        if (articleBody != null
                && articleBody.length() >= JSON_LD_MIN_CHARS
                && text.length() < JSON_LD_PREFERRED_BELOW * articleBody.length()) {
            String bodyText = articleBody.contains("</p>") || articleBody.contains("<br")
                    ? HtmlText.toText(articleBody)
                    : paragraphs(articleBody);
            text = bodyText;
            html = HtmlSanitizer.sanitize(toParagraphHtml(bodyText), pageUri);
        }
        String language = metaReader.declaredLanguage();
        if (language == null) {
            language = LanguageGuess.guess(text.length() >= MIN_ARTICLE_CHARS ? text : body.text());
        }
        PageMetadata metadata = metaReader.metadata(language);
        if (text.length() < MIN_ARTICLE_CHARS) {
            return new NoArticle(noArticleReason(doc, text), metadata);
        }
        if (html == null && text.length() < WALL_MAX_CHARS) {
            if (PAYWALL.matcher(text).find()) {
                return new NoArticle("paywall", metadata);
            }
            if (CONSENT_WALL.matcher(text).find()) {
                return new NoArticle("consent wall", metadata);
            }
        }
        if (html == null && found.linkDensity() > INDEX_PAGE_LINK_DENSITY) {
            return new NoArticle("page is a list of links, not an article", metadata);
        }
        if (html == null) {
            html = contentHtml(found);
        }
        return new ExtractedArticle(text, html, metadata);
    }

    private static ExtractionResult byRule(List<Element> selected, MetadataReader metaReader) {
        String text = TextRenderer.render(selected, e -> false);
        String language = metaReader.declaredLanguage();
        PageMetadata metadata = metaReader.metadata(language != null ? language : LanguageGuess.guess(text));
        if (text.isBlank()) {
            return new NoArticle("site rule selected no content", metadata);
        }
        return new ExtractedArticle(text, HtmlSanitizer.sanitize(selected), metadata);
    }

    private static String paragraphs(String plain) {
        List<String> out = new ArrayList<>();
        for (String p : plain.split("\\n\\s*")) {
            String t = p.replaceAll("[ \\t\\u00A0]+", " ").strip();
            if (!t.isEmpty()) {
                out.add(t);
            }
        }
        return String.join("\n\n", out);
    }

    private static String toParagraphHtml(String text) {
        StringBuilder sb = new StringBuilder();
        for (String p : text.split("\n\n")) {
            sb.append("<p>").append(org.jsoup.nodes.Entities.escape(p)).append("</p>");
        }
        return sb.toString();
    }

    /** Removes what the finder left out, then sanitizes the roots' markup. */
    private static String contentHtml(ContentFinder.Found found) {
        List<Node> doomed = new ArrayList<>();
        for (Element root : found.roots()) {
            NodeTraversor.filter(
                    new NodeFilter() {
                        @Override
                        public FilterResult head(Node node, int depth) {
                            if (node instanceof Element e
                                    && node != root
                                    && found.skip().test(e)) {
                                doomed.add(e);
                                return FilterResult.SKIP_ENTIRELY;
                            }
                            return FilterResult.CONTINUE;
                        }
                    },
                    root);
        }
        for (Node n : doomed) {
            n.remove();
        }
        return HtmlSanitizer.sanitize(found.roots());
    }

    private static String noArticleReason(Document doc, String text) {
        String all = doc.body().text();
        String sample = all.length() > 3000 ? all.substring(0, 3000) : all;
        String lower = sample.toLowerCase(Locale.ROOT);
        if (PAYWALL.matcher(lower).find()) {
            return "paywall";
        }
        int links = 0;
        int linkText = 0;
        for (Element a : doc.body().getElementsByTag("a")) {
            links++;
            linkText += a.text().length();
        }
        if (CONSENT_WALL.matcher(lower).find() && links <= CONSENT_WALL_MAX_LINKS) {
            return "consent wall";
        }
        if (!all.isEmpty() && (double) linkText / all.length() > INDEX_PAGE_LINK_DENSITY) {
            return "page is a list of links, not an article";
        }
        if (all.strip().length() < MIN_ARTICLE_CHARS
                && (NEEDS_SCRIPT.matcher(doc.html()).find()
                        || !doc.select("script").isEmpty())) {
            return "page needs JavaScript";
        }
        return "page has no article text (" + text.length() + " characters of content)";
    }
}
