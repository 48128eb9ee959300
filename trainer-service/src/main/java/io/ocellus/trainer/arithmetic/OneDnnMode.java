package io.ocellus.trainer.arithmetic;

/**
 * How the trainer uses oneDNN for CPU convolutions ({@code ocellus.trainer.onednn}): AUTO keeps it where the
 * self-test finds it right and turns it off where it does not; ON and OFF force it.
 */
public enum OneDnnMode {
    AUTO, ON, OFF
}
