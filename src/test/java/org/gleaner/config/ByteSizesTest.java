package org.gleaner.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ByteSizesTest {
    @ParameterizedTest
    @CsvSource({
        "16MiB, 16777216",
        "'8 MiB', 8388608",
        "512KiB, 524288",
        "1GiB, 1073741824",
        "2MB, 2000000",
        "3kb, 3000",
        "1024, 1024",
        "100B, 100"
    })
    void parsesBinaryAndDecimalUnits(String text, long bytes) {
        assertThat(ByteSizes.parse(text)).isEqualTo(bytes);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "16M|'16M': unknown unit 'M' (use B, KiB, MiB, GiB, KB, MB or GB)",
                "big|'big' is not a size: write a number of bytes or one like 16MiB, 512KiB, 2MB",
                "1.5MiB|'1.5MiB': write a whole number, in a smaller unit if needed (1536KiB, not 1.5MiB)",
                "99999999999GiB|'99999999999GiB' is too large"
            })
    void refusesAmbiguousOrMalformedSizes(String text, String message) {
        assertThatThrownBy(() -> ByteSizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }
}
