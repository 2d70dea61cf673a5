package org.circusmeta.manager.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
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
        assertThat(Table.decimal(OptionalDouble.empty())).isEqualTo("-");
        assertThat(Table.decimal(OptionalDouble.of(3.14159))).isEqualTo("3.1");
        assertThat(Table.count(Json.tryParse("null").orElseThrow())).isEqualTo("-");
        assertThat(Table.count(Json.tryParse("-1").orElseThrow())).isEqualTo("-");
        assertThat(Table.count(Json.tryParse("4").orElseThrow())).isEqualTo("4");
        assertThat(new Table("A", "B").row("x", null).render()).isEqualTo("A  B\nx  -\n");
    }
}
