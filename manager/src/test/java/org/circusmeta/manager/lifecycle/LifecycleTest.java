package org.circusmeta.manager.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    @Test
    void startsOnceAndNeverAfterClose() {
        Lifecycle lifecycle = new Lifecycle("the widget");
        lifecycle.start();
        assertThatThrownBy(lifecycle::start).hasMessage("the widget was already started");
        lifecycle.close();
        assertThatThrownBy(lifecycle::start).hasMessage("the widget is closed");
    }

    @Test
    void ofManyConcurrentClosesExactlyOneReleasesWhatTheStartTook() throws Exception {
        for (int round = 0; round < 50; round++) {
            Lifecycle lifecycle = new Lifecycle("the widget");
            lifecycle.start();
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger releases = new AtomicInteger();
            List<CompletableFuture<Void>> closers = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                closers.add(CompletableFuture.runAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    if (lifecycle.close()) {
                        releases.incrementAndGet();
                    }
                }));
            }
            go.countDown();
            CompletableFuture.allOf(closers.toArray(CompletableFuture[]::new)).get();
            assertThat(releases).hasValue(1);
            assertThat(lifecycle.isClosed()).isTrue();
        }
    }

    @Test
    void aCloseBeforeAnyStartReleasesNothing() {
        Lifecycle lifecycle = new Lifecycle("the widget");
        assertThat(lifecycle.close()).isFalse();
        assertThat(lifecycle.isStarted()).isFalse();
        assertThat(lifecycle.isClosed()).isTrue();
    }
}
