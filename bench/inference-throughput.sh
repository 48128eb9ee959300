#!/usr/bin/env bash
# Serving throughput on one ONNX file, on the running local stack (./ocellus up): inference-service against
# onnxruntime-node running the file directly (installed into bench/ort-node when missing), and dynamic batching
# against a second inference-service with max-batch=1.
# The load comes from wrk (Debian, installed when missing), so that the client takes little of the CPU.
# Usage: bench/inference-throughput.sh [--architecture alexnet] [--batch 64] [--clients 64] [--seconds 10] [--rounds 3] [--warm-up 15]
#        [--state-dir DIR]
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
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (the HTTP load generator) from Debian ..." >&2
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk
fi
exec java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.InferenceThroughputBenchmark "$@"
