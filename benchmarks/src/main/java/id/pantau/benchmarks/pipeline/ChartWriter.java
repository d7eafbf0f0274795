package id.pantau.benchmarks.pipeline;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Throughput and latency against the number of cameras, as a PNG beside the JSON, for people who would rather look. */
public final class ChartWriter {
    private ChartWriter() {
    }

    public static Path write(List<BenchReport.SweepPoint> sweep, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] n = sweep.stream().mapToDouble(BenchReport.SweepPoint::cameras).toArray();
        XYChart throughput = new XYChartBuilder().width(900).height(420)
                .title("Analysed frames per second vs cameras").xAxisTitle("cameras").yAxisTitle("frames/s").build();
        throughput.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        throughput.addSeries("analysed", n, sweep.stream().mapToDouble(BenchReport.SweepPoint::analysedFps).toArray());
        throughput.addSeries("target", n, sweep.stream().mapToDouble(BenchReport.SweepPoint::targetFps).toArray());
        XYChart latency = new XYChartBuilder().width(900).height(420)
                .title("Frame-to-event latency vs cameras").xAxisTitle("cameras").yAxisTitle("ms").build();
        latency.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        latency.addSeries("p50", n, sweep.stream().mapToDouble(p -> p.latencyMs().p50()).toArray());
        latency.addSeries("p95", n, sweep.stream().mapToDouble(p -> p.latencyMs().p95()).toArray());
        latency.addSeries("p99", n, sweep.stream().mapToDouble(p -> p.latencyMs().p99()).toArray());
        String base = png.toString().replaceFirst("\\.png$", "");
        BitmapEncoder.saveBitmap(List.of(throughput, latency), 2, 1, base, BitmapEncoder.BitmapFormat.PNG);
        return Path.of(base + ".png");
    }
}
