package id.pantau.storage.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Makes a real folder refuse new files. File modes are enough for a normal user; root ignores them, so as root
 * the folder is made immutable with chattr (ext4 and most Linux file systems), the way an operator's mistake
 * or a remounted disk would look to the process.
 */
public final class ReadOnlyFolder implements AutoCloseable {
    private final Path dir;
    private boolean immutable;

    private ReadOnlyFolder(Path dir) {
        this.dir = dir;
    }

    public static ReadOnlyFolder of(Path dir) throws Exception {
        Files.createDirectories(dir);
        ReadOnlyFolder f = new ReadOnlyFolder(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (f.canCreateFile()) {
            f.immutable = run("chattr", "+i", dir.toString());
            Assumptions.assumeTrue(f.immutable && !f.canCreateFile(),
                    "cannot make a read-only folder here (running as root without chattr)");
        }
        return f;
    }

    private boolean canCreateFile() {
        try {
            Files.delete(Files.createTempFile(dir, "probe", ".tmp"));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean run(String... cmd) throws Exception {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws Exception {
        if (immutable) {
            run("chattr", "-i", dir.toString());
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
