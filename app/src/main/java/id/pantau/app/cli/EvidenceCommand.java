package id.pantau.app.cli;

import id.pantau.app.config.NodeConfigException;
import id.pantau.app.config.NodeConfigLoader;
import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.verify.VerificationReport;
import id.pantau.storage.verify.VerifyEvidence;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code pantau evidence verify PATH|KEY}: checks an evidence package's signed manifest and every file in it, and
 * names each file that was altered, is missing or was added. Exit status 0 = intact, 1 = not intact (or could not
 * be read), 2 = the command was given no usable verification key or store settings.
 *
 * <p>Without a key option it uses the node's own: {@code DATA_DIR/keys/evidence-ed25519.pub.pem} (the key pair a
 * node creates at first start, {@code --data-dir} defaulting to {@code ./var} as for {@code pantau demo}), and a
 * KEY is looked up in that node's evidence folder {@code DATA_DIR/evidence}.
 */
@Command(name = "evidence", description = "Work with the evidence packages of red-light violations.",
        subcommands = {EvidenceCommand.Verify.class})
public final class EvidenceCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 2;
    }

    @Command(name = "verify", description = {
            "Check that an evidence package is complete and unaltered: the manifest signature, then the SHA-256 of "
                    + "every file it lists.",
            "PATH is a package folder on this machine (the one holding manifest.json), e.g. copied off the store for "
                    + "a court; KEY is a package key in the configured store (evidence/<camera>/<yyyy>/<MM>/<dd>/<id>/).",
            "Without --config, --public-key or --hmac-key the node's own key is used: "
                    + "DATA_DIR/keys/evidence-ed25519.pub.pem, and a KEY is read from DATA_DIR/evidence.",
            "Exit status: 0 intact, 1 NOT intact or unreadable, 2 no usable key or settings."})
    public static final class Verify implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATH|KEY", description = "Package folder, package key or manifest key.")
        String target;

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Keys keys;

        @Option(names = "--data-dir", defaultValue = "./var", paramLabel = "DIR", description = "The node's data "
                + "folder, for its public key (keys/evidence-ed25519.pub.pem) and evidence folder when no key option "
                + "is given (default ${DEFAULT-VALUE}).")
        Path dataDir;

        static final String NODE_PUBLIC_KEY = "keys/evidence-ed25519.pub.pem";

        static final class Keys {
            @Option(names = "--config", paramLabel = "FILE", description = "The node configuration (as for 'pantau "
                    + "run'): its evidence store and verification key are used; needed for a KEY.")
            Path config;

            @Option(names = "--public-key", paramLabel = "PEM", description = "Ed25519 public key (PEM) to check a "
                    + "package folder with; no store settings needed.")
            Path publicKey;

            @Option(names = "--hmac-key", paramLabel = "FILE", description = "HMAC-SHA256 secret (base64 file) to "
                    + "check a package folder with.")
            Path hmacKey;
        }

        @Override
        public Integer call() {
            EvidenceStoreConfig config;
            try {
                config = config();
                config.requireValidForVerification();
            } catch (IllegalArgumentException | NodeConfigException e) { // every bad field is named
                spec.commandLine().getErr().println("pantau evidence verify: " + e.getMessage());
                return 2;
            }
            VerificationReport report = VerifyEvidence.verify(target, config);
            (report.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr()).println(report);
            return report.ok() ? 0 : 1;
        }

        private EvidenceStoreConfig config() {
            if (keys == null) {
                return nodeKey();
            }
            if (keys.config != null) {
                return NodeConfigLoader.load(keys.config).evidence();
            }
            Path folder = Path.of(target);
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("'" + target + "' is not a package folder on this machine; "
                        + "to check a KEY in the evidence store, give the store settings with --config FILE");
            }
            // A folder checked on its own: the folder is the store, only the verification key matters.
            EvidenceStoreConfig local = EvidenceStoreConfig.local(folder, null, null, keys.publicKey);
            return keys.hmacKey != null ? local.withHmacKey(keys.hmacKey) : local;
        }

        /** The node's own public key; a KEY is read from the node's local evidence folder. */
        private EvidenceStoreConfig nodeKey() {
            Path publicKey = dataDir.resolve(NODE_PUBLIC_KEY);
            if (!Files.isRegularFile(publicKey)) {
                throw new IllegalArgumentException("no verification key: " + publicKey + " does not exist (the node "
                        + "writes it at first start); give the node's folder with --data-dir DIR, its key with "
                        + "--public-key PEM or --hmac-key FILE, or its settings with --config FILE");
            }
            Path folder = Path.of(target);
            Path store = Files.isDirectory(folder) ? folder : dataDir.resolve("evidence");
            return EvidenceStoreConfig.local(store, null, null, publicKey);
        }
    }
}
