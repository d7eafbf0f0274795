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
    private final Path dataDir;
    private S3Proxy proxy;
    private int port;

    private S3TestServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    static S3TestServer start(Path dataDir) throws Exception {
        S3TestServer s = new S3TestServer(dataDir);
        s.startOn(0);
        return s;
    }

    private void startOn(int wantedPort) throws Exception {
        Files.createDirectories(dataDir);
        Properties p = new Properties();
        p.setProperty("jclouds.filesystem.basedir", dataDir.toString());
        p.setProperty("jclouds.identity", "unused");
        p.setProperty("jclouds.credential", "unused");
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", p))
                .endpoint(URI.create("http://127.0.0.1:" + wantedPort))
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
        port = proxy.getPort();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** An outage: connections are refused until {@link #restart()}; the data stays. */
    void stop() throws Exception {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (java.util.concurrent.TimeoutException e) {
                // kept-alive client connections were closed after the stop timeout
            }
            proxy = null;
        }
    }

    /** Back on the same port with the same data. */
    void restart() throws Exception {
        stop();
        startOn(port);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
