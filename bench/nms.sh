#!/usr/bin/env bash
# Greedy NMS on the same random boxes: Ocellus against torchvision.ops.nms and cv2.dnn.NMSBoxes (Debian's
# python3-torchvision and python3-opencv, installed when missing), one thread each.
# Usage: bench/nms.sh [--boxes 20000] [--iou 0.5] [--rounds 5]
set -euo pipefail
ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
cd "$ROOT"
if ! /usr/bin/python3 -c 'import torchvision, cv2' 2>/dev/null; then
  echo "bench: installing python3-torchvision and python3-opencv from Debian ..." >&2
  sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    python3-torchvision python3-opencv
fi
if [[ ! -d bench/target/lib || ! -d bench/target/classes ]]; then
  echo "bench: building the bench module first ..." >&2
  ./mvnw -q -B -DskipTests package -pl bench -am
fi
exec java -cp "bench/target/classes:bench/target/lib/*" io.ocellus.bench.NmsBenchmark "$@"
