package id.pantau.storage.s3;

import id.pantau.storage.EvidenceKeys;
import id.pantau.storage.EvidenceNotFoundException;
import id.pantau.storage.EvidenceStore;
import id.pantau.storage.StorageException;
import id.pantau.storage.StoreHealth;
import id.pantau.storage.StoreUnavailableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectLockConfigurationArgs;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.errors.ServerException;
import io.minio.http.Method;
import io.minio.messages.Item;
import io.minio.messages.Retention;
import io.minio.messages.RetentionMode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evidence in an S3 bucket through the MinIO Java SDK (MinIO, Ceph RGW, AWS S3, S3Proxy...).
 *
 * <p>The bucket is created on first use, not in the constructor, so the process starts while the object store
 * is down (the spool takes the packages meanwhile). Object lock: when {@code retentionDays} > 0 the bucket is
 * created with object lock and every object gets a COMPLIANCE retention; a server without object lock support
 * (S3Proxy, some gateways) is detected once, logged as a notice, and evidence then relies on the signed
 * manifest alone for tamper evidence.
 */
public final class S3EvidenceStore implements EvidenceStore {
    private static final Logger log = LoggerFactory.getLogger(S3EvidenceStore.class);
    /** Error codes that mean "this server has no object lock here", not "something is broken". */
    private static final Set<String> NO_LOCK_CODES = Set.of("NotImplemented", "ObjectLockConfigurationNotFoundError",
            "InvalidRequest", "InvalidBucketState", "MethodNotAllowed");
    private static final int MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

    private final S3Settings settings;
    private final MinioClient client;
    private final Counter errors;
    private volatile boolean bucketReady;
    private volatile boolean objectLock;

    public S3EvidenceStore(S3Settings settings, MeterRegistry registry) {
        this.settings = settings;
        long ms = settings.timeout().toMillis();
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(ms, TimeUnit.MILLISECONDS)
                .readTimeout(ms, TimeUnit.MILLISECONDS)
                .writeTimeout(ms, TimeUnit.MILLISECONDS)
                .build();
        try {
            this.client = MinioClient.builder()
                    .endpoint(settings.endpoint().toString())
                    .credentials(settings.accessKey(), settings.secretKey())
                    .region(settings.region())
                    .httpClient(http, true)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new StorageException("S3 endpoint '" + settings.endpoint() + "' is not usable: " + e.getMessage()
                    + "; give a URL like http://127.0.0.1:9000", e);
        }
        this.errors = Counter.builder("pantau.evidence.s3.errors")
                .description("S3 requests that failed (server down, refused, or an S3 error)")
                .register(registry);
    }

    /** Whether objects written now get an object-lock retention (known after the first successful request). */
    public boolean objectLockActive() {
        return objectLock;
    }

    private interface S3Call<T> {
        T call() throws Exception;
    }

    /** Runs an S3 request, turning the SDK's many checked exceptions into one readable StorageException. */
    private <T> T s3(String what, String key, S3Call<T> call) {
        try {
            return call.call();
        } catch (ErrorResponseException e) {
            String code = e.errorResponse().code();
            if ("NoSuchKey".equals(code)) {
                throw new EvidenceNotFoundException(key, describe());
            }
            errors.increment();
            if ("NoSuchBucket".equals(code)) {
                // Someone removed the bucket: make it again on the next call rather than failing forever.
                bucketReady = false;
                throw new StoreUnavailableException(what + " failed: bucket '" + settings.bucket() + "' does not exist at "
                        + settings.endpoint() + "; it will be created again on the next attempt", e);
            }
            throw new StorageException(what + " failed at " + describe() + ": S3 error " + code + " ("
                    + e.errorResponse().message() + ")" + hint(code), e);
        } catch (ServerException e) {
            errors.increment();
            throw new StoreUnavailableException(what + " failed: " + describe() + " answered with a server error ("
                    + e.getMessage() + "); it will be retried", e);
        } catch (IOException e) {
            errors.increment();
            throw new StoreUnavailableException(what + " failed: cannot reach " + describe() + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + "); check that the object store is running"
                    + " and that 'endpoint' is right", e);
        } catch (StorageException e) {
            throw e;
        } catch (Exception e) {
            errors.increment();
            throw new StorageException(what + " failed at " + describe() + ": " + e, e);
        }
    }

    private static String hint(String code) {
        return switch (code) {
            case "AccessDenied", "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    "; check 'accessKey'/'secretKey' and the bucket policy";
            default -> "";
        };
    }

    private void ensureBucket() {
        if (bucketReady) {
            return;
        }
        synchronized (this) {
            if (bucketReady) {
                return;
            }
            String bucket = settings.bucket();
            boolean exists = s3("checking bucket", bucket,
                    () -> client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build()));
            if (!exists) {
                createBucket(bucket);
            }
            objectLock = settings.retentionDays() > 0 && probeObjectLock(bucket);
            bucketReady = true;
        }
    }

    private void createBucket(String bucket) {
        boolean wantLock = settings.retentionDays() > 0;
        try {
            s3("creating bucket", bucket, () -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(settings.region())
                        .objectLock(wantLock).build());
                return null;
            });
            log.info("created evidence bucket '{}' at {} (object lock requested: {})", bucket, settings.endpoint(), wantLock);
        } catch (StorageException e) {
            if (!wantLock || !mentionsNoLock(e)) {
                throw e;
            }
            s3("creating bucket", bucket, () -> {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).region(settings.region()).build());
                return null;
            });
            log.info("created evidence bucket '{}' at {} without object lock (server refused it)", bucket,
                    settings.endpoint());
        }
    }

    private static boolean mentionsNoLock(StorageException e) {
        return e.getCause() instanceof ErrorResponseException r && NO_LOCK_CODES.contains(r.errorResponse().code());
    }

    private boolean probeObjectLock(String bucket) {
        try {
            client.getObjectLockConfiguration(GetObjectLockConfigurationArgs.builder().bucket(bucket).build());
            log.info("evidence bucket '{}' has object lock: objects are retained {} days in COMPLIANCE mode",
                    bucket, settings.retentionDays());
            return true;
        } catch (ErrorResponseException e) {
            log.warn("NOTICE: {} does not support object lock on bucket '{}' ({}): evidence is not WORM-protected by"
                            + " the server; tampering is still detected by the signed manifests",
                    settings.endpoint(), bucket, e.errorResponse().code());
            return false;
        } catch (Exception e) {
            log.warn("NOTICE: could not check object lock on bucket '{}' at {} ({}); writing without retention",
                    bucket, settings.endpoint(), e.toString());
            return false;
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        EvidenceKeys.requireValidKey(key);
        ensureBucket();
        s3("storing '" + key + "'", key, () -> client.putObject(putArgs(key, contentType)
                .stream(new ByteArrayInputStream(content), content.length, -1).build()));
    }

    @Override
    public void put(String key, Path file, String contentType) {
        EvidenceKeys.requireValidKey(key);
        ensureBucket();
        s3("storing '" + key + "' from " + file, key, () -> {
            try (InputStream in = Files.newInputStream(file)) {
                return client.putObject(putArgs(key, contentType).stream(in, Files.size(file), -1).build());
            }
        });
    }

    private PutObjectArgs.Builder putArgs(String key, String contentType) {
        PutObjectArgs.Builder b = PutObjectArgs.builder().bucket(settings.bucket()).object(key)
                .contentType(contentType == null ? "application/octet-stream" : contentType);
        if (objectLock) {
            b.retention(new Retention(RetentionMode.COMPLIANCE,
                    ZonedDateTime.now(ZoneOffset.UTC).plusDays(settings.retentionDays())));
        }
        return b;
    }

    @Override
    public InputStream open(String key) {
        EvidenceKeys.requireValidKey(key);
        ensureBucket();
        return s3("reading '" + key + "'", key,
                () -> client.getObject(GetObjectArgs.builder().bucket(settings.bucket()).object(key).build()));
    }

    @Override
    public boolean exists(String key) {
        EvidenceKeys.requireValidKey(key);
        ensureBucket();
        try {
            s3("checking '" + key + "'", key,
                    () -> client.statObject(StatObjectArgs.builder().bucket(settings.bucket()).object(key).build()));
            return true;
        } catch (EvidenceNotFoundException e) {
            return false;
        }
    }

    @Override
    public List<String> list(String prefix) {
        String p = EvidenceKeys.requireValidPrefix(prefix);
        ensureBucket();
        return s3("listing '" + p + "'", p, () -> {
            List<String> keys = new ArrayList<>();
            for (Result<Item> r : client.listObjects(ListObjectsArgs.builder().bucket(settings.bucket())
                    .prefix(p).recursive(true).build())) {
                keys.add(r.get().objectName());
            }
            keys.sort(null);
            return keys;
        });
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl) {
        EvidenceKeys.requireValidKey(key);
        int seconds = (int) Math.clamp(ttl.toSeconds(), 1, MAX_PRESIGN_SECONDS);
        // Presigning is a local computation; no request is made, so no bucket check either.
        return Optional.of(URI.create(s3("presigning '" + key + "'", key, () -> client.getPresignedObjectUrl(
                GetPresignedObjectUrlArgs.builder().method(Method.GET).bucket(settings.bucket()).object(key)
                        .expiry(seconds).build()))));
    }

    @Override
    public StoreHealth health() {
        try {
            bucketReady = false;
            ensureBucket();
            return StoreHealth.up(describe() + " reachable" + (objectLock ? ", object lock on" : ""));
        } catch (StorageException e) {
            return StoreHealth.down(e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "S3 bucket '" + settings.bucket() + "' at " + settings.endpoint();
    }

    @Override
    public void close() {
        try {
            client.close();
        } catch (Exception e) {
            log.debug("closing MinIO client: {}", e.toString());
        }
    }
}
