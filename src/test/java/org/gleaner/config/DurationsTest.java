package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
        "90s, PT1M30S",
        "30m, PT30M",
        "1h30m, PT1H30M",
        "2d, PT48H",
        "500ms, PT0.5S",
        "'1h 30m', PT1H30M",
        "' 15m ', PT15M",
        "0s, PT0S",
        "1d2h3m4s5ms, PT26H3M4.005S"
    })
    void parsesNumbersWithUnitsLargestFirst(String text, String iso) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "30|'30' has no unit: write 30s, 30m, 30h or 30d",
                "''|empty duration: write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)",
                "soon|'soon' is not a duration: write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)",
                "1.5h|'1.5h' is not a duration: write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)",
                "30 m|'30 m' is not a duration: write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)",
                "2w|'2w': unknown unit 'w', write one like 90s, 30m, 1h30m or 2d (units: d, h, m, s, ms)",
                "30M|'30M': units are lower case (m)",
                "30m1h|'30m1h': give each unit once, largest first (like 1h30m)",
                "1m1m|'1m1m': give each unit once, largest first (like 1h30m)",
                "-5m|'-5m' is negative: a duration must be positive or 0",
                "99999999999999999999d|'99999999999999999999d' is too long a duration",
                "999999999999999d|'999999999999999d' is too long a duration"
            })
    void refusesWhatIsNotADurationWithAClearMessage(String text, String message) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource({
        "PT1M30S, 1m30s",
        "PT30M, 30m",
        "PT1H30M, 1h30m",
        "PT48H, 2d",
        "PT0S, 0s",
        "PT0.25S, 250ms",
        "PT26H3M4.005S, 1d2h3m4s5ms"
    })
    void formatsTheShortestTextThatParsesBack(String iso, String text) {
        Duration d = Duration.parse(iso);

        assertThat(Durations.format(d)).isEqualTo(text);
        assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
}
