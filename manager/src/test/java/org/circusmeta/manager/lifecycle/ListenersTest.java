package org.circusmeta.manager.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ListenersTest {
    @Test
    void aListenerThatThrowsDoesNotKeepTheOthersFromBeingToldInOrder() {
        Listeners<Consumer<String>> listeners = new Listeners<>(LoggerFactory.getLogger(ListenersTest.class), "test listener");
        List<String> told = new ArrayList<>();
        listeners.add(event -> told.add("first " + event));
        listeners.add(event -> {
            throw new IllegalStateException("a bad listener");
        });
        listeners.add(event -> told.add("third " + event));

        listeners.tell(listener -> listener.accept("a"));
        listeners.tell(listener -> listener.accept("b"));

        assertThat(told).containsExactly("first a", "third a", "first b", "third b");
    }
}
