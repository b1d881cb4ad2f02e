package org.retentionwarehouse.ingest.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a clerk writes a Chinese phone number, to one canonical form. */
class PhonesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "13812345678        | 13812345678",
        "138-1234-5678      | 13812345678",
        "+86 138-1234-5678  | 13812345678",
        "0086 138 1234 5678 | 13812345678",
        "8613812345678      | 13812345678",
        "１３８１２３４５６７８ | 13812345678",
        "010-87654321       | 01087654321",
        "0571-8765432       | 05718765432",
        "+86 10 8765 4321   | 01087654321",
        "0086 21 6543 2109  | 02165432109",
        "+86 (0)21 6543 2109| 02165432109",
        "+86 571 8765 4321  | 057187654321",
        "8765 4321          | null",
        "12345              | null",
        "+86 5              | null",
        "tel                | null"})
    void canonical(String written, String canonical) {
        assertThat(Phones.canonical(written)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @CsvSource({"13812345678, true", "01087654321, false", "05718765432, false"})
    void onlyMobilesAreMobile(String canonical, boolean mobile) {
        assertThat(Phones.isMobile(canonical)).isEqualTo(mobile);
    }
}
