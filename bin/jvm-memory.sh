#!/usr/bin/env bash
# JVM memory limits from the number of cameras a node runs, shared by the ./pantau launcher and the Docker image.
#
# Why: the JVM's default heap is a quarter of the machine (and its direct-memory limit as much again), whatever
# the node runs; on a 16 GB edge box that lets a 6-camera node grow to 8 GB before it collects, and the RSS figures
# mean nothing. What a camera needs (issue #18, benchmarks/README.md):
#   heap:   its evidence ring (JPEG bytes, default 30 s x 5 fps of 720p q85, about 15 MB; ring_max_mb bounds it),
#           tracks and analytics state: 32 MB a camera over a 384 MB base (console, Kafka client, detector objects)
#   direct: its analysis frames (queue_capacity + 2 BGR frames of 2.8 MB at 720p): 20 MB a camera over 96 MB
# Native memory (FFmpeg decoders, ONNX Runtime, OpenCV) is outside both; MALLOC_ARENA_MAX keeps glibc from giving
# every camera thread an arena of its own.
#
# Usage: source it, then: pantau_jvm_memory_opts CAMERAS  -> prints the flags
#        pantau_count_cameras ARGS...                     -> cameras of the command line (camera list, --cameras N)

pantau_jvm_memory_opts() {
  local n="${1:-8}"
  [ "$n" -ge 1 ] 2>/dev/null || n=8
  local heap=$((384 + 32 * n)) direct=$((96 + 20 * n))
  echo "-Xmx${heap}m -XX:MaxDirectMemorySize=${direct}m"
}

# Cameras in a camera list file: one "- id:" (or "id:" as the first key of an entry) per camera.
pantau_cameras_in_list() {
  [ -f "$1" ] || return 1
  grep -cE '^[[:space:]]*-[[:space:]]+id:' "$1"
}

pantau_count_cameras() {
  local prev="" cfg="" list="" n=""
  for a in "$@"; do
    case "$prev" in
      --cameras) case "$a" in ''|*[!0-9]*) list="$a" ;; *) n="$a" ;; esac ;;
      --config) cfg="$a" ;;
    esac
    case "$a" in
      --cameras=*) v="${a#--cameras=}"; case "$v" in ''|*[!0-9]*) list="$v" ;; *) n="$v" ;; esac ;;
      --config=*) cfg="${a#--config=}" ;;
    esac
    prev="$a"
  done
  if [ -n "$n" ]; then echo "$n"; return 0; fi
  if [ -z "$list" ] && [ -n "$cfg" ] && [ -f "$cfg" ]; then
    # the node file names its camera list: "cameras: PATH", relative to the node file's folder
    list="$(sed -n 's/^cameras:[[:space:]]*//p' "$cfg" | head -1 | tr -d "\"'")"
    [ -n "$list" ] && [ "${list#/}" = "$list" ] && list="$(dirname "$cfg")/$list"
  fi
  if [ -n "$list" ] && c="$(pantau_cameras_in_list "$list")" && [ "$c" -gt 0 ]; then echo "$c"; return 0; fi
  echo "${PANTAU_CAMERAS:-8}"
}
