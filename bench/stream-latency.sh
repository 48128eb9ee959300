#!/usr/bin/env bash
# The event path against the REST path on the running local stack (./ocellus up): open-loop uploads with
# tasks=classify at fixed rates, timed from upload to classification; the Kafka path's sustained rate on a backlog;
# and inference-service classifying the same PNGs as multipart batches over REST (load from wrk, installed from
# Debian when missing).
# Usage: bench/stream-latency.sh [--rates 50,100,200] [--seconds 10] [--backlog 5000] [--batch 64] [--state-dir DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (the HTTP load generator) from Debian ..." >&2
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends wrk
fi
exec java -Xmx1g -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.StreamLatencyBenchmark "$@"
