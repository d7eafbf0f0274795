package id.pantau.app.cli;

import id.pantau.app.Pantau;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.enforcement.auth.AdminBootstrap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** Runs a node from its configuration file: the production entry point (see docs/node-config.md). */
@Command(name = "run", description = "Run a Pantau node from a node configuration file (stages, bus, evidence store, database).")
public final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "Node configuration (YAML or JSON).")
    Path config;

    @Option(names = "--check", description = "Only load and check the configuration, then exit.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        NodeConfigLoader.Loaded loaded = NodeConfigLoader.load(config);
        if (check) {
            spec.commandLine().getOut().println(config + ": ok (stages " + loaded.node().stages() + ", bus "
                    + loaded.node().bus().type() + ", evidence " + loaded.evidence().type() + ")");
            return 0;
        }
        return runUntilStopped(Pantau.start(loaded, AdminBootstrap::printToConsole), spec, null);
    }

    /** Prints where the node serves, then waits for Ctrl-C (or the given seconds) and closes it. */
    static int runUntilStopped(Pantau node, CommandSpec spec, Integer seconds) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            node.close();
            stopped.countDown();
        }, "shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        spec.commandLine().getOut().println("Pantau is running: " + node.url() + "  (health: " + node.url()
                + "health, metrics: " + node.url() + "metrics). Ctrl-C stops it.");
        spec.commandLine().getOut().flush();
        if (seconds != null) {
            Thread.sleep(seconds * 1000L);
            Runtime.getRuntime().removeShutdownHook(hook);
            node.close();
            return 0;
        }
        stopped.await();
        return 0;
    }
}
