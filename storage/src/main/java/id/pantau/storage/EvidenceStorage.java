package id.pantau.storage;

import id.pantau.storage.config.EvidenceStoreConfig;
import id.pantau.storage.evidence.EvidencePackage;
import id.pantau.storage.evidence.PackageLayout;
import id.pantau.storage.evidence.PackageWriter;
import id.pantau.storage.evidence.StoredPackage;
import id.pantau.storage.local.LocalEvidenceStore;
import id.pantau.storage.s3.S3EvidenceStore;
import id.pantau.storage.signing.SigningKeys;
import id.pantau.storage.spool.SpoolingEvidenceStore;
import id.pantau.storage.verify.PackageVerifier;
import id.pantau.storage.verify.VerificationReport;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storage module wired from one config: the store (spooled when {@code spoolDir} is set), a package
 * writer with the configured signing key, and a verifier. This is what the app holds for the process lifetime.
 */
public final class EvidenceStorage implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EvidenceStorage.class);

    private final EvidenceStore store;
    private final PackageWriter writer;
    private final PackageVerifier verifier;

    private EvidenceStorage(EvidenceStore store, PackageWriter writer, PackageVerifier verifier) {
        this.store = store;
        this.writer = writer;
        this.verifier = verifier;
    }

    public static EvidenceStorage open(EvidenceStoreConfig config, MeterRegistry registry) {
        return open(config, registry, Clock.systemUTC());
    }

    public static EvidenceStorage open(EvidenceStoreConfig config, MeterRegistry registry, Clock clock) {
        config.requireValid();
        EvidenceStore target = openTarget(config, registry);
        EvidenceStore store = config.spoolDir() == null ? target
                : new SpoolingEvidenceStore(target, config.spoolSettings(), clock, registry);
        PackageWriter writer = new PackageWriter(store, SigningKeys.signer(config), new PackageLayout(config.zoneId()),
                clock, registry);
        log.info("evidence storage: {}, signing {}", store.describe(), config.signing());
        return new EvidenceStorage(store, writer, new PackageVerifier(store, SigningKeys.verifier(config)));
    }

    /** The configured backend alone (no spool, no signer): what verification reads from. */
    public static EvidenceStore openTarget(EvidenceStoreConfig config, MeterRegistry registry) {
        return switch (config.type()) {
            case EvidenceStoreConfig.S3 -> new S3EvidenceStore(config.s3Settings(), registry);
            default -> new LocalEvidenceStore(config.dir());
        };
    }

    public EvidenceStore store() {
        return store;
    }

    public PackageWriter writer() {
        return writer;
    }

    public PackageVerifier verifier() {
        return verifier;
    }

    public StoredPackage write(EvidencePackage pkg) {
        return writer.write(pkg);
    }

    public VerificationReport verify(String packagePrefix) {
        return verifier.verify(packagePrefix);
    }

    @Override
    public void close() {
        store.close();
    }
}
