package id.pantau.app.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import id.pantau.enforcement.http.LogSafe;

/**
 * {@code %safeMsg} of the text log format: the message with CR, LF and every other control character escaped, so
 * text that reached a log message from a request (a path, a field of a body) cannot end the line and forge another.
 * (The JSON format escapes them by JSON's own rules.)
 */
public final class EscapedMessageConverter extends ClassicConverter {
    @Override
    public String convert(ILoggingEvent event) {
        return LogSafe.escape(event.getFormattedMessage());
    }
}
