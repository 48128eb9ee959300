#!/usr/bin/env bash
# The detector's dense search against its sliding-window search on one 1024x768 scene of MNIST digits:
# same net, settings and threads; the ratio and whether the detections are identical.
# Usage: bench/dense-detection.sh [--width 1024] [--height 768] [--step 4] [--scale 1.5] [--threads 1] [--rounds 3]
#        [--model-file model.onnx | --head global-average|dense --window 32|28] [--min-score S]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.DenseDetectionBenchmark "$@"
