package id.pantau.app;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The modules mirror the pipeline and none grows into a second monolith: every Maven module with sources holds at
 * most a fifth of the project's Java lines (main and test). Maven itself refuses dependency cycles.
 */
class ModuleLayoutTest {
    private static final Path HOME = Path.of(System.getProperty("pantau.home", ".."));

    @Test
    void noModuleHoldsMoreThanAFifthOfTheCode() throws IOException {
        Map<String, Long> lines = new TreeMap<>();
        try (Stream<Path> poms = Files.walk(HOME, 3)) {
            for (Path pom : poms.filter(p -> p.getFileName().toString().equals("pom.xml")).toList()) {
                Path src = pom.resolveSibling("src");
                if (Files.isDirectory(src) && !pom.toString().contains("/target/")) {
                    lines.put(HOME.relativize(pom.getParent()).toString(), javaLines(src));
                }
            }
        }
        long total = lines.values().stream().mapToLong(Long::longValue).sum();
        lines.forEach((m, n) -> System.out.printf("module %-24s %6d lines %5.1f %%%n", m, n, 100.0 * n / total));
        assertThat(lines).containsKeys("core", "ingest", "detect/perception", "detect/analytics", "detect/plates",
                "enforcement/evidence", "enforcement/backoffice", "app", "benchmarks");
        assertThat(lines).allSatisfy((m, n) -> assertThat(n).as("lines in %s of %d", m, total).isLessThanOrEqualTo(total / 5));
    }

    private static long javaLines(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src)) {
            List<Path> java = files.filter(p -> p.toString().endsWith(".java")).toList();
            long n = 0;
            for (Path f : java) {
                try (Stream<String> l = Files.lines(f)) {
                    n += l.count();
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            }
            return n;
        }
    }
}
