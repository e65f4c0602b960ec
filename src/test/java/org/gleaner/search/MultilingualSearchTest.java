package org.gleaner.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.gleaner.index.FakeChangeLog.doc;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Documents are analysed in their own language; queries meet them in any of the languages. */
class MultilingualSearchTest {
    @TempDir
    Path dir;

    private SearchFixture fixture;

    @BeforeEach
    void open() throws IOException {
        fixture = new SearchFixture(dir);
        fixture.add(
                doc("en").language("en").title("The president's speech").text("Rebels were running the prisons."),
                doc("fr")
                        .language("fr")
                        .title("L'armée quitte Damàs")
                        .text("Les manifestations continuent dans les villes."),
                doc("de").language("de").title("Häuser zerstört").text("Die Flüchtlinge kehren in ihre Städte zurück."),
                doc("es")
                        .language("es")
                        .title("Elecciones presidenciales")
                        .text("Los ciudadanos votaron en las ciudades."),
                doc("it").language("it").title("L'esercito avanza").text("Le elezioni regionali sono state rinviate."),
                doc("pt").language("pt-BR").title("Eleições municipais").text("Os candidatos debateram nas cidades."),
                doc("nl").language("nl").title("Verkiezingen in Nederland").text("De kiezers stemden in grote steden."),
                doc("ru").language("ru").title("Выборы в Москве").text("Избиратели голосовали на выборах."),
                doc("ar").language("ar").title("الانتخابات في دمشق").text("صوت المواطنون في الانتخابات"),
                doc("zh").language("zh").title("北京大学举行会议").text("会议讨论了经济问题。"),
                doc("ja").language("ja").title("東京で選挙").text("有権者は投票所に行きました。"));
    }

    @AfterEach
    void close() throws IOException {
        fixture.close();
    }

    @Test
    void englishStemsAndDropsPossessives() throws Exception {
        assertThat(fixture.keys("president")).containsExactly("en");
        assertThat(fixture.keys("prison run")).containsExactly("en");
    }

    @Test
    void frenchStripsElisionAndPlurals() throws Exception {
        assertThat(fixture.keys("armée")).containsExactly("fr");
        assertThat(fixture.keys("manifestation ville")).containsExactly("fr");
    }

    @Test
    void accentsAreFolded() throws Exception {
        assertThat(fixture.keys("damas")).containsExactly("fr");
        assertThat(fixture.keys("armee")).containsExactly("fr");
    }

    @Test
    void germanNormalisesUmlautsAndStems() throws Exception {
        assertThat(fixture.keys("haus")).containsExactly("de");
        assertThat(fixture.keys("hauser")).containsExactly("de");
        assertThat(fixture.keys("stadt")).containsExactly("de");
    }

    @Test
    void spanishItalianPortugueseAndDutchStem() throws Exception {
        assertThat(fixture.keys("ciudad")).containsExactly("es");
        assertThat(fixture.keys("esercito")).containsExactly("it");
        assertThat(fixture.keys("elezione")).containsExactly("it");
        assertThat(fixture.keys("cidade")).containsExactly("pt");
        assertThat(fixture.keys("verkiezing")).containsExactly("nl");
    }

    @Test
    void russianAndArabicStem() throws Exception {
        assertThat(fixture.keys("выборы")).containsExactly("ru");
        assertThat(fixture.keys("выбор")).containsExactly("ru");
        assertThat(fixture.keys("انتخابات")).containsExactly("ar");
    }

    @Test
    void chineseAndJapaneseAreSearchableByBigrams() throws Exception {
        assertThat(fixture.keys("北京大学")).containsExactly("zh");
        assertThat(fixture.keys("经济")).containsExactly("zh");
        assertThat(fixture.keys("北京经济")).isEmpty();
        assertThat(fixture.keys("選挙")).containsExactly("ja");
    }

    @Test
    void languageFieldRestrictsToOneLanguage() throws Exception {
        assertThat(fixture.keys("lang:pt cidade")).containsExactly("pt");
        assertThat(fixture.keys("lang:es cidade")).isEmpty();
    }

    @Test
    void snippetsHighlightTheStemmedMatchInTheOriginalText() throws Exception {
        SearchHit hit = fixture.search("manifestation").hits().get(0);
        assertThat(hit.snippetHtml()).contains("<mark>manifestations</mark>");
    }
}
