package id.pantau.enforcement.http;

/**
 * Makes client-supplied text safe to put in a log line: CR, LF, TAB and every other control character (C0, DEL,
 * C1, the Unicode line and paragraph separators) are written as escapes ({@code \r}, {@code \n}, {@code \t},
 * {@code \u001b}), so a path or a body cannot end the line and forge another one.
 */
public final class LogSafe {
    private LogSafe() {
    }

    public static String escape(String s) {
        if (s == null) {
            return null;
        }
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            boolean control = ch < 0x20 || (ch >= 0x7f && ch <= 0x9f) || ch == '\u2028' || ch == '\u2029';
            if (!control) {
                if (out != null) {
                    out.append(ch);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            switch (ch) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> out.append(String.format("\\u%04x", (int) ch));
            }
        }
        return out == null ? s : out.toString();
    }
}
