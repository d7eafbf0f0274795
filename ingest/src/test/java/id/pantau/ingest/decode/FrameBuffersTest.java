package id.pantau.ingest.decode;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;

class FrameBuffersTest {
    private static final int FRAME = 1280 * 720 * 3;

    @Test
    void aReleasedBufferCarriesTheNextFrame() {
        FrameBuffers pool = new FrameBuffers(2);
        ByteBuffer a = pool.take(FRAME);
        assertThat(a.isDirect()).isTrue();
        assertThat(a.remaining()).isEqualTo(FRAME);
        assertThat(pool.give(a)).isTrue();
        ByteBuffer b = pool.take(FRAME);
        assertThat(b).isSameAs(a);
        assertThat(pool.allocated()).isEqualTo(1);
        assertThat(pool.outstanding()).isEqualTo(1);
    }

    @Test
    void aDoubleOrForeignReleaseNeverHandsOneBufferToTwoFrames() {
        FrameBuffers pool = new FrameBuffers(4);
        ByteBuffer a = pool.take(FRAME);
        assertThat(pool.give(a)).isTrue();
        assertThat(pool.give(a)).as("second release of the same buffer").isFalse();
        assertThat(pool.give(ByteBuffer.allocate(FRAME))).as("a heap frame's buffer").isFalse();
        assertThat(pool.give(ByteBuffer.allocateDirect(FRAME))).as("an equal-content buffer not from the pool")
                .isFalse();
        ByteBuffer first = pool.take(FRAME);
        ByteBuffer second = pool.take(FRAME);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void aNewResolutionGetsNewBuffersAndTheOldSizeIsDropped() {
        FrameBuffers pool = new FrameBuffers(4);
        pool.give(pool.take(FRAME));
        ByteBuffer small = pool.take(960 * 540 * 3);
        assertThat(small.capacity()).isEqualTo(960 * 540 * 3);
        assertThat(pool.allocated()).isEqualTo(2);
        pool.give(small);
        assertThat(pool.take(960 * 540 * 3)).isSameAs(small);
    }

    @Test
    void frameNeverReleasedAreForgottenNotHeldForEver() {
        FrameBuffers pool = new FrameBuffers(1); // remembers at most 4 * 1 + 8 = 12 outstanding
        ByteBuffer oldest = pool.take(64);
        for (int i = 0; i < 20; i++) {
            pool.take(64);
        }
        assertThat(pool.outstanding()).isEqualTo(12);
        assertThat(pool.give(oldest)).as("forgotten, so left to the garbage collector").isFalse();
        assertThat(pool.allocated()).isEqualTo(21);
    }
}
