package dev.pharos.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ResultsFileTest {

    private static final String HEADING = "## Checker throughput";
    private static final String SECTION = HEADING + "\n\nnew numbers\n";

    @Test
    void replacesTheSectionInPlaceAndKeepsTheOthers() {
        String document = "# Results\n\n" + HEADING + "\n\nold numbers\nmore\n\n## Other bench\n\nkept\n";
        assertEquals("# Results\n\n" + HEADING + "\n\nnew numbers\n\n## Other bench\n\nkept\n",
                ResultsFile.replaceSection(document, HEADING, SECTION));
    }

    @Test
    void replacesALastSection() {
        String document = "# Results\n\n" + HEADING + "\n\nold numbers\n";
        assertEquals("# Results\n\n" + HEADING + "\n\nnew numbers\n",
                ResultsFile.replaceSection(document, HEADING, SECTION));
    }

    @Test
    void appendsTheSectionWhenItIsNotThere() {
        assertEquals("# Results\n\nintro\n\n" + SECTION, ResultsFile.replaceSection("# Results\n\nintro\n", HEADING,
                SECTION));
        assertEquals(SECTION, ResultsFile.replaceSection("", HEADING, SECTION));
    }
}
