#!/usr/bin/env bash
# Training images/s of LeNet and MiniVGGNet: Ocellus' training loop (DJL, PyTorch engine) against PyTorch itself
# (Debian python3-torch), same nets, batch size, threads and synthetic data, printed side by side as a ratio.
# Usage: bench/training-throughput.sh [--batch B] [--threads T] [--images N] [--epochs E]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if ! /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "bench: installing Debian's python3-torch for the PyTorch side ..." >&2
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -qq --no-install-recommends python3-torch >&2
fi
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.TrainingThroughputBenchmark "$@"
