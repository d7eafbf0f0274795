package id.pantau.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.classic.joran.JoranConfigurator;
import com.fasterxml.jackson.databind.JsonNode;
import id.pantau.core.json.Json;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The two log formats the launcher offers, configured from the very files it ships. */
class LogFormatTest {

    @SuppressWarnings("unchecked")
    private static List<String> logWith(String config) throws Exception {
        return logWith(config, "camera {} STREAMING", "simpang-kawat");
    }

    @SuppressWarnings("unchecked")
    private static List<String> logWith(String config, String format, String arg) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(MDC.getMDCAdapter());   // the same MDC the application code writes to
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(ctx);
            joran.doConfigure(LogFormatTest.class.getClassLoader().getResource(config));
            // the shipped appender writes to stderr; read what it encodes instead
            ((OutputStreamAppender<ILoggingEvent>) ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OUT"))
                    .setOutputStream(captured);
            MDC.put("camera", "simpang-kawat");
            ctx.getLogger("id.pantau.ingest.CameraWorker").info(format, arg);
        } finally {
            MDC.remove("camera");
            ctx.stop();
        }
        return captured.toString(StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    @Test
    void textIsOneReadableLinePerEvent() throws Exception {
        List<String> lines = logWith("logback-text.xml");
        assertThat(lines).singleElement().asString()
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}.* INFO .*CameraWorker - camera simpang-kawat STREAMING");
    }

    private static final String FORGERY = "BH 1\r\n2026-12-06T03:00:00.000+07:00 ERROR [main] Pantau - admin password reset\u001b[0m";

    @Test
    void controlCharactersInATextMessageAreEscapedSoNoLineCanBeForged() throws Exception {
        List<String> lines = logWith("logback-text.xml", "PUT /api/violations/1/plate -> 400 plate '{}'", FORGERY);
        assertThat(lines).singleElement().asString()
                .contains("plate 'BH 1\\r\\n2026-12-06T03:00:00.000+07:00 ERROR [main] Pantau - admin password reset\\u001b[0m'")
                .doesNotContain("\u001b");
    }

    @Test
    void anExceptionMessageInATextStackTraceCannotForgeALineEither() throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext ctx = new LoggerContext();
        ctx.setMDCAdapter(MDC.getMDCAdapter());
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(ctx);
            joran.doConfigure(LogFormatTest.class.getClassLoader().getResource("logback-text.xml"));
            @SuppressWarnings("unchecked")
            OutputStreamAppender<ILoggingEvent> out = (OutputStreamAppender<ILoggingEvent>)
                    ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("OUT");
            out.setOutputStream(captured);
            ctx.getLogger("id.pantau.enforcement.http.Guard").error("unexpected failure",
                    new IllegalStateException("bad " + FORGERY, new RuntimeException("cause " + FORGERY)));
        } finally {
            ctx.stop();
        }
        List<String> lines = captured.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).contains("ERROR").endsWith("unexpected failure");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("java.lang.IllegalStateException: bad BH 1\\r\\n2026"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("Caused by: java.lang.RuntimeException: cause BH 1\\r\\n"));
        assertThat(lines.stream().skip(1)).as("every other line belongs to the stack trace")
                .allSatisfy(l -> assertThat(l).matches("(java\\.lang\\.|Caused by: |\\s+at |\\s+\\.\\.\\. ).*"));
    }

    @Test
    void controlCharactersInAJsonMessageStayInsideTheirString() throws Exception {
        List<String> lines = logWith("logback-json.xml", "plate '{}'", FORGERY);
        assertThat(lines).hasSize(1);
        assertThat(Json.mapper().readTree(lines.getFirst()).path("message").asText()).isEqualTo("plate '" + FORGERY + "'");
    }

    @Test
    void jsonIsOneObjectPerLineWithTheMdcAsFields() throws Exception {
        List<String> lines = logWith("logback-json.xml");
        assertThat(lines).hasSize(1);
        JsonNode event = Json.mapper().readTree(lines.getFirst());
        assertThat(event.path("message").asText()).isEqualTo("camera simpang-kawat STREAMING");
        assertThat(event.path("level").asText()).isEqualTo("INFO");
        assertThat(event.path("camera").asText()).isEqualTo("simpang-kawat");
        assertThat(event.path("@timestamp").asText()).isNotEmpty();
    }

    @Test
    void theFlagChoosesTheConfigurationBeforeLoggingStarts() {
        String before = System.getProperty("logback.configurationFile");
        try {
            System.clearProperty("logback.configurationFile");
            LogFormat.configureFrom(new String[] {"demo", "--log-format", "json"});
            assertThat(System.getProperty("logback.configurationFile")).isEqualTo("logback-json.xml");
            System.clearProperty("logback.configurationFile");
            LogFormat.configureFrom(new String[] {"demo"});
            assertThat(System.getProperty("logback.configurationFile")).isEqualTo("logback-text.xml");
        } finally {
            if (before == null) {
                System.clearProperty("logback.configurationFile");
            } else {
                System.setProperty("logback.configurationFile", before);
            }
        }
    }
}
