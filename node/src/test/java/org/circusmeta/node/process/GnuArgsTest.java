package org.circusmeta.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GnuArgsTest {

    @Test
    void expandsCircusVariablesWithoutRegardToCaseAndLeavesUnknownOnes() {
        Map<String, String> values = Map.of("wid", "3", "env.home", "/home/x");
        assertThat(GnuArgs.replace("run --wid $(circus.wid) ((circus.WID)) $(CIRCUS.ENV.HOME) $(circus.nope)", values))
                .isEqualTo("run --wid 3 3 /home/x $(circus.nope)");
    }
}
