package org.gleaner.extract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class InlineStyleTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // what a publisher styles: kept, one "name: value;" per declaration
                "color:red                                    | color: red;",
                "COLOR : #A0b0C0 ; text-align: center         | color: #A0b0C0; text-align: center;",
                "font-family: 'Helvetica Neue', Arial         | font-family: 'Helvetica Neue', Arial;",
                "color: rgb(10, 20, 30)                       | color: rgb(10, 20, 30);",
                "width: 100%; height: 12.5em                  | width: 100%; height: 12.5em;",
                "font-weight: bold !important                 | font-weight: bold !important;",
                "margin: 0 auto; padding-left: 1.5em          | margin: 0 auto; padding-left: 1.5em;",
                "border: 1px solid #ccc                       | border: 1px solid #ccc;",
                "border-top: 2px dashed rgba(0, 0, 0, 0.5)    | border-top: 2px dashed rgba(0, 0, 0, 0.5);",
                "background-x: center; background-y: center   | background-x: center; background-y: center;",
                // a family property whose value is not all keywords and measures
                "background-repeat: repeat                    | ''",
                "margin: calc(100% - 1px)                     | ''",
                // anything that loads, escapes, positions or layers
                "background-image: url(https://t.example/p)   | ''",
                "background: url(javascript:alert(1))         | ''",
                "width: expression(alert(1))                  | ''",
                "color: \\72 ed                               | ''",
                "color: red /* comment */                     | ''",
                "position: fixed; top: 0; left: 0; z-index: 9 | ''",
                "transform: rotate(3deg)                      | ''",
                "-moz-binding: x                              | ''",
                "behavior: x                                  | ''",
                // malformed declarations
                "color                                        | ''",
                "color:                                       | ''",
                ": red                                        | ''",
                "color: red; position: absolute; width: 50px  | color: red; width: 50px;"
            })
    void keepsOnlyPlainDeclarationsOfAllowedProperties(String style, String expected) {
        assertThat(InlineStyle.clean(style)).isEqualTo(expected);
    }

    @Test
    void dropsAnAttributeTooLongToBeHandWritten() {
        assertThat(InlineStyle.clean("color: red;".repeat(300))).isEmpty();
        assertThat(InlineStyle.clean("color: red;".repeat(100))).startsWith("color: red; color: red;");
    }
}
