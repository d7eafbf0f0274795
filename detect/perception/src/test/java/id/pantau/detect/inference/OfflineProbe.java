package id.pantau.detect.inference;

import id.pantau.detect.runtime.DjlRuntime;

import id.pantau.core.camera.CameraId;
import id.pantau.detect.SharedData;
import id.pantau.detect.io.ImageFiles;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketImpl;
import java.net.URI;
import java.util.List;

/**
 * Run in a fresh JVM by {@link DjlOfflineTest}. Records, and refuses before any packet is sent, every network
 * attempt Java code makes: a ProxySelector sees URL connections that consult proxies, and a SocketImplFactory sees
 * every plain {@link Socket} connect (DJL's telemetry opens its HttpURLConnection with Proxy.NO_PROXY, which skips
 * the ProxySelector but still creates a Socket through the factory).
 * Mode "pantau": the detector as Pantau opens it and one real detection.
 * Mode "bare-engine": DJL's engine with no offline switch at all: the control showing the recorder sees telemetry.
 */
public final class OfflineProbe {
    // setSocketImplFactory is deprecated, but it is the one hook that sees a Java socket connect before it happens
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws IOException {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                report("URI " + uri);
                throw new IllegalArgumentException("network blocked by OfflineProbe: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
            }
        });
        Socket.setSocketImplFactory(RefusingSocket::new);
        if ("pantau".equals(args[0])) {
            try (OnnxDetector d = OnnxDetector.open(SharedData.yoloxNanoSpec(), DetectorSettings.singleStream(1))) {
                var frame = ImageFiles.read(SharedData.data(args[1]), CameraId.of("probe"), 0);
                report("DETECTIONS " + d.detect(frame).size());
                report("OFFLINE " + ai.djl.util.Utils.isOfflineMode() + " " + DjlRuntime.isOffline());
            }
        } else {
            // deliberately bypasses DjlRuntime (which would set the switches); a big stack, as DjlRuntime does
            Thread t = new Thread(null, () -> ai.djl.engine.Engine.getEngine(DjlRuntime.ENGINE), "init", 16 << 20);
            t.start();
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        report("DONE");
    }

    private static synchronized void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** A socket that records where it was asked to connect and refuses. */
    private static final class RefusingSocket extends SocketImpl {
        @Override
        protected void create(boolean stream) {
        }

        @Override
        protected void connect(String host, int port) throws IOException {
            refuse(host + ":" + port);
        }

        @Override
        protected void connect(InetAddress address, int port) throws IOException {
            refuse(address.getHostAddress() + ":" + port);
        }

        @Override
        protected void connect(SocketAddress address, int timeout) throws IOException {
            refuse(String.valueOf(address));
        }

        private static void refuse(String where) throws IOException {
            report("SOCKET " + where);
            throw new ConnectException("network blocked by OfflineProbe: " + where);
        }

        @Override
        protected void bind(InetAddress host, int port) throws IOException {
            throw new IOException("blocked");
        }

        @Override
        protected void listen(int backlog) throws IOException {
            throw new IOException("blocked");
        }

        @Override
        protected void accept(SocketImpl s) throws IOException {
            throw new IOException("blocked");
        }

        @Override
        protected InputStream getInputStream() throws IOException {
            throw new IOException("blocked");
        }

        @Override
        protected OutputStream getOutputStream() throws IOException {
            throw new IOException("blocked");
        }

        @Override
        protected int available() {
            return 0;
        }

        @Override
        protected void close() {
        }

        @Override
        protected void sendUrgentData(int data) throws IOException {
            throw new IOException("blocked");
        }

        @Override
        public void setOption(int optID, Object value) {
        }

        @Override
        public Object getOption(int optID) {
            return null;
        }
    }
}
