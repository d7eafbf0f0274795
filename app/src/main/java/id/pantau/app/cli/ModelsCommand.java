package id.pantau.app.cli;

import id.pantau.core.asset.AssetNotFoundException;
import id.pantau.core.asset.Assets;
import id.pantau.core.asset.ModelSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.util.concurrent.Callable;

/** Lists the models in the manifest and, with --verify, finds each one and checks its SHA-256. */
@Command(name = "models", description = "List the models Pantau knows and check that each one is available.")
public final class ModelsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--verify", description = "Resolve every model (cache, ../shared, source URL) and verify its sha256.")
    boolean verify;

    @Override
    public Integer call() {
        Assets assets = Assets.defaults();
        int missing = 0;
        for (ModelSpec m : assets.modelSpecs().values()) {
            String where = "";
            if (verify) {
                try {
                    where = "  ok  " + assets.model(m.name()).path();
                } catch (AssetNotFoundException e) {
                    where = "  MISSING\n" + e.getMessage().indent(6);
                    missing++;
                }
            }
            spec.commandLine().getOut().printf("%-20s %-18s %-10s %s%s%n", m.name(), m.family(),
                    m.licence().split(" ")[0], m.description(), where);
        }
        return missing == 0 ? 0 : 2;
    }
}
