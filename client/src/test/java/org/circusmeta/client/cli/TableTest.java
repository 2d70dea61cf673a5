package org.circusmeta.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class TableTest {
    @Test
    void alignsTextLeftAndNumbersRightWithoutTrailingBlanks() {
        String text = new Table("NAME", "STATE", "CPU%>").row("web-01", "attached", "12.5").row("w", "unreachable", "0.0")
                .render();
        assertThat(text).isEqualTo("""
                NAME    STATE        CPU%
                web-01  attached     12.5
                w       unreachable   0.0
                """);
    }

    @Test
    void showsUnknownFiguresAsADash() {
        assertThat(Table.count(null)).isEqualTo("-");
        assertThat(Table.count(-1)).isEqualTo("-");
        assertThat(Table.count(4)).isEqualTo("4");
        assertThat(Table.decimal(Double.NaN)).isEqualTo("-");
        assertThat(new Table("A", "B").row("x", null).render()).isEqualTo("A  B\nx  -\n");
    }

    @Test
    void roundsFiguresToOneDecimalAsPercentFormatDoes() {
        for (double value : new double[] {0, 3.14159, 0.05, 0.15, 0.25, 2.45, 99.95, 1234.56, 0.018000000000000002, 1e-9}) {
            assertThat(Table.decimal(value)).as("%s", value).isEqualTo(String.format(Locale.ROOT, "%.1f", value));
        }
    }
}
