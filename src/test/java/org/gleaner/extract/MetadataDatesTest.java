package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MetadataDatesTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "2019-11-19T07:09:00Z|2019-11-19T07:09:00Z",
                "2019-11-19T18:18:25.828095Z|2019-11-19T18:18:25.828095Z",
                "2024-04-09T10:00:00+02:00|2024-04-09T08:00:00Z",
                "2024-04-09T10:00:00+0200|2024-04-09T08:00:00Z",
                "2024-04-09T10:00:00|2024-04-09T10:00:00Z",
                "2024-04-09T10:00|2024-04-09T10:00:00Z",
                "2024-04-09 10:00:00|2024-04-09T10:00:00Z",
                "2024-04-09|2024-04-09T00:00:00Z",
                "Tue, 9 Apr 2024 10:00:00 GMT|2024-04-09T10:00:00Z"
            })
    void parsesTheDateSpellingsOfTheWeb(String raw, String expected) {
        assertThat(MetadataReader.parseDate(raw)).isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yesterday", "2024-13-45", "April 9"})
    void givesNullForWhatIsNotADate(String raw) {
        assertThat(MetadataReader.parseDate(raw)).isNull();
    }
}
