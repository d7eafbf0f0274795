package id.pantau.core.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders a declaration as the Markdown reference table the docs carry between
 * {@code <!-- BEGIN GENERATED: <marker> -->} and {@code <!-- END GENERATED -->}, so the tables cannot drift from
 * what the loaders accept.
 */
public final class ConfigDocs {
    private ConfigDocs() {
    }

    /** One row per option: name, type, default, allowed values, read by, what it does. */
    public static String table(ConfigDef def, String keyPrefix) {
        StringBuilder sb = new StringBuilder();
        sb.append("| option | type | default | allowed | read by | what it does |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Option o : def.options()) {
            sb.append("| `").append(keyPrefix).append(o.name()).append("` | ").append(o.typeDescription())
                    .append(" | ").append(cell(o.defaultDescription()))
                    .append(" | ").append(cell(o.rangeDescription()))
                    .append(" | ").append(o.readBy().label())
                    .append(" | ").append(cell(o.doc())).append(" |\n");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }

    public static String begin(String marker) {
        return "<!-- BEGIN GENERATED: " + marker + " -->";
    }

    public static final String END = "<!-- END GENERATED -->";

    /** {@code document} with the block under {@code marker} replaced by {@code generated}. */
    public static String replace(String document, String marker, String generated) {
        Pattern block = Pattern.compile(Pattern.quote(begin(marker)) + "\\n.*?" + Pattern.quote(END), Pattern.DOTALL);
        Matcher m = block.matcher(document);
        if (!m.find()) {
            throw new IllegalArgumentException("no '" + begin(marker) + "' ... '" + END + "' block");
        }
        return m.replaceFirst(Matcher.quoteReplacement(begin(marker) + "\n" + generated + END));
    }
}
