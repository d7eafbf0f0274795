#!/usr/bin/env bash
# One command, < 5 min, on a machine with an NVIDIA GPU (driver + CUDA 12 / cuDNN 9 libraries that ONNX Runtime's
# GPU build loads), a JDK 21+, Maven and the shared models/data next to the checkout (../shared). Not runnable on
# the 2-core development machine (no GPU, no onnxruntime_gpu in its offline Maven repository): see
# benchmarks/README.md, "Figures that need a GPU".
#
#   benchmarks/gpu-check.sh [OUT_DIR]        (default benchmarks/target/gpu-check)
#
# 1. builds with -Pgpu (onnxruntime_gpu instead of the CPU artifact) and checks that the CUDA provider starts;
# 2. runs the detector tests on provider cuda: the dense-frame table for every profile, YOLOv8s with geometry
#    tiles included (DenseFrameRecallTest -Ddense.heavy=true -Ddense.provider=cuda), and batched detection
#    (BatchedDetectionTest: a batch equals one-by-one);
# 3. times `pantau detect --camera` on the 64 s Hanoi clip with YOLOv8s + geometry tiles on cuda, and with
#    yolox_nano whole-frame on cuda: analysed frames per second, hence cameras held at 6 fps per profile;
# 4. writes everything under OUT_DIR and prints a summary.
# Each step has its own time limit; a missing piece (no nvidia-smi, no CUDA libraries) stops with the reason.
set -euo pipefail
HERE="$(cd "$(dirname "$0")/.." && pwd)"
OUT="${1:-$HERE/benchmarks/target/gpu-check}"
mkdir -p "$OUT"
cd "$HERE"
log() { printf '[gpu-check %s] %s\n' "$(date -u +%H:%M:%S)" "$*" | tee -a "$OUT/summary.txt"; }
: > "$OUT/summary.txt"

command -v nvidia-smi >/dev/null || { log "FAIL: nvidia-smi not found: no NVIDIA driver on this machine"; exit 2; }
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
command -v mvn >/dev/null || { log "FAIL: mvn not found"; exit 2; }
java -version 2>&1 | head -1 | tee -a "$OUT/summary.txt"

log "1/4 build with -Pgpu (onnxruntime_gpu)"
timeout 150 mvn -B -q -Pgpu -DskipTests package > "$OUT/build.log" 2>&1 \
  || { log "FAIL: -Pgpu build (see $OUT/build.log; offline machines need onnxruntime_gpu in ~/.m2)"; exit 3; }
ls app/target/lib | grep -q onnxruntime_gpu \
  || { log "FAIL: app/target/lib has no onnxruntime_gpu jar: the gpu profile did not apply"; exit 3; }

log "2/4 detector tests on cuda (dense-frame table incl. YOLOv8s + geometry tiles; batched detection)"
timeout 150 mvn -B -q -o -Pgpu -pl detect/perception -am -Dsurefire.failIfNoSpecifiedTests=false \
  -Dtest='DenseFrameRecallTest,BatchedDetectionTest' -Ddense.heavy=true -Ddense.provider=cuda test \
  > "$OUT/tests.log" 2>&1 && log "tests passed" || log "tests FAILED (see $OUT/tests.log)"
grep -E '^\| ' "$OUT/tests.log" > "$OUT/dense-table.md" || true
grep -q "provider CUDA" "$OUT/tests.log" && log "CUDA provider was used" \
  || log "WARNING: no 'provider CUDA' in the detector log: check $OUT/tests.log"

CLIP="$HERE/../shared/data/videos/hanoi_cctv_lythuongkiet-hangbai_intersection_64s.mp4"
CAM_SRC="$HERE/detect/perception/src/test/resources/cameras/hanoi-dense.json"
for profile in yolox_nano:none yolov8s:geometry; do
  model="${profile%%:*}"; tiles="${profile##*:}"
  cam="$OUT/camera-$model-$tiles.json"
  python3 - "$CAM_SRC" "$cam" "$model" "$tiles" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
c["detector"] = {"model": sys.argv[3], "tiles": sys.argv[4], "provider": "cuda"}
if sys.argv[3].startswith("yolov8"):
    c["detector"]["accept_licence"] = "AGPL-3.0"
json.dump(c, open(sys.argv[2], "w"), indent=1)
PY
  log "3/4 pantau detect --camera ($model, tiles $tiles, cuda) on the Hanoi clip (384 frames)"
  start=$(python3 -c "import time; print(time.time())")
  if timeout 120 ./pantau detect --camera "$cam" --input "$CLIP" --out "$OUT/detect-$model-$tiles.jsonl" \
      > "$OUT/detect-$model-$tiles.log" 2>&1; then
    end=$(python3 -c "import time; print(time.time())")
    frames=$(wc -l < "$OUT/detect-$model-$tiles.jsonl")
    python3 -c "import sys; f=int(sys.argv[1]); s=float(sys.argv[2]); print(f'{sys.argv[3]}: {f} frames in {s:.1f} s (JVM start and model load included) = {f/s:.1f} analysed fps = {f/s/6:.1f} cameras at 6 fps')" \
      "$frames" "$(python3 -c "print($end - $start)")" "$model/$tiles" | tee -a "$OUT/summary.txt"
  else
    log "FAIL: pantau detect $model/$tiles (see $OUT/detect-$model-$tiles.log)"
  fi
done

log "4/4 done: $OUT/summary.txt, dense-table.md, tests.log"
