package org.gleaner.extract;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A small language guesser for pages that do not declare one: the writing system decides most
 * languages outright; Latin-script text is scored by its most frequent function words. It knows the
 * languages Gleaner's analyzers care about; anything else is null (unknown), never a wrong guess
 * from too little text.
 */
final class LanguageGuess {
    private LanguageGuess() {}

    /** Words so frequent in one language and rare in the others that a few dozen settle it. */
    private static final Map<String, Set<String>> STOPWORDS = Map.of(
            "en",
                    Set.of(
                            "the", "and", "of", "to", "is", "that", "with", "was", "for", "it", "this", "are", "have",
                            "from", "which", "were", "would", "their"),
            "fr",
                    Set.of(
                            "le", "les", "des", "est", "et", "une", "dans", "que", "qui", "pour", "sur", "pas", "au",
                            "du", "avec", "cette", "sont", "mais"),
            "de",
                    Set.of(
                            "der", "die", "und", "das", "ist", "nicht", "ein", "eine", "mit", "sich", "auf", "für",
                            "den", "dem", "von", "auch", "wird", "werden"),
            "es",
                    Set.of(
                            "el", "los", "las", "que", "del", "una", "por", "con", "para", "es", "su", "se", "como",
                            "más", "pero", "fue", "este", "sus"),
            "it",
                    Set.of(
                            "il", "che", "di", "della", "per", "una", "sono", "non", "gli", "del", "alla", "anche",
                            "come", "più", "questo", "nel", "dei", "delle"),
            "pt",
                    Set.of(
                            "o", "os", "que", "do", "da", "não", "uma", "para", "com", "em", "dos", "das", "se", "mais",
                            "como", "foi", "pela", "ao"),
            "nl",
                    Set.of(
                            "de", "het", "een", "en", "van", "is", "dat", "niet", "op", "zijn", "voor", "met", "ook",
                            "wordt", "naar", "bij", "maar", "werd"));

    /** Fewer letters than this are not enough to guess. */
    private static final int MIN_LETTERS = 40;

    /** Fewer function words than this are not enough to name a Latin-script language. */
    private static final int MIN_STOPWORD_HITS = 3;

    static @Nullable String guess(String text) {
        int latin = 0,
                cyrillic = 0,
                arabic = 0,
                hebrew = 0,
                greek = 0,
                han = 0,
                kana = 0,
                hangul = 0,
                thai = 0,
                devanagari = 0;
        boolean ukrainian = false;
        boolean persian = false;
        int n = Math.min(text.length(), ExtractionRules.LANGUAGE_SAMPLE_CHARS);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            switch (script) {
                case LATIN -> latin++;
                case CYRILLIC -> {
                    cyrillic++;
                    ukrainian |= c == 'і' || c == 'ї' || c == 'є' || c == 'ґ';
                }
                case ARABIC -> {
                    arabic++;
                    persian |= c == 'پ' || c == 'چ' || c == 'ژ' || c == 'گ';
                }
                case HEBREW -> hebrew++;
                case GREEK -> greek++;
                case HAN -> han++;
                case HIRAGANA, KATAKANA -> kana++;
                case HANGUL -> hangul++;
                case THAI -> thai++;
                case DEVANAGARI -> devanagari++;
                default -> {}
            }
        }
        int total = latin + cyrillic + arabic + hebrew + greek + han + kana + hangul + thai + devanagari;
        if (total < MIN_LETTERS / 4 || (han + kana + hangul == 0 && total < MIN_LETTERS)) {
            return null;
        }
        int max = Math.max(
                latin,
                Math.max(
                        cyrillic,
                        Math.max(
                                arabic,
                                Math.max(
                                        hebrew,
                                        Math.max(
                                                greek,
                                                Math.max(han + kana, Math.max(hangul, Math.max(thai, devanagari))))))));
        if (max == han + kana) {
            return kana > 0 && kana * 10 >= han ? "ja" : "zh";
        }
        if (max == hangul) {
            return "ko";
        }
        if (max == cyrillic) {
            return ukrainian ? "uk" : "ru";
        }
        if (max == arabic) {
            return persian ? "fa" : "ar";
        }
        if (max == hebrew) {
            return "he";
        }
        if (max == greek) {
            return "el";
        }
        if (max == thai) {
            return "th";
        }
        if (max == devanagari) {
            return "hi";
        }
        return latinLanguage(text, n);
    }

    private static @Nullable String latinLanguage(String text, int n) {
        String sample = text.substring(0, n).toLowerCase(Locale.ROOT);
        Map<String, int[]> hits = new java.util.HashMap<>();
        for (String word : sample.split("[^\\p{L}]+")) {
            if (word.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, Set<String>> e : STOPWORDS.entrySet()) {
                if (e.getValue().contains(word)) {
                    hits.computeIfAbsent(e.getKey(), k -> new int[1])[0]++;
                }
            }
        }
        String best = null;
        int bestHits = 0;
        for (Map.Entry<String, int[]> e : hits.entrySet()) {
            if (e.getValue()[0] > bestHits
                    || (e.getValue()[0] == bestHits
                            && best != null
                            && e.getKey().compareTo(best) < 0)) {
                best = e.getKey();
                bestHits = e.getValue()[0];
            }
        }
        return bestHits >= MIN_STOPWORD_HITS ? best : null;
    }
}
