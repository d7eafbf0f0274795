package id.pantau.enforcement;

import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.kafka.KafkaBusConfig;
import id.pantau.core.bus.kafka.KafkaEventBus;
import id.pantau.enforcement.complaint.ComplaintSettings;
import id.pantau.testkit.kafka.KafkaTestBroker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;

/** Complaints and camera alerts over a real Kafka broker (KRaft, in-JVM, 127.0.0.1), topics of this run alone. */
class KafkaComplaintBusTest extends AbstractComplaintBusTest {
    private final String suffix = Long.toString(System.nanoTime(), 36);

    @Override
    EventBus openBus() {
        return new KafkaEventBus(KafkaBusConfig.of(KafkaTestBroker.shared().bootstrapServers(), "complaints-test")
                .withPartitions(3).withRetryPause(Duration.ofMillis(100)), new SimpleMeterRegistry());
    }

    @Override
    ComplaintSettings topics(ComplaintSettings d) {
        return new ComplaintSettings(d.linkDistanceM(), d.corroborationWindow(), "pantau.events." + suffix,
                "pantau.complaints." + suffix, d.group(), d.maxBodyBytes(), d.maxPhotoBytes(), d.autoReportOpd());
    }
}
