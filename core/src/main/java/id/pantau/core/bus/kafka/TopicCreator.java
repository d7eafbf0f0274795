package id.pantau.core.bus.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Creates topics the first time the bus touches them, so a fresh broker (auto-create off, as in production)
 * works without a manual step. Remembers the topics it has seen so the broker is asked once per topic.
 */
final class TopicCreator implements AutoCloseable {
    private final KafkaBusConfig config;
    private final Admin admin;
    private final Set<String> known = ConcurrentHashMap.newKeySet();

    TopicCreator(KafkaBusConfig config) {
        this.config = config;
        int ms = (int) config.timeout().toMillis();
        this.admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, config.clientId() + "-admin",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ms,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms));
    }

    void ensure(String topic) {
        if (known.contains(topic)) {
            return;
        }
        try {
            admin.createTopics(List.of(new NewTopic(topic, config.partitions(), config.replicationFactor())))
                    .all().get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw unreachable(topic, e.getCause());
            }
        } catch (TimeoutException e) {
            throw unreachable(topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable(topic, e);
        }
        known.add(topic);
    }

    private KafkaBusException unreachable(String topic, Throwable cause) {
        return new KafkaBusException("could not create or find topic '" + topic + "' on Kafka at "
                + config.bootstrapServers() + " within " + config.timeout().toMillis()
                + " ms: check that the broker is running and reachable (" + cause + ")", cause);
    }

    @Override
    public void close() {
        admin.close(config.timeout());
    }
}
