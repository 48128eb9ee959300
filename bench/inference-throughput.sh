#!/usr/bin/env bash
# Serving throughput on one ONNX file, on the running local stack (./ocellus up): inference-service against
# onnxruntime-node running the file directly (installed into bench/ort-node when missing), and dynamic batching
# against a second inference-service with max-batch=1.
# Usage: bench/inference-throughput.sh [--architecture lenet] [--batch 64] [--clients 64] [--seconds 10] [--state-dir DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
if [[ ! -d bench/ort-node/node_modules/onnxruntime-node ]]; then
  echo "bench: installing onnxruntime-node (CPU build) ..." >&2
  (cd bench/ort-node && ONNXRUNTIME_NODE_INSTALL=skip npm install --no-audit --no-fund --silent)
fi
exec java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.InferenceThroughputBenchmark "$@"
