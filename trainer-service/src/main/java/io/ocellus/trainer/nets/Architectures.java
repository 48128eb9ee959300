package io.ocellus.trainer.nets;

import io.ocellus.schema.events.Architecture;

/** The architecture implementation for each name a training request may carry. */
public final class Architectures {

    private Architectures() {
    }

    public static NetArchitecture of(Architecture architecture) {
        return switch (architecture) {
            case SHALLOWNET -> new ShallowNet();
            case LENET -> new LeNet();
            case MINIVGGNET -> new MiniVggNet();
            case ALEXNET -> new AlexNet();
            case MINIGOOGLENET -> new MiniGoogLeNet();
            case RESNET -> new ResNet();
            case SQUEEZENET -> new SqueezeNet();
        };
    }
}
