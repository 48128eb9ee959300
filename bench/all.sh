#!/usr/bin/env bash
# Every side-by-side benchmark in one run, each peer measured in the same run, and one table of ratios:
# bench/results/latest.json and latest.md, and the "Latest run" section of bench/README.md.
#
# Without a stack: NMS (torchvision, OpenCV), training (PyTorch), dense detection (window by window), accuracy
# (against its goal). Then on a local stack of its own (./ocellus up, stopped at the end): ingest (S3 put, and
# S3 put + an acknowledged event), inference (onnxruntime-node, ONNX Runtime's own batching gain) and pipeline
# latency (REST for the backlog). Each script installs its peer when it is missing.
#
# Usage: bench/all.sh [--quick]     --quick: smaller sizes and shorter runs, about 15 minutes on 2 cores
set -uo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
MODE=full
if [[ "${1:-}" == "--quick" ]]; then MODE=quick; elif [[ -n "${1:-}" ]]; then
  echo "usage: bench/all.sh [--quick]" >&2; exit 2
fi
quick() { [[ $MODE == quick ]]; }

RESULTS=bench/results
RUNS=$(mktemp -d)
STATE=$(mktemp -d)
LOGS=$RESULTS/logs
mkdir -p "$LOGS"
rm -f "$LOGS"/*.log
FAILED=()
STARTED=$(date +%s)
stack_up=0
cleanup() {
  if [[ $stack_up == 1 ]]; then ./ocellus down --state-dir "$STATE" >/dev/null 2>&1 || true; fi
  rm -rf "$RUNS"
}
trap cleanup EXIT

echo "bench/all.sh: $MODE run; logs in $LOGS" >&2
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests install -pl bench -am >&2 || { echo "bench: the build failed" >&2; exit 1; }
fi

# run NAME SCRIPT ARGS...: one benchmark, its result file in $RUNS and its output in the logs
run() {
  local name=$1; shift
  local began=$(date +%s)
  echo "== $name: $*" >&2
  if OCELLUS_BENCH_RESULT="$RUNS/$name.json" "$@" > "$LOGS/$name.log" 2>&1 && [[ -s "$RUNS/$name.json" ]]; then
    echo "   done in $(( $(date +%s) - began )) s" >&2
  else
    echo "   FAILED after $(( $(date +%s) - began )) s; the end of its log:" >&2
    tail -5 "$LOGS/$name.log" >&2
    FAILED+=("$name (see $LOGS/$name.log)")
  fi
}

if quick; then
  run nms bench/nms.sh --rounds 3
  run training-throughput bench/training-throughput.sh --images 1024 --epochs 2
  run dense-detection-lenet bench/dense-detection.sh --rounds 1
  run dense-detection-minivggnet bench/dense-detection.sh --architecture minivggnet --window 28 --rounds 1
  run accuracy bench/accuracy.sh --task mnist-lenet --epochs 8
else
  run nms bench/nms.sh
  run training-throughput bench/training-throughput.sh
  run dense-detection-lenet bench/dense-detection.sh
  run dense-detection-minivggnet bench/dense-detection.sh --architecture minivggnet --window 28
  run accuracy bench/accuracy.sh --task all
fi

# pipeline latency before inference: every image uploaded with tasks=classify is classified by every served
# model, so the stream must run while its own model is the only one served
echo "== starting a local stack of the suite's own in $STATE" >&2
if ./ocellus up --state-dir "$STATE" > "$LOGS/stack.log" 2>&1; then
  stack_up=1
  if quick; then
    run ingest-throughput bench/ingest-throughput.sh --state-dir "$STATE" --files 1000 --rounds 2
    run stream-latency bench/stream-latency.sh --state-dir "$STATE" --seconds 5 --backlog 2000 --rest-seconds 5
    run inference-throughput bench/inference-throughput.sh --state-dir "$STATE" --seconds 5 --rounds 2 \
      --warm-up 40
  else
    run ingest-throughput bench/ingest-throughput.sh --state-dir "$STATE"
    run stream-latency bench/stream-latency.sh --state-dir "$STATE"
    run inference-throughput bench/inference-throughput.sh --state-dir "$STATE"
  fi
  ./ocellus down --state-dir "$STATE" >> "$LOGS/stack.log" 2>&1 || true
  stack_up=0
else
  echo "   the stack did not start; the end of its log:" >&2
  tail -5 "$LOGS/stack.log" >&2
  FAILED+=("ingest-throughput, inference-throughput, stream-latency (the stack did not start: $LOGS/stack.log)")
fi

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" pom.xml | head -1; }
version() { local v; v=$("$@" 2>/dev/null | head -1) && [[ -n "$v" ]] && echo "$v" || echo "absent"; }
ARGS=(--runs "$RUNS" --out "$RESULTS" --readme bench/README.md --mode "$MODE"
  --minutes "$(awk "BEGIN { print ($(date +%s) - $STARTED) / 60 }")"
  --version "Ocellus=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
  --version "Java=$(java -version 2>&1 | head -1 | sed 's/.*version "\(.*\)".*/\1/')"
  --version "DJL=$(pom_property djl.version)" --version "libtorch (DJL)=$(pom_property pytorch.version)"
  --version "ONNX Runtime (Java)=$(pom_property onnxruntime.version)"
  --version "PyTorch (Python)=$(version /usr/bin/python3 -c 'import torch; print(torch.__version__)')"
  --version "torchvision=$(version /usr/bin/python3 -c 'import torchvision; print(torchvision.__version__)')"
  --version "OpenCV=$(version /usr/bin/python3 -c 'import cv2; print(cv2.__version__)')"
  --version "onnxruntime-node=$(version node -p 'require("./bench/ort-node/node_modules/onnxruntime-node/package.json").version')")
for failure in "${FAILED[@]}"; do ARGS+=(--failed "$failure"); done
java -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.BenchReport "${ARGS[@]}"
[[ ${#FAILED[@]} -eq 0 ]]
