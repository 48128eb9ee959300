package io.ocellus.schema.events;

/**
 * Stop training when {@code monitor} (e.g. {@code val_loss}, {@code val_accuracy}) has not improved for
 * {@code patience} epochs.
 */
public record EarlyStopping(String monitor, int patience, Boolean restoreBest) {
}
