package org.circusmeta.manager.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedRebuildTest {
    private final List<Runnable> queued = new ArrayList<>();
    private final AtomicInteger rebuilds = new AtomicInteger();

    @Test
    void requestsWhileOneWaitsCostOneRebuild() {
        CoalescedRebuild rebuild = new CoalescedRebuild(queued::add, rebuilds::incrementAndGet);
        rebuild.request();
        rebuild.request();
        rebuild.request();
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(rebuilds).hasValue(1);
    }

    @Test
    void aRequestDuringTheRebuildAsksForAnother() {
        CoalescedRebuild[] rebuild = new CoalescedRebuild[1];
        rebuild[0] = new CoalescedRebuild(queued::add, () -> {
            if (rebuilds.incrementAndGet() == 1) {
                rebuild[0].request();
            }
        });
        rebuild[0].request();
        queued.remove(0).run();
        assertThat(queued).hasSize(1);
        queued.remove(0).run();
        assertThat(rebuilds).hasValue(2);
    }

    @Test
    void aRequestRefusedByTheExecutorDoesNotBlockTheNext() {
        boolean[] refuse = {true};
        CoalescedRebuild rebuild = new CoalescedRebuild(task -> {
            if (refuse[0]) {
                throw new RejectedExecutionException("closing");
            }
            queued.add(task);
        }, rebuilds::incrementAndGet);
        rebuild.request();
        refuse[0] = false;
        rebuild.request();
        assertThat(queued).hasSize(1);
    }
}
