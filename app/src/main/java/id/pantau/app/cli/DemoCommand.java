package id.pantau.app.cli;

import id.pantau.app.Pantau;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Runs the whole pipeline on embedded defaults until Ctrl-C. */
@Command(name = "demo", description = {
        "Run the pipeline on embedded defaults: the sample videos in ../shared/data/videos as looping cameras",
        "(or the cameras in --config), in-process event bus, local evidence folder, embedded database.",
        "Serves /health, /metrics and the console on http://127.0.0.1:PORT/."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to bind (default ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--data-dir", defaultValue = "./var", description = "Where evidence, the database and spools live (default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--config", description = "Camera list (YAML or JSON); without it the sample videos are used.")
    Path config;

    @Option(names = "--duration", description = "Stop after this many seconds (default: run until Ctrl-C).")
    Integer durationSeconds;

    @Override
    public Integer call() throws Exception {
        return RunCommand.runUntilStopped(Pantau.start(new Pantau.Options(host, port, dataDir, config)), spec,
                durationSeconds);
    }
}
