package id.pantau.benchmarks.pipeline;

import id.pantau.core.camera.CameraId;
import id.pantau.core.frame.VideoFrame;
import id.pantau.ingest.IngestManager;
import id.pantau.ingest.config.CameraSource;
import id.pantau.ingest.queue.FrameQueue;
import id.pantau.ingest.worker.CameraState;
import id.pantau.ingest.worker.CameraWorker;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Optional;

/**
 * Where a pipeline run's frames come from: the real ingest ({@link #ingest}), or a proposal measured beside it.
 * Each camera has a drop-oldest queue of sampled frames and a count of decoded frames.
 */
public interface CameraFeeds extends AutoCloseable {

    /** One camera's output. */
    interface Feed {
        CameraId id();

        FrameQueue<VideoFrame> queue();

        long framesDecoded();

        boolean streaming();

        /** A file camera that does not loop reached its end. */
        boolean finished();

        /** Why the camera is not streaming, if it failed. */
        Optional<String> failure();

        /** The consumer is done with a frame's pixels (the camera reuses its buffer). */
        void release(VideoFrame frame);
    }

    void start();

    List<? extends Feed> feeds();

    @Override
    void close();

    /** Makes the feeds for a run. */
    interface Factory {
        CameraFeeds create(List<CameraSource> cameras, MeterRegistry registry);

        String name();
    }

    /** The pipeline's ingest: {@link IngestManager} with one {@link CameraWorker} per camera. */
    static Factory ingest() {
        return new Factory() {
            @Override
            public CameraFeeds create(List<CameraSource> cameras, MeterRegistry registry) {
                IngestManager manager = new IngestManager(cameras, registry);
                List<Feed> feeds = manager.cameras().stream().<Feed>map(w -> new Feed() {
                    @Override
                    public CameraId id() {
                        return w.id();
                    }

                    @Override
                    public FrameQueue<VideoFrame> queue() {
                        return w.queue();
                    }

                    @Override
                    public long framesDecoded() {
                        return w.framesDecoded();
                    }

                    @Override
                    public boolean streaming() {
                        return w.state() instanceof CameraState.Streaming;
                    }

                    @Override
                    public boolean finished() {
                        return w.state() instanceof CameraState.Finished;
                    }

                    @Override
                    public Optional<String> failure() {
                        return w.state() instanceof CameraState.Down d ? Optional.of(d.reason()) : Optional.empty();
                    }

                    @Override
                    public void release(VideoFrame frame) {
                        w.release(frame);
                    }
                }).toList();
                return new CameraFeeds() {
                    @Override
                    public void start() {
                        manager.start();
                    }

                    @Override
                    public List<? extends Feed> feeds() {
                        return feeds;
                    }

                    @Override
                    public void close() {
                        manager.close();
                    }
                };
            }

            @Override
            public String name() {
                return "ingest";
            }
        };
    }
}
