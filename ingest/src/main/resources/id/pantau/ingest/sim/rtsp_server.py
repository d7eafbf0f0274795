#!/usr/bin/python3
"""Pantau's local RTSP simulator: serves H.264 MP4 files over RTSP on 127.0.0.1 with GStreamer.

Each file is demuxed ONCE into memory (qtdemux -> h264parse -> appsink) and replayed forever through
appsrc -> h264parse -> rtph264pay, adding n * clip_duration to PTS/DTS on the n-th loop. This gives a seamless
loop without re-encoding; multifilesrc looping loses PTS and breaks B-frame clips (see shared/RECIPES.md 1a).
Each replayed access unit is a fresh buffer holding only the bytes, timestamps and the delta-unit flag: copies
of the demuxer's buffers carried its flags and offsets into every loop, and at a wrap clients lost frames up to
the next IDR (a whole loop of a clip with one IDR; 447 of 600 frames in 20 s with plain ffmpeg clients).
The factory is not shared: every client gets its own pipeline starting at the clip's IDR frame.

Usage: rtsp_server.py --port P [--bind 127.0.0.1] --mount /cam1=/path/a.mp4 [--mount /cam2=/path/b.mp4 ...]
Prints "READY <port>" on stdout when the server is listening; errors go to stderr with exit status 2.
"""
import argparse
import sys

try:
    import gi
    gi.require_version("Gst", "1.0")
    gi.require_version("GstRtspServer", "1.0")
    from gi.repository import GLib, Gst, GstRtspServer
except (ImportError, ValueError) as e:
    sys.stderr.write("MISSING-GSTREAMER: %s\n" % e)
    sys.exit(3)


class Clip:
    """The access units of one file's video track, held in memory, plus the caps to replay them."""

    class Unit:
        """One access unit: its bytes and what a replay needs of its timing."""

        def __init__(self, buffer):
            ok, info = buffer.map(Gst.MapFlags.READ)
            if not ok:
                raise RuntimeError("cannot read a demuxed buffer")
            self.data = bytes(info.data)
            buffer.unmap(info)
            self.pts = buffer.pts
            self.dts = buffer.dts
            self.duration = buffer.duration
            self.delta = buffer.has_flags(Gst.BufferFlags.DELTA_UNIT)

        def replay(self, offset):
            buf = Gst.Buffer.new_wrapped(self.data)
            if self.pts != Gst.CLOCK_TIME_NONE:
                buf.pts = self.pts + offset
            if self.dts != Gst.CLOCK_TIME_NONE:
                buf.dts = self.dts + offset
            buf.duration = self.duration
            if self.delta:
                buf.set_flags(Gst.BufferFlags.DELTA_UNIT)
            return buf

    def __init__(self, path):
        pipeline = Gst.parse_launch(
            'filesrc name=src ! qtdemux name=d d.video_0 ! queue ! h264parse config-interval=-1 ! '
            'video/x-h264,stream-format=byte-stream,alignment=au ! appsink name=sink sync=false')
        pipeline.get_by_name("src").set_property("location", path)
        sink = pipeline.get_by_name("sink")
        pipeline.set_state(Gst.State.PLAYING)
        self.buffers = []
        self.caps = None
        while True:
            sample = sink.emit("pull-sample")
            if sample is None:
                break
            if self.caps is None:
                self.caps = sample.get_caps()
            self.buffers.append(Clip.Unit(sample.get_buffer()))
        bus = pipeline.get_bus()
        err = bus.pop_filtered(Gst.MessageType.ERROR)
        pipeline.set_state(Gst.State.NULL)
        if not self.buffers:
            detail = err.parse_error()[0].message if err else "no H.264 video track"
            raise RuntimeError("cannot read %s: %s" % (path, detail))
        last = self.buffers[-1]
        frame = last.duration if last.duration != Gst.CLOCK_TIME_NONE else Gst.SECOND // 25
        self.duration = max(b.pts for b in self.buffers if b.pts != Gst.CLOCK_TIME_NONE) + frame


class LoopingFactory(GstRtspServer.RTSPMediaFactory):
    def __init__(self, clip):
        super().__init__()
        self.clip = clip
        self.set_launch('( appsrc name=src is-live=false format=time ! h264parse ! '
                        'rtph264pay name=pay0 pt=96 config-interval=1 )')
        self.set_shared(False)
        self.connect("media-configure", self._configure)

    def _configure(self, factory, media):
        src = media.get_element().get_child_by_name("src")
        src.set_property("caps", self.clip.caps)
        state = {"i": 0}
        src.connect("need-data", self._feed, state)

    def _feed(self, src, length, state):
        clip = self.clip
        for _ in range(8):
            n, k = divmod(state["i"], len(clip.buffers))
            buf = clip.buffers[k].replay(n * clip.duration)
            state["i"] += 1
            if src.emit("push-buffer", buf) != Gst.FlowReturn.OK:
                return


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--mount", action="append", required=True)
    args = parser.parse_args()
    Gst.init(None)
    server = GstRtspServer.RTSPServer()
    server.set_address(args.bind)
    server.set_service(str(args.port))
    mounts = server.get_mount_points()
    for spec in args.mount:
        path, _, location = spec.partition("=")
        try:
            clip = Clip(location)
        except Exception as e:  # noqa: BLE001 - reported to the Java side as one line
            sys.stderr.write("BAD-FILE: %s\n" % e)
            sys.exit(2)
        mounts.add_factory(path if path.startswith("/") else "/" + path, LoopingFactory(clip))
    if server.attach(None) == 0:
        sys.stderr.write("BIND-FAILED: cannot listen on %s:%d\n" % (args.bind, args.port))
        sys.exit(2)
    print("READY %d" % server.get_bound_port(), flush=True)
    GLib.MainLoop().run()


if __name__ == "__main__":
    main()
