package id.pantau.ingest.queue;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FrameQueueTest {

    @Test
    void overflowDropsOldestFirstAndCountsEveryDrop() {
        FrameQueue<Integer> q = new FrameQueue<>(3);
        for (int i = 0; i < 10; i++) {
            q.offer(i);
        }
        List<Integer> left = new ArrayList<>();
        q.drainTo(left);
        assertThat(left).containsExactly(7, 8, 9);
        assertThat(q.dropped()).isEqualTo(7);
        assertThat(q.offered()).isEqualTo(10);
    }

    @Test
    void aConsumerThatKeepsUpLosesNothing() throws InterruptedException {
        FrameQueue<Integer> q = new FrameQueue<>(2);
        List<Integer> got = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            q.offer(i);
            got.add(q.poll(Duration.ofMillis(100)));
        }
        assertThat(got).hasSize(100).startsWith(0, 1, 2).endsWith(99);
        assertThat(q.dropped()).isZero();
    }

    @Test
    void slowConsumerOnAnotherThreadSeesNewestFramesAndDropsAreAccountedFor() throws Exception {
        FrameQueue<Integer> q = new FrameQueue<>(4);
        List<Integer> got = new ArrayList<>();
        Thread consumer = Thread.ofPlatform().start(() -> {
            try {
                Integer v;
                while ((v = q.poll(Duration.ofMillis(300))) != null) {
                    got.add(v);
                    Thread.sleep(1);
                }
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        });
        for (int i = 0; i < 5_000; i++) {
            q.offer(i);
        }
        consumer.join();
        assertThat(got.size() + q.dropped()).isEqualTo(5_000);
        assertThat(q.dropped()).isPositive();
        assertThat(got).isSorted().contains(4_999);
    }

    @Test
    void eachDroppedItemIsHandedToTheDropHookOldestFirst() {
        List<Integer> dropped = new ArrayList<>();
        FrameQueue<Integer> q = new FrameQueue<>(2, dropped::add);
        for (int i = 0; i < 5; i++) {
            q.offer(i);
        }
        assertThat(dropped).containsExactly(0, 1, 2);
        assertThat(q.dropped()).isEqualTo(3);
        assertThat(q.poll()).isEqualTo(3);
    }

    @Test
    void rejectsZeroCapacity() {
        assertThatThrownBy(() -> new FrameQueue<>(0)).hasMessageContaining("capacity must be >= 1");
    }
}
