package id.pantau.app;

import id.pantau.app.cli.AnalyzeCommand;
import id.pantau.app.cli.ComplaintsCommand;
import id.pantau.app.cli.DemoCommand;
import id.pantau.app.cli.DetectCommand;
import id.pantau.app.cli.EvidenceCommand;
import id.pantau.app.cli.IngestCommand;
import id.pantau.app.cli.KeysCommand;
import id.pantau.app.cli.ModelsCommand;
import id.pantau.app.cli.PlatesCommand;
import id.pantau.app.cli.RunCommand;
import id.pantau.app.logging.LogFormat;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The one entry point behind {@code ./pantau}. Subcommands are the jobs an operator or engineer runs.
 */
@Command(name = "pantau", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Real-time video analytics for city CCTV and electronic traffic law enforcement (ETLE).",
        footer = {"", "  bench     The whole-pipeline benchmark and JMH per stage: the benchmarks",
                "            module's own entry, not part of a node (./pantau bench --help)."},
        subcommands = {DemoCommand.class, IngestCommand.class, DetectCommand.class, AnalyzeCommand.class, RunCommand.class, EvidenceCommand.class, ComplaintsCommand.class, PlatesCommand.class, ModelsCommand.class, KeysCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @CommandLine.Option(names = "--log-format", scope = CommandLine.ScopeType.INHERIT, paramLabel = "text|json",
            description = "Log as one readable line per event (text, default) or as JSON lines for log shippers.")
    String logFormat;

    public static void main(String[] args) {
        // Logging is configured before the first logger exists, so the format flag is read ahead of picocli.
        LogFormat.configureFrom(args);
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new Main());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            // An operator needs the reason, not a stack trace; the stack trace goes to the debug log.
            cmd.getErr().println("pantau " + cmd.getCommandName() + ": " + Errors.describe(ex));
            org.slf4j.LoggerFactory.getLogger(Main.class).debug("command failed", ex);
            return 1;
        });
        return cli;
    }
}
