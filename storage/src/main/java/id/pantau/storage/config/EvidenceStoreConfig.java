package id.pantau.storage.config;

import id.pantau.storage.s3.S3Settings;
import id.pantau.storage.spool.SpoolSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Settings of the evidence store, as read from the {@code evidence:} section of the app's YAML config (field
 * names below are the config keys). Unset optional fields get the defaults listed in storage/README.md.
 *
 * @param type              {@code local} (a folder, the single-node default) or {@code s3}
 * @param dir               local: folder that holds the evidence
 * @param endpoint          s3: URL of the S3 server, e.g. http://127.0.0.1:9000
 * @param spoolDir          where packages wait while the store is down; no spool when unset
 * @param signing           {@code ed25519} (default) or {@code hmac-sha256}
 * @param retentionDays     s3: object-lock retention in COMPLIANCE mode where the server supports it; 0 = none
 * @param zone              time zone of the date folders in keys (default Asia/Jakarta)
 */
public record EvidenceStoreConfig(String type, Path dir, URI endpoint, String bucket, String accessKey,
                                  String secretKey, String region, Path spoolDir, Long spoolMinFreeMb,
                                  String signing, Path signingPrivateKey, Path signingPublicKey, Path hmacKeyFile,
                                  Integer retentionDays, String zone, Integer timeoutSeconds) {
    public static final String LOCAL = "local";
    public static final String S3 = "s3";
    public static final String ED25519 = "ed25519";
    public static final String HMAC_SHA256 = "hmac-sha256";
    /** S3 bucket naming rules (the subset that every S3 server accepts). */
    private static final Pattern BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    public EvidenceStoreConfig {
        type = type == null ? null : type.strip().toLowerCase(Locale.ROOT);
        signing = signing == null ? ED25519 : signing.strip().toLowerCase(Locale.ROOT);
        region = region == null || region.isBlank() ? "us-east-1" : region;
        spoolMinFreeMb = spoolMinFreeMb == null ? 256L : spoolMinFreeMb;
        retentionDays = retentionDays == null ? 0 : retentionDays;
        zone = zone == null || zone.isBlank() ? "Asia/Jakarta" : zone;
        timeoutSeconds = timeoutSeconds == null ? 10 : timeoutSeconds;
    }

    /** A local folder store signed with Ed25519 keys. */
    public static EvidenceStoreConfig local(Path dir, Path spoolDir, Path privateKey, Path publicKey) {
        return new EvidenceStoreConfig(LOCAL, dir, null, null, null, null, null, spoolDir, null, ED25519, privateKey,
                publicKey, null, null, null, null);
    }

    /** An S3 store signed with Ed25519 keys. */
    public static EvidenceStoreConfig s3(URI endpoint, String bucket, String accessKey, String secretKey,
                                         Path spoolDir, Path privateKey, Path publicKey) {
        return new EvidenceStoreConfig(S3, null, endpoint, bucket, accessKey, secretKey, null, spoolDir, null, ED25519,
                privateKey, publicKey, null, null, null, null);
    }

    public EvidenceStoreConfig withSpoolMinFreeMb(long mb) {
        return new EvidenceStoreConfig(type, dir, endpoint, bucket, accessKey, secretKey, region, spoolDir, mb, signing,
                signingPrivateKey, signingPublicKey, hmacKeyFile, retentionDays, zone, timeoutSeconds);
    }

    public EvidenceStoreConfig withHmacKey(Path keyFile) {
        return new EvidenceStoreConfig(type, dir, endpoint, bucket, accessKey, secretKey, region, spoolDir,
                spoolMinFreeMb, HMAC_SHA256, null, null, keyFile, retentionDays, zone, timeoutSeconds);
    }

    public EvidenceStoreConfig withTimeoutSeconds(int seconds) {
        return new EvidenceStoreConfig(type, dir, endpoint, bucket, accessKey, secretKey, region, spoolDir,
                spoolMinFreeMb, signing, signingPrivateKey, signingPublicKey, hmacKeyFile, retentionDays, zone, seconds);
    }

    public S3Settings s3Settings() {
        return new S3Settings(endpoint, bucket, accessKey, secretKey, region, retentionDays,
                Duration.ofSeconds(timeoutSeconds));
    }

    public SpoolSettings spoolSettings() {
        SpoolSettings d = SpoolSettings.defaults(spoolDir);
        return new SpoolSettings(spoolDir, spoolMinFreeMb * 1024 * 1024, d.initialBackoff(), d.maxBackoff());
    }

    public ZoneId zoneId() {
        return ZoneId.of(zone);
    }

    /** Checks everything needed to write evidence; throws listing every problem by field name. */
    public EvidenceStoreConfig requireValid() {
        return require(problems(true));
    }

    /** Checks what verification needs (store location and the public/HMAC key; no private key). */
    public EvidenceStoreConfig requireValidForVerification() {
        return require(problems(false));
    }

    private EvidenceStoreConfig require(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new InvalidEvidenceConfigException(problems);
        }
        return this;
    }

    /** Every problem, each starting with the field name. Empty when the config is usable. */
    public List<String> problems(boolean writing) {
        List<String> p = new ArrayList<>();
        if (type == null || type.isEmpty()) {
            p.add("type: missing; set it to 'local' (a folder) or 's3'");
        } else if (type.equals(LOCAL)) {
            if (dir == null) {
                p.add("dir: missing; the folder for evidence is required when type is local");
            } else if (spoolDir != null && spoolDir.toAbsolutePath().normalize().equals(dir.toAbsolutePath().normalize())) {
                p.add("spoolDir: must not be the evidence folder 'dir' (" + dir + ")");
            }
        } else if (type.equals(S3)) {
            checkS3(p);
        } else {
            p.add("type: '" + type + "' is not known; use 'local' or 's3'");
        }
        checkSigning(p, writing);
        if (retentionDays < 0) {
            p.add("retentionDays: " + retentionDays + " is negative; use 0 (no object lock) or a number of days");
        }
        if (spoolMinFreeMb < 0) {
            p.add("spoolMinFreeMb: " + spoolMinFreeMb + " is negative");
        }
        if (timeoutSeconds < 1 || timeoutSeconds > 600) {
            p.add("timeoutSeconds: " + timeoutSeconds + " is outside 1..600");
        }
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            p.add("zone: '" + zone + "' is not a time zone id (e.g. Asia/Jakarta)");
        }
        return p;
    }

    private void checkS3(List<String> p) {
        if (endpoint == null) {
            p.add("endpoint: missing; the S3 URL (e.g. http://127.0.0.1:9000) is required when type is s3");
        } else if (!("http".equals(endpoint.getScheme()) || "https".equals(endpoint.getScheme()))
                || endpoint.getHost() == null) {
            p.add("endpoint: '" + endpoint + "' is not an http(s) URL with a host, e.g. http://127.0.0.1:9000");
        }
        if (bucket == null || bucket.isBlank()) {
            p.add("bucket: missing; required when type is s3");
        } else if (!BUCKET.matcher(bucket).matches()) {
            p.add("bucket: '" + bucket + "' is not a valid bucket name (3-63 lower-case letters, digits, '.', '-')");
        }
        if (accessKey == null || accessKey.isBlank()) {
            p.add("accessKey: missing; required when type is s3");
        }
        if (secretKey == null || secretKey.isBlank()) {
            p.add("secretKey: missing; required when type is s3");
        }
    }

    private void checkSigning(List<String> p, boolean writing) {
        switch (signing) {
            case ED25519 -> {
                if (writing) {
                    checkFile(p, "signingPrivateKey", signingPrivateKey, "the Ed25519 private key PEM");
                }
                checkFile(p, "signingPublicKey", signingPublicKey, "the Ed25519 public key PEM");
            }
            case HMAC_SHA256 -> checkFile(p, "hmacKeyFile", hmacKeyFile, "the base64 HMAC secret");
            default -> p.add("signing: '" + signing + "' is not known; use 'ed25519' or 'hmac-sha256'");
        }
    }

    private static void checkFile(List<String> p, String field, Path file, String what) {
        if (file == null) {
            p.add(field + ": missing; the path of " + what + " is required");
        } else if (!Files.isReadable(file)) {
            p.add(field + ": " + file + " does not exist or is not readable");
        }
    }

    @Override
    public String toString() {
        // Never print the secret key.
        return "EvidenceStoreConfig[type=" + type + ", dir=" + dir + ", endpoint=" + endpoint + ", bucket=" + bucket
                + ", accessKey=" + accessKey + ", secretKey=" + (secretKey == null ? "null" : "****") + ", region="
                + region + ", spoolDir=" + spoolDir + ", spoolMinFreeMb=" + spoolMinFreeMb + ", signing=" + signing
                + ", signingPrivateKey=" + signingPrivateKey + ", signingPublicKey=" + signingPublicKey
                + ", hmacKeyFile=" + hmacKeyFile + ", retentionDays=" + retentionDays + ", zone=" + zone
                + ", timeoutSeconds=" + timeoutSeconds + "]";
    }
}
