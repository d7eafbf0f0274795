package id.pantau.enforcement.evidence;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A real S3 server for these tests: S3Proxy 4.1 in the JVM, filesystem backend, 127.0.0.1, free port, AWS v4
 * authentication. The same setup as the storage module's harness (test classes are not shared across modules).
 */
final class S3TestServer implements AutoCloseable {
    static final String ACCESS_KEY = "pantau-test";
    static final String SECRET_KEY = "pantau-test-secret-key";
    private final S3Proxy proxy;

    private S3TestServer(S3Proxy proxy) {
        this.proxy = proxy;
    }

    static S3TestServer start(Path dataDir) throws Exception {
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        p.setProperty("jclouds.identity", "unused");
        p.setProperty("jclouds.credential", "unused");
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", p))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .stopTimeout(100)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 10 s: " + proxy.getState());
            }
            Thread.sleep(5);
        }
        return new S3TestServer(proxy);
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    @Override
    public void close() throws Exception {
        try {
            proxy.stop();
        } catch (java.util.concurrent.TimeoutException e) {
            // kept-alive client connections were closed after the stop timeout
        }
    }
}
