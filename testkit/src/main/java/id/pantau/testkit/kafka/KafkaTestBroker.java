package id.pantau.testkit.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * A real single-node Kafka (KRaft, combined broker + controller) inside the test JVM, bound to 127.0.0.1 on
 * free ports with a temporary log directory that is deleted on close. Starting one takes ~3 s, so test
 * classes normally share {@link #shared()}, which lives until the JVM exits.
 */
public final class KafkaTestBroker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(KafkaTestBroker.class);
    private static KafkaTestBroker shared;

    private final KafkaRaftServer server;
    private final Path logDir;
    private final String bootstrapServers;
    private boolean closed;

    private KafkaTestBroker(KafkaRaftServer server, Path logDir, String bootstrapServers) {
        this.server = server;
        this.logDir = logDir;
        this.bootstrapServers = bootstrapServers;
    }

    /** One broker per test JVM, started on first use and stopped by a shutdown hook. */
    public static synchronized KafkaTestBroker shared() {
        if (shared == null) {
            shared = start();
            KafkaTestBroker b = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(b::close, "kafka-test-broker-stop"));
        }
        return shared;
    }

    /** Starts a fresh broker; the caller closes it. */
    public static KafkaTestBroker start() {
        long t0 = System.nanoTime();
        try {
            int brokerPort = freePort();
            int controllerPort = freePort();
            Path dir = Files.createTempDirectory("pantau-kafka-");
            Path logs = Files.createDirectories(dir.resolve("logs"));
            Properties p = properties(brokerPort, controllerPort, logs);
            Path propsFile = dir.resolve("server.properties");
            try (OutputStream out = Files.newOutputStream(propsFile)) {
                p.store(out, "pantau test broker");
            }
            ByteArrayOutputStream formatLog = new ByteArrayOutputStream();
            int rc = StorageTool.execute(new String[]{"format", "-t", Uuid.randomUuid().toString(), "-c",
                    propsFile.toString()}, new PrintStream(formatLog, true, StandardCharsets.UTF_8));
            if (rc != 0) {
                throw new IllegalStateException("kafka storage format failed (rc " + rc + "): " + formatLog);
            }
            KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(p, false), Time.SYSTEM);
            server.startup();
            String bootstrap = "127.0.0.1:" + brokerPort;
            log.info("Kafka test broker up at {} in {} ms", bootstrap, (System.nanoTime() - t0) / 1_000_000);
            return new KafkaTestBroker(server, dir, bootstrap);
        } catch (IOException e) {
            throw new UncheckedIOException("could not prepare the Kafka test broker's directory", e);
        }
    }

    private static Properties properties(int brokerPort, int controllerPort, Path logs) {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", logs.toString());
        p.setProperty("num.partitions", "1");
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "1");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        return p;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** host:port for clients, always on 127.0.0.1. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
        try (Stream<Path> files = Files.walk(logDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete Kafka test broker directory {}: {}", logDir, e.toString());
        }
    }
}
