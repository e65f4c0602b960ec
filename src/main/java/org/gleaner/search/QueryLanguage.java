package org.gleaner.search;

import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.document.LongField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MultiPhraseQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.SynonymQuery;
import org.apache.lucene.search.TermQuery;
import org.gleaner.index.Analyzers;
import org.gleaner.index.ArticleFields;
import org.jspecify.annotations.Nullable;

/**
 * The one query language of Gleaner, for searches, saved queries and alerts.
 *
 * <pre>
 *   homs prison                 both words (AND is the default; AND may be written)
 *   "exact phrase"              the words in order
 *   "near words"~5              the words within 5 positions of each other
 *   assad OR damascus           either (OR binds tighter than the implicit AND)
 *   -rumour   NOT rumour        exclude
 *   (a OR b) c                  grouping
 *   elect*   damascus~          prefix (2+ letters), fuzzy (~1 or ~2 edits; ~ alone: by length)
 *   title: text: entry: author: feed: site: tag: lang:     one field, e.g. title:(homs OR hama)
 *   published:2024-12-08  published:2024-12  published:[2024-12-01 TO 2024-12-08]  ({…} excludes)
 *   since:7d  since:2024-12-01  before:2024-12-08  after:2024-12-01   (h d w m y)
 * </pre>
 *
 * Words without a field search the title, the article text and the entry text (boosted per {@link
 * SearchTuning}). Each word is analysed under every supported language ({@link Analyzers#queryForms})
 * so it meets the stemmed form of whichever language a document was written in. Dates are UTC days;
 * ranges include both ends. Errors are {@link QueryException}s that name the column.
 */
public final class QueryLanguage {
    private QueryLanguage() {}

    /**
     * Parses a query. {@code clock} resolves relative dates ({@code since:7d}) at parse time.
     *
     * @throws QueryException when the query is empty, malformed or too large, with the column
     */
    public static Query parse(String query, InstantSource clock) throws QueryException {
        return new Parser(query, clock, Analyzers.ALL_ANALYSES).parseQuery();
    }

    /**
     * Parses a query for an index whose documents were given only the named analyses ({@link
     * Analyzers#analysisFor}); words are then looked up only in those forms. Same language otherwise.
     */
    public static Query parse(String query, InstantSource clock, Set<String> analyses) throws QueryException {
        return new Parser(query, clock, analyses).parseQuery();
    }

    /** Whether a parsed query searches the given index field anywhere (a word, phrase, prefix or range). */
    static boolean mentions(Query query, String field) {
        boolean[] found = {false};
        query.visit(new QueryVisitor() {
            @Override
            public boolean acceptField(String name) {
                found[0] |= field.equals(name);
                return false;
            }
        });
        return found[0];
    }

    /** Field names as typed in a query, and what each searches. */
    enum FieldSpec {
        DEFAULT(Kind.PROSE),
        TITLE(Kind.PROSE),
        TEXT(Kind.PROSE),
        ENTRY(Kind.PROSE),
        AUTHOR(Kind.PROSE),
        FEED(Kind.KEYWORD),
        SITE(Kind.KEYWORD),
        TAG(Kind.KEYWORD),
        LANG(Kind.KEYWORD),
        PUBLISHED(Kind.DATE),
        SINCE(Kind.DATE),
        BEFORE(Kind.DATE),
        AFTER(Kind.DATE);

        enum Kind {
            PROSE,
            KEYWORD,
            DATE
        }

        final Kind kind;

        FieldSpec(Kind kind) {
            this.kind = kind;
        }

        String typed() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Lucene fields and boosts searched by a prose field spec. */
        Map<String, Float> proseFields() {
            return switch (this) {
                case TITLE -> Map.of(ArticleFields.TITLE, 1f);
                case TEXT -> Map.of(ArticleFields.ARTICLE_TEXT, 1f);
                case ENTRY -> Map.of(ArticleFields.ENTRY_TEXT, 1f);
                case AUTHOR -> Map.of(ArticleFields.AUTHOR, 1f);
                default ->
                    Map.of(
                            ArticleFields.TITLE, SearchTuning.TITLE_BOOST,
                            ArticleFields.ARTICLE_TEXT, SearchTuning.ARTICLE_BOOST,
                            ArticleFields.ENTRY_TEXT, SearchTuning.ENTRY_BOOST);
            };
        }

        String keywordField() {
            return switch (this) {
                case FEED -> ArticleFields.FEED;
                case SITE -> ArticleFields.SITE;
                case TAG -> ArticleFields.TAG;
                case LANG -> ArticleFields.LANGUAGE;
                default -> throw new IllegalStateException(this + " is not a keyword field");
            };
        }

        static @Nullable FieldSpec fromTyped(String name) {
            for (FieldSpec spec : values()) {
                if (spec != DEFAULT && spec.typed().equals(name)) {
                    return spec;
                }
            }
            return null;
        }

        static String typedNames() {
            List<String> names = new ArrayList<>();
            for (FieldSpec spec : values()) {
                if (spec != DEFAULT) {
                    names.add(spec.typed() + ":");
                }
            }
            return String.join(" ", names);
        }
    }

    /** A parsed piece: its query (null when it analysed to nothing) and whether it is excluded. */
    private record Parsed(@Nullable Query query, boolean negated) {
        static final Parsed NOTHING = new Parsed(null, false);
    }

    /** An inclusive range of epoch milliseconds. */
    private record Millis(long from, long to) {}

    private static final Pattern FIELD_NAME = Pattern.compile("[A-Za-z]+");
    private static final Pattern FUZZY = Pattern.compile("(.+)~([0-9]*)");
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,4})([hdwmy])");

    private static final class Parser {
        private final String src;
        private final InstantSource clock;
        private final Set<String> analyses;
        private int pos;
        private int depth;
        private int terms;

        Parser(String src, InstantSource clock, Set<String> analyses) {
            this.src = src;
            this.clock = clock;
            this.analyses = analyses;
        }

        Query parseQuery() throws QueryException {
            if (src.length() > SearchTuning.MAX_QUERY_LENGTH) {
                throw new QueryException(
                        "the query is too long (" + src.length() + " characters; at most "
                                + SearchTuning.MAX_QUERY_LENGTH + ")",
                        SearchTuning.MAX_QUERY_LENGTH);
            }
            skipSpaces();
            if (atEnd()) {
                throw new QueryException("the query is empty", 0);
            }
            Parsed parsed = parseConjunction(-1, FieldSpec.DEFAULT);
            Query query = toQuery(parsed);
            if (query == null) {
                throw new QueryException("the query has no searchable words", 0);
            }
            return query;
        }

        // conjunction := disjunction ( [AND] disjunction )*
        private Parsed parseConjunction(int openParen, FieldSpec field) throws QueryException {
            List<Parsed> parts = new ArrayList<>();
            while (true) {
                skipSpaces();
                if (atEnd()) {
                    break;
                }
                char c = src.charAt(pos);
                if (c == ')') {
                    if (openParen < 0) {
                        throw QueryException.at("unexpected ')'", pos);
                    }
                    break;
                }
                if (isOperator("AND")) {
                    int andPos = pos;
                    pos += 3;
                    skipSpaces();
                    if (parts.isEmpty() || atEnd() || src.charAt(pos) == ')' || isOperator("AND") || isOperator("OR")) {
                        throw QueryException.at("AND needs a search term on each side", andPos);
                    }
                    continue;
                }
                if (isOperator("OR")) {
                    throw QueryException.at("OR needs a search term on each side", pos);
                }
                parts.add(parseDisjunction(field));
            }
            return and(parts);
        }

        // disjunction := unary ( OR unary )*
        private Parsed parseDisjunction(FieldSpec field) throws QueryException {
            List<Parsed> parts = new ArrayList<>();
            parts.add(parseUnary(field));
            while (true) {
                int save = pos;
                skipSpaces();
                if (!isOperator("OR")) {
                    pos = save;
                    break;
                }
                int orPos = pos;
                pos += 2;
                skipSpaces();
                if (atEnd() || src.charAt(pos) == ')' || isOperator("OR") || isOperator("AND")) {
                    throw QueryException.at("OR needs a search term on each side", orPos);
                }
                parts.add(parseUnary(field));
            }
            return or(parts);
        }

        // unary := ( NOT | '-' | '+' ) unary | primary
        private Parsed parseUnary(FieldSpec field) throws QueryException {
            skipSpaces();
            if (isOperator("NOT")) {
                int notPos = pos;
                pos += 3;
                skipSpaces();
                if (atEnd() || src.charAt(pos) == ')' || isOperator("OR") || isOperator("AND")) {
                    throw QueryException.at("NOT needs a search term after it", notPos);
                }
                return negate(parseUnary(field));
            }
            char c = src.charAt(pos);
            if (c == '-' || c == '+') {
                if (pos + 1 >= src.length() || isSpace(src.charAt(pos + 1)) || src.charAt(pos + 1) == ')') {
                    throw QueryException.at("'" + c + "' needs a search term right after it", pos);
                }
                pos++;
                Parsed inner = parsePrimary(field);
                return c == '-' ? negate(inner) : inner;
            }
            return parsePrimary(field);
        }

        private Parsed parsePrimary(FieldSpec field) throws QueryException {
            char c = src.charAt(pos);
            if (c == '(') {
                return parseGroup(field);
            }
            if (c == '"') {
                return parsePhrase(field);
            }
            if (c == ')') {
                throw QueryException.at("unexpected ')'", pos);
            }
            return parseWord(field);
        }

        private Parsed parseGroup(FieldSpec field) throws QueryException {
            int open = pos;
            if (++depth > SearchTuning.MAX_NESTING) {
                throw QueryException.at(
                        "parentheses are nested too deeply (at most " + SearchTuning.MAX_NESTING + ")", open);
            }
            pos++;
            skipSpaces();
            if (!atEnd() && src.charAt(pos) == ')') {
                throw QueryException.at("empty parentheses", open);
            }
            Parsed inner = parseConjunction(open, field);
            if (atEnd()) {
                throw QueryException.at("missing ')' to close the '('", open);
            }
            pos++;
            depth--;
            return inner;
        }

        private Parsed parsePhrase(FieldSpec field) throws QueryException {
            int open = pos;
            int close = src.indexOf('"', open + 1);
            if (close < 0) {
                throw QueryException.at("missing closing '\"' for the phrase that starts", open);
            }
            String text = src.substring(open + 1, close);
            pos = close + 1;
            int slop = 0;
            if (!atEnd() && src.charAt(pos) == '~') {
                int tilde = pos;
                pos++;
                int digits = pos;
                while (!atEnd() && Character.isDigit(src.charAt(pos))) {
                    pos++;
                }
                if (digits == pos) {
                    throw QueryException.at("'~' after a phrase needs a distance in words, like \"a b\"~5", tilde);
                }
                slop = parseSmallInt(src.substring(digits, pos));
                if (slop > SearchTuning.MAX_SLOP) {
                    throw QueryException.at("the distance after '~' is at most " + SearchTuning.MAX_SLOP, digits);
                }
            }
            if (text.isBlank()) {
                throw QueryException.at("empty phrase", open);
            }
            countTerm(open);
            return switch (field.kind) {
                case PROSE -> new Parsed(prose(field, text, slop), false);
                case KEYWORD -> new Parsed(keyword(field, text), false);
                case DATE -> throw QueryException.at(field.typed() + ": takes a date, not a phrase", open);
            };
        }

        private Parsed parseWord(FieldSpec field) throws QueryException {
            int start = pos;
            while (!atEnd() && !isSpace(src.charAt(pos)) && "()\"".indexOf(src.charAt(pos)) < 0) {
                pos++;
            }
            String word = src.substring(start, pos);
            int colon = word.indexOf(':');
            if (colon > 0) {
                String name = word.substring(0, colon);
                FieldSpec spec = FieldSpec.fromTyped(name.toLowerCase(Locale.ROOT));
                if (spec != null) {
                    return parseFieldValue(spec, start, start + colon + 1);
                }
                if (FIELD_NAME.matcher(name).matches() && colon < word.length() - 1) {
                    throw QueryException.at(
                            "unknown field '" + name + ":' (fields are " + FieldSpec.typedNames() + ")", start);
                }
            }
            countTerm(start);
            return word(field, word, start);
        }

        private Parsed parseFieldValue(FieldSpec spec, int fieldStart, int valueStart) throws QueryException {
            pos = valueStart;
            if (atEnd() || isSpace(src.charAt(pos)) || src.charAt(pos) == ')') {
                throw QueryException.at(spec.typed() + ": needs a value right after the colon", fieldStart);
            }
            char c = src.charAt(pos);
            if (c == '(') {
                return parseGroup(spec);
            }
            if (c == '"') {
                return parsePhrase(spec);
            }
            if (c == '[' || c == '{') {
                if (spec != FieldSpec.PUBLISHED) {
                    throw QueryException.at(
                            "ranges are only for published:, like published:[2024-12-01 TO 2024-12-08]", pos);
                }
                countTerm(fieldStart);
                return new Parsed(parseRange(), false);
            }
            int start = pos;
            while (!atEnd() && !isSpace(src.charAt(pos)) && "()\"".indexOf(src.charAt(pos)) < 0) {
                pos++;
            }
            countTerm(fieldStart);
            return word(spec, src.substring(start, pos), start);
        }

        private Parsed word(FieldSpec field, String word, int start) throws QueryException {
            return switch (field.kind) {
                case DATE -> new Parsed(dateQuery(field, word, start), false);
                case KEYWORD -> new Parsed(keywordWord(field, word, start), false);
                case PROSE -> new Parsed(proseWord(field, word, start), false);
            };
        }

        private @Nullable Query proseWord(FieldSpec field, String word, int start) throws QueryException {
            int star = word.indexOf('*');
            if (star >= 0) {
                if (star != word.length() - 1) {
                    throw QueryException.at("'*' is only allowed at the end of a word", start + star);
                }
                String prefix = word.substring(0, star);
                if (prefix.codePointCount(0, prefix.length()) < SearchTuning.MIN_PREFIX_LENGTH) {
                    throw QueryException.at(
                            "'" + word + "' matches too many words: give at least " + SearchTuning.MIN_PREFIX_LENGTH
                                    + " letters before '*'",
                            start);
                }
                List<Query> perField = new ArrayList<>();
                for (Map.Entry<String, Float> f : orderedFields(field)) {
                    PrefixQuery q = new PrefixQuery(
                            new Term(f.getKey(), Analyzers.normalizeTerm(f.getKey(), prefix)),
                            new ExpansionLimit(word, start, SearchTuning.MAX_PREFIX_EXPANSIONS));
                    perField.add(boost(q, f.getValue()));
                }
                return dismax(perField);
            }
            Matcher fuzzy = FUZZY.matcher(word);
            if (fuzzy.matches() && fuzzy.group(1).indexOf('~') < 0) {
                String text = fuzzy.group(1);
                int edits;
                if (fuzzy.group(2).isEmpty()) {
                    edits = text.length() <= 5 ? 1 : 2;
                } else {
                    edits = parseSmallInt(fuzzy.group(2));
                    if (edits < 1 || edits > 2) {
                        throw QueryException.at("'~' after a word takes 1 or 2 (edits)", start + text.length());
                    }
                }
                if (text.codePointCount(0, text.length()) < SearchTuning.MIN_FUZZY_LENGTH) {
                    throw QueryException.at(
                            "'" + word + "' is too short for a fuzzy match: give at least "
                                    + SearchTuning.MIN_FUZZY_LENGTH + " letters",
                            start);
                }
                List<Query> perField = new ArrayList<>();
                for (Map.Entry<String, Float> f : orderedFields(field)) {
                    FuzzyQuery q = new FuzzyQuery(
                            new Term(f.getKey(), Analyzers.normalizeTerm(f.getKey(), text)),
                            edits,
                            SearchTuning.FUZZY_PREFIX_LENGTH,
                            SearchTuning.FUZZY_MAX_EXPANSIONS,
                            true);
                    perField.add(boost(q, f.getValue()));
                }
                return dismax(perField);
            }
            return prose(field, word, 0);
        }

        private Query keywordWord(FieldSpec field, String word, int start) throws QueryException {
            String lucene = field.keywordField();
            int star = word.indexOf('*');
            if (star >= 0) {
                if (star != word.length() - 1) {
                    throw QueryException.at("'*' is only allowed at the end of a word", start + star);
                }
                if (star == 0) {
                    throw QueryException.at("'*' needs at least one letter before it", start);
                }
                return new PrefixQuery(
                        new Term(lucene, Analyzers.normalizeKeyword(word.substring(0, star))),
                        new ExpansionLimit(word, start, SearchTuning.MAX_PREFIX_EXPANSIONS));
            }
            return keyword(field, word);
        }

        private Query keyword(FieldSpec field, String value) {
            String lucene = field.keywordField();
            String normalized = Analyzers.normalizeKeyword(value);
            if (field == FieldSpec.LANG) {
                String language = Analyzers.normalizeLanguage(value);
                normalized = language == null ? normalized : language;
            }
            return new TermQuery(new Term(lucene, normalized));
        }

        private static List<Map.Entry<String, Float>> orderedFields(FieldSpec field) {
            List<Map.Entry<String, Float>> fields =
                    new ArrayList<>(field.proseFields().entrySet());
            fields.sort(Map.Entry.comparingByKey());
            return fields;
        }

        /** A word or phrase in prose fields: per field, every language's form; fields combined by max. */
        private @Nullable Query prose(FieldSpec field, String text, int slop) {
            List<Query> perField = new ArrayList<>();
            // Title, text and entry share their forms: analysing once per key, not per field, made
            // parsing a word about three times cheaper (registering 100,000 watches is mostly this).
            Map<String, List<List<String>>> formsByKey = new HashMap<>();
            for (Map.Entry<String, Float> f : orderedFields(field)) {
                List<List<String>> forms = formsByKey.computeIfAbsent(
                        Analyzers.queryFormsKey(f.getKey()), k -> Analyzers.queryForms(f.getKey(), text, analyses));
                Query q = forms(f.getKey(), forms, slop);
                if (q != null) {
                    perField.add(boost(q, f.getValue()));
                }
            }
            return dismax(perField);
        }

        private static @Nullable Query forms(String field, List<List<String>> forms, int slop) {
            if (forms.isEmpty()) {
                return null;
            }
            int length = forms.get(0).size();
            boolean sameLength = forms.stream().allMatch(form -> form.size() == length);
            if (length == 1 && sameLength) {
                if (forms.size() == 1) {
                    return new TermQuery(new Term(field, forms.get(0).get(0)));
                }
                SynonymQuery.Builder synonyms = new SynonymQuery.Builder(field);
                for (List<String> form : forms) {
                    synonyms.addTerm(new Term(field, form.get(0)));
                }
                return synonyms.build();
            }
            if (sameLength) {
                List<Set<String>> positions = new ArrayList<>();
                for (int i = 0; i < length; i++) {
                    Set<String> alternatives = new LinkedHashSet<>();
                    for (List<String> form : forms) {
                        alternatives.add(form.get(i));
                    }
                    positions.add(alternatives);
                }
                if (positions.stream().allMatch(p -> p.size() == 1)) {
                    return phrase(field, forms.get(0), slop);
                }
                MultiPhraseQuery.Builder multi = new MultiPhraseQuery.Builder().setSlop(slop);
                for (Set<String> alternatives : positions) {
                    multi.add(alternatives.stream().map(t -> new Term(field, t)).toArray(Term[]::new));
                }
                return multi.build();
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (List<String> form : forms) {
                any.add(
                        form.size() == 1 ? new TermQuery(new Term(field, form.get(0))) : phrase(field, form, slop),
                        Occur.SHOULD);
            }
            return any.build();
        }

        private static Query phrase(String field, List<String> tokens, int slop) {
            PhraseQuery.Builder phrase = new PhraseQuery.Builder().setSlop(slop);
            for (String token : tokens) {
                phrase.add(new Term(field, token));
            }
            return phrase.build();
        }

        private static Query boost(Query query, float boost) {
            return boost == 1f ? query : new BoostQuery(query, boost);
        }

        private static @Nullable Query dismax(List<Query> perField) {
            if (perField.isEmpty()) {
                return null;
            }
            if (perField.size() == 1) {
                return perField.get(0);
            }
            return new DisjunctionMaxQuery(perField, SearchTuning.FIELD_TIE_BREAKER);
        }

        // ---- dates

        private Query parseRange() throws QueryException {
            int open = pos;
            boolean includeLower = src.charAt(pos) == '[';
            pos++;
            skipSpaces();
            int lowerPos = pos;
            String lower = readRangeBound();
            skipSpaces();
            if (!src.startsWith("TO", pos)) {
                throw QueryException.at("expected 'TO' in the date range", pos);
            }
            pos += 2;
            skipSpaces();
            int upperPos = pos;
            String upper = readRangeBound();
            skipSpaces();
            if (atEnd() || (src.charAt(pos) != ']' && src.charAt(pos) != '}')) {
                throw QueryException.at("missing ']' to close the date range that starts", open);
            }
            boolean includeUpper = src.charAt(pos) == ']';
            pos++;
            long from = Long.MIN_VALUE;
            long to = Long.MAX_VALUE;
            if (!lower.equals("*")) {
                Millis period = period(lower, lowerPos);
                from = includeLower ? period.from() : period.to() + 1;
            }
            if (!upper.equals("*")) {
                Millis period = period(upper, upperPos);
                to = includeUpper ? period.to() : period.from() - 1;
            }
            return LongField.newRangeQuery(ArticleFields.PUBLISHED, from, to);
        }

        private String readRangeBound() throws QueryException {
            int start = pos;
            while (!atEnd() && !isSpace(src.charAt(pos)) && "]}".indexOf(src.charAt(pos)) < 0) {
                pos++;
            }
            if (start == pos) {
                throw QueryException.at("expected a date like 2024-12-08 or '*'", start);
            }
            return src.substring(start, pos);
        }

        private Query dateQuery(FieldSpec field, String value, int start) throws QueryException {
            Matcher duration = DURATION.matcher(value);
            if (duration.matches() && field != FieldSpec.PUBLISHED) {
                long ago = ago(
                        Integer.parseInt(duration.group(1)), duration.group(2).charAt(0));
                return field == FieldSpec.BEFORE
                        ? LongField.newRangeQuery(ArticleFields.PUBLISHED, Long.MIN_VALUE, ago - 1)
                        : LongField.newRangeQuery(ArticleFields.PUBLISHED, ago, Long.MAX_VALUE);
            }
            if (value.indexOf('*') >= 0) {
                throw QueryException.at(field.typed() + ": takes a date like 2024-12-08", start);
            }
            Millis period = period(value, start);
            return switch (field) {
                case PUBLISHED -> LongField.newRangeQuery(ArticleFields.PUBLISHED, period.from(), period.to());
                case SINCE -> LongField.newRangeQuery(ArticleFields.PUBLISHED, period.from(), Long.MAX_VALUE);
                case AFTER -> LongField.newRangeQuery(ArticleFields.PUBLISHED, period.to() + 1, Long.MAX_VALUE);
                case BEFORE -> LongField.newRangeQuery(ArticleFields.PUBLISHED, Long.MIN_VALUE, period.from() - 1);
                default -> throw new IllegalStateException(field + " is not a date field");
            };
        }

        private long ago(int amount, char unit) {
            ZonedDateTime now = clock.instant().atZone(ZoneOffset.UTC);
            ZonedDateTime then =
                    switch (unit) {
                        case 'h' -> now.minusHours(amount);
                        case 'd' -> now.minusDays(amount);
                        case 'w' -> now.minusWeeks(amount);
                        case 'm' -> now.minusMonths(amount);
                        default -> now.minusYears(amount);
                    };
            return then.toInstant().toEpochMilli();
        }

        /** A day ({@code 2024-12-08}), month ({@code 2024-12}) or year ({@code 2024}) in UTC. */
        private static Millis period(String value, int start) throws QueryException {
            try {
                Instant from;
                Instant until;
                if (value.matches("[0-9]{4}-[0-9]{2}-[0-9]{2}")) {
                    LocalDate day = LocalDate.parse(value);
                    from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
                    until = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                } else if (value.matches("[0-9]{4}-[0-9]{2}")) {
                    YearMonth month = YearMonth.parse(value);
                    from = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    until = month.plusMonths(1)
                            .atDay(1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } else if (value.matches("[0-9]{4}")) {
                    int year = Integer.parseInt(value);
                    from = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
                    until = LocalDate.of(year + 1, 1, 1)
                            .atStartOfDay(ZoneOffset.UTC)
                            .toInstant();
                } else {
                    throw QueryException.at(
                            "'" + value + "' is not a date: use 2024-12-08, 2024-12 or 2024 (or 7d, 24h, 2w, 3m, 1y)",
                            start);
                }
                return new Millis(from.toEpochMilli(), until.toEpochMilli() - 1);
            } catch (DateTimeParseException e) {
                throw QueryException.at("'" + value + "' is not a valid date", start);
            }
        }

        // ---- combination

        private static Parsed negate(Parsed inner) {
            return new Parsed(inner.query(), !inner.negated());
        }

        private static Parsed and(List<Parsed> parts) {
            List<Parsed> present = parts.stream().filter(p -> p.query() != null).toList();
            if (present.isEmpty()) {
                return Parsed.NOTHING;
            }
            if (present.size() == 1) {
                return present.get(0);
            }
            BooleanQuery.Builder all = new BooleanQuery.Builder();
            boolean positive = false;
            for (Parsed part : present) {
                Query query = java.util.Objects.requireNonNull(part.query());
                all.add(query, part.negated() ? Occur.MUST_NOT : Occur.MUST);
                positive |= !part.negated();
            }
            if (!positive) {
                all.add(new MatchAllDocsQuery(), Occur.MUST);
            }
            return new Parsed(all.build(), false);
        }

        private static Parsed or(List<Parsed> parts) {
            List<Parsed> present = parts.stream().filter(p -> p.query() != null).toList();
            if (present.isEmpty()) {
                return Parsed.NOTHING;
            }
            if (present.size() == 1) {
                return present.get(0);
            }
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Parsed part : present) {
                any.add(java.util.Objects.requireNonNull(toQuery(part)), Occur.SHOULD);
            }
            return new Parsed(any.build(), false);
        }

        private static @Nullable Query toQuery(Parsed parsed) {
            Query query = parsed.query();
            if (query == null || !parsed.negated()) {
                return query;
            }
            return new BooleanQuery.Builder()
                    .add(new MatchAllDocsQuery(), Occur.MUST)
                    .add(query, Occur.MUST_NOT)
                    .build();
        }

        // ---- lexing

        private void countTerm(int at) throws QueryException {
            if (++terms > SearchTuning.MAX_QUERY_TERMS) {
                throw QueryException.at(
                        "the query has too many terms (at most " + SearchTuning.MAX_QUERY_TERMS + ")", at);
            }
        }

        private boolean isOperator(String op) {
            if (!src.startsWith(op, pos)) {
                return false;
            }
            int end = pos + op.length();
            return end == src.length() || isSpace(src.charAt(end)) || "()\"".indexOf(src.charAt(end)) >= 0;
        }

        private static int parseSmallInt(String digits) {
            return digits.length() > 4 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        }

        private void skipSpaces() {
            while (!atEnd() && isSpace(src.charAt(pos))) {
                pos++;
            }
        }

        private boolean atEnd() {
            return pos >= src.length();
        }

        private static boolean isSpace(char c) {
            return Character.isWhitespace(c) || Character.isSpaceChar(c);
        }
    }
}
