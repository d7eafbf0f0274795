package id.pantau.enforcement;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.ServiceHarness;
import id.pantau.enforcement.support.TestClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the back office writes to its log when clients send hostile input over a raw socket: control characters
 * from paths and bodies are escaped (no one can forge a log line), a malformed request is a 400 logged at INFO at
 * most (never an ERROR), and the H2 database file is readable by the node's user alone.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LogSafetyTest {
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Logger pantau = (Logger) LoggerFactory.getLogger("id.pantau");
    private Level pantauLevel;
    private InProcessEventBus bus;
    private ServiceHarness h;
    private Path dir;
    private String police;

    @BeforeAll
    void start(@TempDir Path dir) {
        this.dir = dir;
        bus = new InProcessEventBus(1000, Duration.ofMillis(100));
        h = new ServiceHarness(EnforcementConfig.defaults(dir).withBcryptCost(4), bus, dir, new TestClock());
        police = h.user("budi.polisi", "police");
        captured.start();
        root.addAppender(captured);
        pantauLevel = pantau.getLevel();
        pantau.setLevel(Level.INFO);
    }

    @AfterAll
    void stop() {
        pantau.setLevel(pantauLevel);
        root.detachAppender(captured);
        h.close();
        bus.close();
    }

    @BeforeEach
    void clear() {
        captured.list.clear();
    }

    private String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", h.http().port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = s.getInputStream();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) > 0) {
                got.write(buf, 0, n);
                if (got.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    break;
                }
            }
            return got.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private List<String> lines() {
        Thread.yield();
        return captured.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Test
    void controlCharactersFromTheBodyAndThePathAreEscapedInTheLog() throws Exception {
        String body = "{\"plate\":\"BH\\r\\n2026-12-06T03:00:00Z ERROR [main] forged - admin password reset\"}";
        String reply = raw("PUT /api/violations/1/plate HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + police
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body);
        assertThat(reply).startsWith("HTTP/1.1 400");
        String path = raw("GET /api/violations/1%0d%0a2026-12-06T03:00:00Z%20ERROR%20forged HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Authorization: Bearer " + police + "\r\nConnection: close\r\n\r\n");
        assertThat(path).startsWith("HTTP/1.1 404");
        Thread.sleep(200);
        List<String> lines = lines();
        assertThat(lines).as("the refusals are logged").anySatisfy(l -> assertThat(l).contains("forged - admin password reset"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("ERROR forged"));
        assertThat(lines).allSatisfy(l -> assertThat(l).doesNotContain("\r").doesNotContain("\n"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("BH\\r\\n2026"));
    }

    @Test
    void aMalformedRequestIsA400AndNoError() throws Exception {
        for (String request : List.of(
                "GET /api/violations/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/violations/1/evidence/%zz HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + police
                        + "\r\nConnection: close\r\n\r\n",
                "GET /api/%%%/x%0d%0aforged HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
                "GET /api/violations HTTP/1.1\r\nHost: x\r\nBad Header\r\nConnection: close\r\n\r\n")) {
            String reply = raw(request);
            assertThat(reply).as(request).startsWith("HTTP/1.1 400");
        }
        Thread.sleep(200);
        assertThat(captured.list).as("log events").noneSatisfy(e ->
                assertThat(e.getLevel().isGreaterOrEqual(Level.WARN)).as(e.getFormattedMessage()).isTrue());
        assertThat(lines()).allSatisfy(l -> assertThat(l).doesNotContain("\r").doesNotContain("\n"));
    }

    @Test
    void theH2DatabaseFileIsReadableByTheNodeAlone() throws IOException {
        Path file = dir.resolve("enforcement.mv.db");
        assertThat(file).exists();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }
}
