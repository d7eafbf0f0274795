package id.pantau.core.bus;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Run in a child JVM by {@link JournaledBusTest}: publishes {@code total} records to a journaled bus whose group
 * handles the first {@code handled} and then hangs, prints READY, and waits to be killed with SIGKILL.
 */
public final class JournalKillProbe {
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int total = Integer.parseInt(args[1]);
        int handled = Integer.parseInt(args[2]);
        InProcessEventBus bus = InProcessEventBus.journaled(dir, 1000, Duration.ofMillis(50));
        AtomicInteger seen = new AtomicInteger();
        CountDownLatch handledEnough = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        bus.subscribe("pantau.violations", "enforcement", r -> {
            if (seen.incrementAndGet() > handled) {
                handledEnough.countDown();
                never.await();      // in flight when the kill comes
            }
        });
        for (int i = 0; i < total; i++) {
            bus.publish("pantau.violations", "cam-" + (i % 3), ("violation-" + i).getBytes(StandardCharsets.UTF_8))
                    .toCompletableFuture().join();
        }
        handledEnough.await();
        Thread.sleep(200);   // the handled records' commits are written
        System.out.println("READY");
        System.out.flush();
        never.await();
    }
}
