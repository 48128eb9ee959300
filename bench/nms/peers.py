"""The peers of bench/nms.sh: torchvision.ops.nms and OpenCV's cv2.dnn.NMSBoxes on the same boxes.

Reads boxes.f32 (x1, y1, x2, y2, score as little-endian float32 rows), runs each peer `rounds` times with one
thread, and prints JSON: the best time of each and the indices it kept, best first.
"""
import json
import sys
import time

import numpy as np
import torch
import torchvision
import cv2


def best_of(rounds, run):
    best, kept = None, None
    for _ in range(rounds):
        started = time.perf_counter()
        kept = run()
        took = time.perf_counter() - started
        best = took if best is None or took < best else best
    return best, kept


def main():
    path, threshold, rounds = sys.argv[1], float(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(1)
    cv2.setNumThreads(1)
    rows = np.fromfile(path, dtype="<f4").reshape(-1, 5)
    boxes = torch.from_numpy(rows[:, :4].copy())
    scores = torch.from_numpy(rows[:, 4].copy())
    torch_time, torch_kept = best_of(rounds, lambda: torchvision.ops.nms(boxes, scores, threshold).tolist())
    xywh = [[float(r[0]), float(r[1]), float(r[2] - r[0]), float(r[3] - r[1])] for r in rows]
    score_list = [float(s) for s in rows[:, 4]]
    cv_time, cv_kept = best_of(rounds, lambda: np.array(
        cv2.dnn.NMSBoxes(xywh, score_list, 0.0, threshold)).flatten().tolist())
    print(json.dumps({
        "torchvision": {"version": torchvision.__version__, "seconds": torch_time, "kept": torch_kept},
        "opencv": {"version": cv2.__version__, "seconds": cv_time, "kept": [int(i) for i in cv_kept]},
    }))


if __name__ == "__main__":
    main()
