package io.ocellus.schema.events;

/**
 * Random training-time augmentation. Shifts and zoom are fractions of the image size; an absent field
 * means that augmentation is off.
 */
public record Augmentation(Double rotationDegrees, Double widthShift, Double heightShift, Double zoom,
                           Double shear, Boolean horizontalFlip) {
}
