package id.pantau.benchmarks.jmh;

import id.pantau.benchmarks.pipeline.SampleEvents;
import id.pantau.core.event.EventCodec;
import id.pantau.core.event.PipelineEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** JSON encoding of one pipeline event with the codec the publisher uses. */
@State(Scope.Thread)
public class JsonEncodingBenchmark {
    final EventCodec codec = new EventCodec();
    final PipelineEvent event = SampleEvents.lineCrossing();

    @Benchmark
    public byte[] encodeLineCrossing() {
        return codec.encode(event);
    }
}
