#!/usr/bin/env bash
# Test accuracy of Ocellus' training on the real data sets against the goals: LeNet on a 2,000-digit MNIST hold-out
# (>= 98%), MiniVGGNet on the Fashion-MNIST test split (>= 93.5%; 60 epochs, 55 min on 2 cores, minutes on a GPU).
# Usage: bench/accuracy.sh [--task mnist-lenet|fashion-minivggnet|all] [--epochs E] [--threads T]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -Xmx3g -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.AccuracyBenchmark "$@"
