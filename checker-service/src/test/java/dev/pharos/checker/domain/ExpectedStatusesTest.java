package dev.pharos.checker.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExpectedStatusesTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "200-399         | 200 | true",
            "200-399         | 399 | true",
            "200-399         | 301 | true",
            "200-399         | 400 | false",
            "200-399         | 199 | false",
            "200,204,300-302 | 204 | true",
            "200,204,300-302 | 301 | true",
            "200,204,300-302 | 203 | false",
            " 418 , 200      | 418 | true",
    })
    void matchesCodesAndRanges(String spec, int status, boolean expected) {
        assertEquals(expected, ExpectedStatuses.parse(spec).contains(status));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "200-", "399-200", "99", "600", "200-700"})
    void rejectsWhatIsNotAStatusList(String spec) {
        assertThrows(IllegalArgumentException.class, () -> ExpectedStatuses.parse(spec));
    }
}
