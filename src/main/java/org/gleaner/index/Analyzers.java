package org.gleaner.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ar.ArabicNormalizationFilter;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.cjk.CJKWidthFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanNormalizationFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.jspecify.annotations.Nullable;
import org.tartarus.snowball.ext.DutchStemmer;

/**
 * The analysis shared by indexing, searching and alert matching, so a query is analysed the way the
 * text was.
 *
 * <p>Every text chain is: Unicode word breaking, full-width folding, lower case, CJK bigrams (so
 * Chinese, Japanese and Korean text is searchable in a document of any language), the document
 * language's own normalisation and stemming, then accent folding ({@code Damàs} and {@code Damas}
 * meet). Stemming runs before folding because the stemmers are written for their native spelling.
 * A document text with no CJK character skips the two CJK filters ({@link #forText}), which would
 * pass its tokens through unchanged.
 * No stop words are removed: phrases stay exact and BM25 already discounts common words.
 *
 * <p>The title, article text and entry text of a document are analysed with the analyzer of the
 * document's language ({@link #forLanguage}); a query, whose language is unknown, is analysed with
 * every language and the distinct forms are searched together ({@link #queryForms}).
 */
public final class Analyzers {
    /** Languages with their own chain; anything else is analysed as English (the default). */
    public static final List<String> STEMMED_LANGUAGES = List.of("en", "fr", "de", "es", "it", "pt", "nl", "ru", "ar");

    /** Languages written without spaces: word breaking plus bigrams, no stemming. */
    private static final List<String> CJK_LANGUAGES = List.of("zh", "ja", "ko");

    private static final String DEFAULT_LANGUAGE = "en";

    /** The analysis name of the chain without stemming (CJK documents). */
    public static final String PLAIN_ANALYSIS = "plain";

    /** Every analysis a document can have been given. */
    public static final Set<String> ALL_ANALYSES = allAnalyses();

    /** Italian elided articles and prepositions (Lucene keeps its own list private). */
    private static final CharArraySet ITALIAN_ARTICLES = new CharArraySet(
            Arrays.asList(
                    "c", "l", "all", "dall", "dell", "nell", "sull", "coll", "pell", "gl", "agl", "dagl", "degl",
                    "negl", "sugl", "un", "m", "t", "s", "v", "d"),
            true);

    /**
     * Characters from which on the CJK filters may act: Hangul Jamo (U+1100–U+11FF) and everything
     * from U+2E80 up (Han, kana, Hangul syllables, full- and half-width forms, and surrogates, hence
     * supplementary ideographs). Nothing below, outside the Jamo, is typed CJK by the tokenizer or
     * changed by width folding.
     */
    private static final char FIRST_HANGUL_JAMO = '\u1100';

    private static final char LAST_HANGUL_JAMO = '\u11FF';
    private static final char FIRST_CJK_BLOCK = '\u2E80';

    private static final Map<String, Analyzer> BY_LANGUAGE = buildLanguageAnalyzers(true);
    private static final Analyzer ENGLISH = Objects.requireNonNull(BY_LANGUAGE.get(DEFAULT_LANGUAGE));
    private static final Analyzer PLAIN = new TextAnalyzer(PLAIN_ANALYSIS, true);

    /** The same chains without the CJK filters, for texts that have no character they act on. */
    private static final Map<String, Analyzer> WITHOUT_CJK = withoutCjk();

    private static final Analyzer KEYWORD = new KeywordAnalyzer();
    private static final Analyzer INDEX = new PerFieldAnalyzerWrapper(
            KEYWORD,
            Map.of(
                    ArticleFields.TITLE, forLanguage(DEFAULT_LANGUAGE),
                    ArticleFields.ARTICLE_TEXT, forLanguage(DEFAULT_LANGUAGE),
                    ArticleFields.ENTRY_TEXT, forLanguage(DEFAULT_LANGUAGE),
                    ArticleFields.AUTHOR, PLAIN));

    private Analyzers() {}

    private static Set<String> allAnalyses() {
        Set<String> all = new LinkedHashSet<>(STEMMED_LANGUAGES);
        all.add(PLAIN_ANALYSIS);
        return Collections.unmodifiableSet(all);
    }

    private static Map<String, Analyzer> buildLanguageAnalyzers(boolean cjk) {
        Map<String, Analyzer> analyzers = new LinkedHashMap<>();
        for (String language : STEMMED_LANGUAGES) {
            analyzers.put(language, new TextAnalyzer(language, cjk));
        }
        return Collections.unmodifiableMap(analyzers);
    }

    private static Map<String, Analyzer> withoutCjk() {
        Map<String, Analyzer> analyzers = new LinkedHashMap<>(buildLanguageAnalyzers(false));
        analyzers.put(PLAIN_ANALYSIS, new TextAnalyzer(PLAIN_ANALYSIS, false));
        return Collections.unmodifiableMap(analyzers);
    }

    /**
     * The per-field analyzer for a writer or a lucene-monitor {@code Monitor}: English chains for the
     * text fields, a plain chain for authors, keywords for everything else. Language-specific analysis
     * of a document's text comes from {@link ArticleFields#document}, which pre-analyses those fields.
     */
    public static Analyzer indexAnalyzer() {
        return INDEX;
    }

    /**
     * The text analyzer for a document language (a BCP 47 tag such as {@code fr-CA}); English when the
     * language is unknown or absent. CJK languages get the plain chain (bigrams without stemming).
     */
    public static Analyzer forLanguage(@Nullable String languageTag) {
        String language = normalizeLanguage(languageTag);
        if (language != null && CJK_LANGUAGES.contains(language)) {
            return PLAIN;
        }
        Analyzer analyzer = language == null ? null : BY_LANGUAGE.get(language);
        return analyzer != null ? analyzer : ENGLISH;
    }

    /**
     * The analyzer for one text of a document in this language: {@link #forLanguage}'s chain, without
     * its CJK filters when the text has no character they act on. The tokens are the same either way
     * (queries keep the full chains); skipping two filters per token is a few percent of indexing.
     */
    public static Analyzer forText(@Nullable String languageTag, String text) {
        if (mayHoldCjk(text)) {
            return forLanguage(languageTag);
        }
        Analyzer analyzer = WITHOUT_CJK.get(analysisFor(languageTag));
        return analyzer != null ? analyzer : forLanguage(languageTag);
    }

    /** Whether the text has a character that CJK width folding or bigramming could act on. */
    static boolean mayHoldCjk(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= FIRST_HANGUL_JAMO && (c <= LAST_HANGUL_JAMO || c >= FIRST_CJK_BLOCK)) {
                return true;
            }
        }
        return false;
    }

    /** Authors: word breaking, lower case and folding, no stemming (names are not words). */
    public static Analyzer plain() {
        return PLAIN;
    }

    /** The primary language subtag in lower case ({@code pt-BR} gives {@code pt}), null when blank. */
    public static @Nullable String normalizeLanguage(@Nullable String languageTag) {
        if (languageTag == null || languageTag.isBlank()) {
            return null;
        }
        String primary = languageTag.trim().split("[-_]", 2)[0].toLowerCase(Locale.ROOT);
        return primary.isEmpty() ? null : primary;
    }

    /** Keyword values (feed, site, tag, language) are matched case-insensitively. */
    public static String normalizeKeyword(String value) {
        return value.trim().toLowerCase(Locale.ROOT);
    }

    /**
     * How a query word or phrase is written in the index for a text field under each language's
     * analysis: the distinct token sequences, in a stable order (English first). A word that splits
     * (a CJK run, {@code e-mail}) gives a sequence of several tokens; punctuation gives none.
     */
    public static List<List<String>> queryForms(String field, String text) {
        return queryForms(field, text, ALL_ANALYSES);
    }

    /**
     * Like {@link #queryForms(String, String)}, restricted to the analyses named (see {@link
     * #analysisFor}): an index that holds only English and French documents needs no German forms.
     */
    public static List<List<String>> queryForms(String field, String text, Set<String> analyses) {
        List<List<String>> forms = new ArrayList<>();
        if (ArticleFields.AUTHOR.equals(field)) {
            addForm(forms, analyze(PLAIN, field, text));
            return forms;
        }
        for (Map.Entry<String, Analyzer> language : BY_LANGUAGE.entrySet()) {
            if (analyses.contains(language.getKey())) {
                addForm(forms, analyze(language.getValue(), field, text));
            }
        }
        if (analyses.contains(PLAIN_ANALYSIS)) {
            addForm(forms, analyze(PLAIN, field, text));
        }
        return forms;
    }

    /**
     * Fields with the same key get the same {@link #queryForms} for any text: the text chains ignore
     * the field name, so title, article text and entry text share one key (authors have their own).
     */
    public static String queryFormsKey(String field) {
        return ArticleFields.AUTHOR.equals(field) ? ArticleFields.AUTHOR : ArticleFields.ARTICLE_TEXT;
    }

    /**
     * The name of the analysis a document in this language gets: its language code when it has its own
     * chain, {@code plain} for CJK, {@code en} otherwise (the default).
     */
    public static String analysisFor(@Nullable String languageTag) {
        String language = normalizeLanguage(languageTag);
        if (language != null && CJK_LANGUAGES.contains(language)) {
            return PLAIN_ANALYSIS;
        }
        return language != null && BY_LANGUAGE.containsKey(language) ? language : DEFAULT_LANGUAGE;
    }

    /**
     * The query-side form of a prefix or fuzzy term: lower case and accent folding without stemming,
     * which is what the index holds for the stem of most words.
     */
    public static String normalizeTerm(String field, String text) {
        return PLAIN.normalize(field, text).utf8ToString();
    }

    private static void addForm(List<List<String>> forms, List<String> form) {
        if (!form.isEmpty() && !forms.contains(form)) {
            forms.add(form);
        }
    }

    /** The tokens an analyzer produces for a text, in order. */
    public static List<String> analyze(Analyzer analyzer, String field, String text) {
        List<String> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                tokens.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analysing a string cannot fail", e);
        }
        return tokens;
    }

    /**
     * One language's text chain. Per-field reuse lets a document's title, article text and entry text
     * be pre-analysed together (each field gets its own reusable components).
     */
    private static final class TextAnalyzer extends Analyzer {
        private final String language;
        private final boolean cjk;
        /** One cache of rewritten terms per thread, shared by the fields' components of that thread. */
        private final ThreadLocal<TermCache> termCaches = ThreadLocal.withInitial(TermCache::new);

        TextAnalyzer(String language, boolean cjk) {
            super(PER_FIELD_REUSE_STRATEGY);
            this.language = language;
            this.cjk = cjk;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream stream = cjk ? new CJKWidthFilter(source) : source;
            stream = new LowerCaseFilter(stream);
            if (cjk) {
                stream = new CJKBigramFilter(stream);
            }
            // stemming and folding look at one term at a time: cached, they run once per distinct word
            stream = new CachedTermFilter(
                    stream, term -> new ASCIIFoldingFilter(languageFilters(term)), termCaches.get());
            return new TokenStreamComponents(source, stream);
        }

        private TokenStream languageFilters(TokenStream in) {
            return switch (language) {
                case "en" -> new PorterStemFilter(new EnglishPossessiveFilter(in));
                case "fr" -> new FrenchLightStemFilter(new ElisionFilter(in, FrenchAnalyzer.DEFAULT_ARTICLES));
                case "de" -> new GermanLightStemFilter(new GermanNormalizationFilter(in));
                case "es" -> new SpanishLightStemFilter(in);
                case "it" -> new ItalianLightStemFilter(new ElisionFilter(in, ITALIAN_ARTICLES));
                case "pt" -> new PortugueseLightStemFilter(in);
                case "nl" -> new SnowballFilter(in, new DutchStemmer());
                case "ru" -> new RussianLightStemFilter(in);
                case "ar" -> new ArabicStemFilter(new ArabicNormalizationFilter(new DecimalDigitFilter(in)));
                default -> in;
            };
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(new CJKWidthFilter(in)));
        }

        @Override
        public String toString() {
            return "TextAnalyzer(" + language + (cjk ? ")" : ", without CJK filters)");
        }
    }
}
