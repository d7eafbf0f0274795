package id.pantau.app.cli;

import id.pantau.app.Main;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import id.pantau.testkit.kafka.KafkaTestBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./pantau analyze} on the real intersection clip with its worked camera config, publishing to a real Kafka
 * broker: the events file and the topic must hold the same events in the same order, keyed by camera.
 */
class AnalyzeCommandKafkaTest {
    @TempDir
    Path out;

    @Test
    void writesEventsJsonlAndPublishesTheSameEventsToKafkaInOrder() throws Exception {
        Path home = Path.of(System.getProperty("pantau.home"));
        Path video = id.pantau.core.asset.Assets.defaults()
                .data("videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4");
        try (KafkaTestBroker broker = KafkaTestBroker.start()) {
            StringWriter stdout = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(stdout));
            int code = cli.execute("analyze", "--input", video.toString(),
                    "--camera", home.resolve("docs/examples/hanoi-camera.json").toString(),
                    "--out", out.toString(), "--kafka", broker.bootstrapServers(),
                    "--analysis-fps", "6");   // the rate the worked example carried before analysis.fps moved
            assertThat(code).as(stdout.toString()).isZero();

            List<String> lines = Files.readAllLines(out.resolve("events.jsonl"));
            EventCodec codec = new EventCodec();
            List<PipelineEvent> events = lines.stream().map(l -> codec.decode(l.getBytes(StandardCharsets.UTF_8))).toList();
            assertThat(events).extracting(PipelineEvent::type).contains("signal_change", "line_crossing", "congestion");
            // timestamps are ISO-8601 with the camera's zone offset
            assertThat(lines).allMatch(l -> l.matches(".*\"time\":\"\\d{4}-\\d\\d-\\d\\dT[0-9:.]+\\+07:00\".*"));
            assertThat(stdout.toString()).contains("events.jsonl");

            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                    ConsumerConfig.GROUP_ID_CONFIG, "analyze-test",
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer.subscribe(List.of("pantau.events"));
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (records.size() < lines.size() && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                }
            }
            assertThat(records).hasSize(lines.size());
            assertThat(records).allMatch(r -> r.key().equals("hanoi-lythuongkiet-hangbai"));
            assertThat(records.stream().map(r -> new String(r.value(), StandardCharsets.UTF_8)).toList())
                    .containsExactlyElementsOf(lines);
        }
    }
}
