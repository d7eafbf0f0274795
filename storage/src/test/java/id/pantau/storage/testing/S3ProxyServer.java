package id.pantau.storage.testing;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;

/**
 * A real S3 server for tests: S3Proxy 4.1 in this JVM, filesystem backend in a folder, bound to 127.0.0.1 on a
 * free port, with AWS v2/v4 authentication. It can be stopped and started again on the same port with the
 * same data, to test outages. S3Proxy supports no versioning or object lock.
 */
public final class S3ProxyServer implements AutoCloseable {
    public static final String ACCESS_KEY = "pantau-test";
    public static final String SECRET_KEY = "pantau-test-secret-key";

    private final Path dataDir;
    private int port;
    private S3Proxy proxy;

    private S3ProxyServer(Path dataDir) {
        this.dataDir = dataDir;
    }

    public static S3ProxyServer start(Path dataDir) throws Exception {
        S3ProxyServer s = new S3ProxyServer(dataDir);
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
                // Clients keep connections alive; don't wait the idle timeout out on stop.
                .stopTimeout(100)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("S3Proxy did not start within 10 s, state " + proxy.getState());
            }
            Thread.sleep(5);
        }
        port = proxy.getPort();
    }

    /** Stops serving (connections are refused from now on); the data stays in the folder. */
    public void stop() throws Exception {
        if (proxy != null) {
            try {
                proxy.stop();
            } catch (java.util.concurrent.TimeoutException e) {
                // Jetty gave up waiting for kept-alive client connections to finish, then closed them anyway.
            }
            proxy = null;
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                throw new IllegalStateException("S3Proxy still accepts connections on port " + port + " after stop");
            } catch (java.io.IOException expected) {
                // refused: stopped
            }
        }
    }

    /** Starts again on the same port with the same data, as after a server restart. */
    public void restart() throws Exception {
        stop();
        startOn(port);
    }

    public boolean running() {
        return proxy != null;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
