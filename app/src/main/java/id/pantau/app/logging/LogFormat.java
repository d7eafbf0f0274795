package id.pantau.app.logging;

/**
 * Chooses the log format before logback starts: one readable line per event by default, JSON lines (for log
 * shippers such as Fluent Bit or Filebeat) with {@code --log-format json} or {@code PANTAU_LOG_FORMAT=json}.
 */
public final class LogFormat {
    private LogFormat() {
    }

    public static void configureFrom(String[] args) {
        String format = System.getenv("PANTAU_LOG_FORMAT");
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--log-format") && i + 1 < args.length) {
                format = args[i + 1];
            } else if (args[i].startsWith("--log-format=")) {
                format = args[i].substring("--log-format=".length());
            }
        }
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile",
                    "json".equalsIgnoreCase(format) ? "logback-json.xml" : "logback-text.xml");
        }
        // JavaCPP and FFmpeg log through SLF4J too, so one format covers native messages.
        System.setProperty("org.bytedeco.javacpp.logger", "slf4j");
    }
}
