#!/usr/bin/env bash
# Ingest throughput against a direct S3 put of the same files and against the floor of an upload (that put and one
# Kafka event acknowledged with acks=all), on the running local stack (./ocellus up).
# Usage: bench/ingest-throughput.sh [--files N] [--clients M] [--size PX] [--rounds R] [--state-dir DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.IngestThroughputBenchmark "$@"
