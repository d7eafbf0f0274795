package id.pantau.app;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A node ships what it runs: the benchmarks (JMH, the bench fixtures) live in their own module and launcher entry. */
class NodeClassPathTest {

    @Test
    void benchmarksAndJmhAreNotOnTheNodesClassPath() {
        assertThatThrownBy(() -> Class.forName("org.openjdk.jmh.runner.Runner"))
                .isInstanceOf(ClassNotFoundException.class);
        assertThatThrownBy(() -> Class.forName("id.pantau.benchmarks.BenchCommand"))
                .isInstanceOf(ClassNotFoundException.class);
    }
}
