package io.ocellus.schema.store;

import java.util.Set;

/**
 * Where published models live in the models bucket: {@code <name>/<version>/model.onnx}, {@code labels.json},
 * {@code metrics.json} and {@code training-curve.png} beside it, and what it takes to train on from the model: its
 * trained weights in DJL's format ({@code model.params}) and the request that trained it
 * ({@code training-request.json}, a TrainingRequested event); and one registry entry per model name at
 * {@code registry/<name>.json} (its versions and which one is current, in the form of
 * {@code schemas/model-registry-entry.v1.schema.json}, see {@link RegistryEntries}).
 */
public final class ModelKeys {

    public static final String REGISTRY_PREFIX = "registry/";
    /** First key segments the models bucket uses for other things, so no model may be named after them. */
    public static final Set<String> RESERVED_NAMES = Set.of("registry", "jobs", "packs", "classified");

    private ModelKeys() {
    }

    public static String version(String name, int version) {
        return name + "/" + version + "/";
    }

    public static String onnx(String name, int version) {
        return version(name, version) + "model.onnx";
    }

    public static String labels(String name, int version) {
        return version(name, version) + "labels.json";
    }

    public static String metrics(String name, int version) {
        return version(name, version) + "metrics.json";
    }

    /** The trained weights, in DJL's parameter format, for training on from this version. */
    public static String parameters(String name, int version) {
        return version(name, version) + "model.params";
    }

    /** The TrainingRequested that trained this version: its architecture, network options and input shape. */
    public static String trainingRequest(String name, int version) {
        return version(name, version) + "training-request.json";
    }

    public static String curve(String name, int version) {
        return version(name, version) + "training-curve.png";
    }

    public static String registry(String name) {
        return REGISTRY_PREFIX + name + ".json";
    }
}
