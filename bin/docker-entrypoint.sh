#!/usr/bin/env bash
# The image's entry: JVM memory limits from the cameras this node runs (bin/jvm-memory.sh), then the node.
set -euo pipefail
. /opt/pantau/bin/jvm-memory.sh
# shellcheck disable=SC2046
exec java -Dai.djl.offline=true -DOPT_OUT_TRACKING=true -XX:+UseParallelGC \
  $(pantau_jvm_memory_opts "$(pantau_count_cameras "$@")") ${PANTAU_JVM_OPTS:-} \
  -Dorg.bytedeco.javacpp.cachedir=/var/lib/pantau/javacpp -cp "/opt/pantau/classes:/opt/pantau/lib/*" \
  id.pantau.app.Main "$@"
