package org.gleaner.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DESIGN §3 as rules: each library stays in its package, stages do not form cycles, model knows no one. */
class PackageRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.gleaner");
    }

    static Stream<Arguments> libraries() {
        return Stream.of(
                Arguments.of("com.rometools..", new String[] {"..feed.."}),
                Arguments.of("org.jsoup..", new String[] {"..extract.."}),
                Arguments.of("org.apache.hc..", new String[] {"..fetch.."}),
                Arguments.of("crawlercommons..", new String[] {"..fetch.."}),
                Arguments.of("org.apache.lucene..", new String[] {"..index..", "..search..", "..alert.."}),
                Arguments.of("org.sqlite..", new String[] {"..store.."}),
                Arguments.of("java.sql..", new String[] {"..store.."}),
                Arguments.of("org.quartz..", new String[] {"..schedule.."}),
                Arguments.of("io.javalin..", new String[] {"..web.."}),
                Arguments.of("org.eclipse.jetty..", new String[] {"..web.."}),
                Arguments.of("picocli..", new String[] {"..cli.."}),
                Arguments.of("org.yaml.snakeyaml..", new String[] {"..config.."}),
                Arguments.of("com.fasterxml.jackson..", new String[] {"..config..", "..feed..", "..web..", "..cli.."}));
    }

    @ParameterizedTest(name = "{0} stays in its package")
    @MethodSource("libraries")
    void libraryIsUsedOnlyInItsPackage(String library, String[] allowedPackages) {
        noClasses()
                .that()
                .resideOutsideOfPackages(allowedPackages)
                .should()
                .dependOnClassesThat()
                .resideInAPackage(library)
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void stagesAreFreeOfCycles() {
        slices().matching("org.gleaner.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void modelDependsOnNoStage() {
        noClasses()
                .that()
                .resideInAPackage("org.gleaner.model..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("org.gleaner.model..", "java..", "org.jspecify..")
                .check(classes);
    }

    @Test
    void pureStagesDoNotTouchNetworkDatabaseOrClock() {
        noClasses()
                .that()
                .resideInAnyPackage("org.gleaner.feed..", "org.gleaner.extract..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.gleaner.fetch..", "org.gleaner.store..", "org.gleaner.index..", "java.net.http..")
                .check(classes);
    }

    @Test
    void onlyAppAndCliSitAboveEverything() {
        noClasses()
                .that()
                .resideOutsideOfPackages("org.gleaner.app..", "org.gleaner.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.gleaner.app..", "org.gleaner.cli..")
                .check(classes);
    }
}
