package org.retentionwarehouse.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** ID numbers to their canonical 18 characters, with GB 11643's own example (Beijing, born 1949-12-31). */
class IdNumbersTest {

    @ParameterizedTest
    @CsvSource(nullValues = "null", value = {
        "11010519491231002X, 11010519491231002X",
        "11010519491231002x, 11010519491231002X",
        "110105 19491231 002X, 11010519491231002X",
        "１１０１０５１９４９１２３１００２Ｘ, 11010519491231002X",
        // The same person's first-generation number.
        "110105491231002, 11010519491231002X",
        // A wrong check character, a 15-digit number with month 13, and too few digits.
        "110105194912310021, null",
        "110105491331002, null",
        "11010549123100, null"})
    void canonical(String written, String canonical) {
        assertThat(IdNumbers.canonical(written)).isEqualTo(canonical);
    }
}
