package org.gleaner.index;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.util.BytesRef;
import org.gleaner.model.SearchDocument;
import org.jspecify.annotations.Nullable;

/**
 * The article index schema: the only place field names are spelled, and the one mapping from a
 * {@link SearchDocument} to a Lucene {@link Document}.
 *
 * <p>Title, article text and entry text are analysed with the document language's analyzer ({@link
 * Analyzers#forText}) and keep
 * positions and offsets in the postings (phrases, and highlighting without re-analysis). Keyword
 * fields (feed, site, tag, language) are indexed lower-cased and carry sorted-set doc values for
 * facets. {@code published} is a {@link LongField} (points for ranges, sorted-numeric doc values for
 * sorting, the recency boost and date facets) and a stored value.
 */
public final class ArticleFields {
    /** The search document key: {@code a:<article key>} or {@code e:<feed id>:<entry key>}. Unique. */
    public static final String KEY = "key";

    public static final String TITLE = "title";
    /** The source article's main text. */
    public static final String ARTICLE_TEXT = "text";
    /** The entries' own text: the excerpt plus the blogger's commentary, searchable separately. */
    public static final String ENTRY_TEXT = "entry";

    public static final String AUTHOR = "author";
    public static final String FEED = "feed";
    /** The registered domain of the story's URL. */
    public static final String SITE = "site";

    public static final String TAG = "tag";
    /** The primary language subtag ({@code en}, {@code fr}); absent when unknown. */
    public static final String LANGUAGE = "lang";
    /** Epoch milliseconds. */
    public static final String PUBLISHED = "published";

    public static final String URL = "url";
    /** Shared by syndicated copies of one story; results collapse on it (doc values: read per hit). */
    public static final String STORY = "story";

    /** The fields holding analysed prose, in the order snippets prefer them. */
    public static final Set<String> PROSE = Set.of(TITLE, ARTICLE_TEXT, ENTRY_TEXT);

    private static final FieldType PRE_ANALYZED_PROSE = preAnalyzedProse();

    private ArticleFields() {}

    private static FieldType preAnalyzedProse() {
        FieldType type = new FieldType();
        type.setTokenized(true);
        type.setStored(false);
        type.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        type.freeze();
        return type;
    }

    /**
     * The Lucene document for a search document. The prose fields hold token streams already bound to
     * the document's language analyzer: add the document to a writer (or a monitor) before building
     * the next one on the same thread, since the analyzer's components are reused per thread.
     */
    public static Document document(SearchDocument source) {
        Document doc = new Document();
        doc.add(new StringField(KEY, source.key(), Field.Store.YES));
        addProse(doc, source.language(), TITLE, source.title());
        addProse(doc, source.language(), ARTICLE_TEXT, source.articleText());
        addProse(doc, source.language(), ENTRY_TEXT, source.entryText());
        for (String author : source.authors()) {
            if (!author.isBlank()) {
                doc.add(new TextField(AUTHOR, author, Field.Store.YES));
            }
        }
        addKeywords(doc, FEED, source.feeds());
        if (source.site() != null && !source.site().isBlank()) {
            addKeywords(doc, SITE, List.of(source.site()));
        }
        addKeywords(doc, TAG, source.tags());
        String language = Analyzers.normalizeLanguage(source.language());
        if (language != null) {
            addKeywords(doc, LANGUAGE, List.of(language));
        }
        if (source.published() != null) {
            long millis = source.published().toEpochMilli();
            doc.add(new LongField(PUBLISHED, millis, Field.Store.YES));
        }
        doc.add(new StringField(URL, source.url(), Field.Store.YES));
        doc.add(new StringField(STORY, source.storyId(), Field.Store.YES));
        doc.add(new SortedDocValuesField(STORY, new BytesRef(source.storyId())));
        return doc;
    }

    private static void addProse(Document doc, @Nullable String language, String field, @Nullable String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        Analyzer analyzer = Analyzers.forText(language, text);
        doc.add(new Field(field, analyzer.tokenStream(field, text), PRE_ANALYZED_PROSE));
        doc.add(new StoredField(field, text));
    }

    private static void addKeywords(Document doc, String field, List<String> values) {
        Set<String> normalized = new LinkedHashSet<>();
        for (String value : values) {
            if (!value.isBlank()) {
                normalized.add(Analyzers.normalizeKeyword(value));
            }
        }
        for (String value : normalized) {
            doc.add(new StringField(field, value, Field.Store.YES));
            doc.add(new SortedSetDocValuesField(field, new BytesRef(value)));
        }
    }
}
