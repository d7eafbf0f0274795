package id.pantau.app;

import picocli.CommandLine;

/** Version from the jar manifest when packaged, "dev" when run from classes. */
public final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"pantau " + (v == null ? "0.1.0-dev" : v) + " (Java " + Runtime.version() + ")"};
    }
}
