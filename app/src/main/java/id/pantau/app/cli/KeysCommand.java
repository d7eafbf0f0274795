package id.pantau.app.cli;

import id.pantau.storage.signing.PemKeys;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** Creates the Ed25519 key pair that signs evidence manifests. */
@Command(name = "keys", description = "Create an Ed25519 key pair for signing evidence manifests (PEM files).")
public final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, description = "Folder for evidence-ed25519.pem and evidence-ed25519.pub.pem.")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path privateKey = out.resolve("evidence-ed25519.pem");
        Path publicKey = out.resolve("evidence-ed25519.pub.pem");
        if (Files.exists(privateKey)) {
            throw new IllegalStateException(privateKey + " already exists; refusing to replace a signing key "
                    + "(packages signed with it could no longer be verified). Move it away first.");
        }
        Files.createDirectories(out);
        PemKeys.generateEd25519(privateKey, publicKey);
        spec.commandLine().getOut().println("wrote " + privateKey + " (keep it on the signing nodes only) and " + publicKey);
        return 0;
    }
}
