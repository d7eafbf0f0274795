package id.pantau.storage.s3;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to reach the S3 bucket. {@code retentionDays} > 0 asks for COMPLIANCE-mode object lock on every
 * object where the server supports it; {@code timeout} bounds connect, read and write of each request so a hung
 * server turns into an error (and a spooled package) instead of a stuck camera thread.
 */
public record S3Settings(URI endpoint, String bucket, String accessKey, String secretKey, String region,
                         int retentionDays, Duration timeout) {
    public S3Settings {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(bucket, "bucket");
        region = region == null || region.isBlank() ? "us-east-1" : region;
        timeout = timeout == null ? Duration.ofSeconds(10) : timeout;
    }

    @Override
    public String toString() {
        // Never print the secret key.
        return "S3Settings[endpoint=" + endpoint + ", bucket=" + bucket + ", accessKey=" + accessKey + ", region="
                + region + ", retentionDays=" + retentionDays + ", timeout=" + timeout + "]";
    }
}
