"""The PyTorch side of bench/training-throughput.sh: the same nets, batch size, threads and synthetic data as the
Ocellus side, trained with SGD + momentum; prints the best epoch's images per second as one JSON line."""
import argparse
import json
import time

import torch
from torch import nn


def lenet(classes):
    return nn.Sequential(
        nn.Conv2d(1, 20, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Conv2d(20, 50, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2, 2),
        nn.Flatten(), nn.Linear(7 * 7 * 50, 500), nn.ReLU(), nn.Linear(500, classes))


def minivggnet(classes):
    def unit(cin, cout):
        return [nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(), nn.BatchNorm2d(cout)]
    return nn.Sequential(
        *unit(1, 32), *unit(32, 32), nn.MaxPool2d(2, 2), nn.Dropout(0.25),
        *unit(32, 64), *unit(64, 64), nn.MaxPool2d(2, 2), nn.Dropout(0.25),
        nn.Flatten(), nn.Linear(7 * 7 * 64, 512), nn.ReLU(), nn.BatchNorm1d(512), nn.Dropout(0.5),
        nn.Linear(512, classes))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--net", choices=["lenet", "minivggnet"], required=True)
    parser.add_argument("--batch", type=int, default=64)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--images", type=int, default=2048)
    parser.add_argument("--epochs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(42)
    classes = 10
    images = torch.rand(args.images, 1, 28, 28)
    labels = torch.randint(0, classes, (args.images,))
    model = lenet(classes) if args.net == "lenet" else minivggnet(classes)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    best = 0.0
    for _ in range(args.epochs):
        order = torch.randperm(args.images)
        start = time.perf_counter()
        for b in range(0, args.images, args.batch):
            index = order[b:b + args.batch]
            x, y = images[index], labels[index]
            optimizer.zero_grad()
            loss = loss_fn(model(x), y)
            loss.backward()
            optimizer.step()
            loss.item()
        best = max(best, args.images / (time.perf_counter() - start))
    print(json.dumps({"net": args.net, "imagesPerSecond": best, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
