package io.ocellus.trainer.nets;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A built network: its DJL block (producing logits, one per class), the input it was built for, and what each
 * of its parameter-free blocks computes.
 */
public final class Net {

    private final Block block;
    private final Shape inputShape;
    private final int classes;
    private final Map<Block, LayerOp> ops;

    Net(Block block, Shape inputShape, int classes, Map<Block, LayerOp> ops) {
        this.block = block;
        this.inputShape = inputShape;
        this.classes = classes;
        this.ops = new IdentityHashMap<>(ops);
    }

    public Block block() {
        return block;
    }

    /** One sample's shape, channels first (C, H, W). */
    public Shape inputShape() {
        return inputShape;
    }

    public int classes() {
        return classes;
    }

    /**
     * A softmax (multinomial logistic) regression: one dense layer from {@code features} values to {@code classes}
     * logits. What a feature-extraction job trains on the features of a published model.
     */
    public static Net softmaxRegression(int features, int classes) {
        return new Net(Linear.builder().setUnits(classes).build(), new Shape(features), classes, Map.of());
    }

    /**
     * An ensemble of {@code members} (built for the same input and labels, their parameters initialised on
     * {@code manager}, which keep their values): a net whose logits are the log of the mean of the members'
     * probabilities, so that its softmax is that mean.
     */
    public static Net ensemble(List<Net> members, NDManager manager) {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two members, got " + members.size());
        }
        Net first = members.get(0);
        Map<Block, LayerOp> ops = new IdentityHashMap<>();
        for (Net member : members) {
            if (!member.inputShape.equals(first.inputShape) || member.classes != first.classes) {
                throw new IllegalArgumentException("ensemble members must share input shape and labels: "
                        + first.inputShape + " with " + first.classes + " against " + member.inputShape + " with "
                        + member.classes);
            }
            ops.putAll(member.ops);
        }
        ParallelBlock mean = new ParallelBlock(outputs -> {
            NDArray[] probabilities = outputs.stream().map(out -> out.singletonOrThrow().softmax(1))
                    .toArray(NDArray[]::new);
            return new NDList(NDArrays.stack(new NDList(probabilities)).mean(new int[]{0}).log());
        }, members.stream().map(Net::block).toList());
        ops.put(mean, new LayerOp.Join(LayerOp.JoinKind.MEAN_PROBABILITIES));
        // records the input shape saved with the parameters; initialised parameters are left as they are
        mean.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(first.inputShape));
        return new Net(mean, first.inputShape, first.classes, ops);
    }

    /** The names of the top-level layers, in order, as DJL numbers them ({@code 01Conv2d}, ...). */
    public List<String> layerNames() {
        return block.getChildren().keys();
    }

    /** The index of the classifier: the last top-level layer with parameters. */
    public int classifierIndex() {
        List<Block> layers = block.getChildren().values();
        int classifier = layers.size() - 1;
        while (classifier >= 0 && layers.get(classifier).getParameters().isEmpty()) {
            classifier--;
        }
        return classifier;
    }

    /**
     * The index of the last top-level layer a transfer from this net keeps: {@code layer}, or when it is null the
     * layer before the classifier, which a new head always replaces.
     *
     * @throws IllegalArgumentException when {@code layer} is not a layer of this net (the message lists them), or is
     *                                  the classifier or after it; {@code netName} says which net, in the message
     */
    public int transferCut(String layer, String netName) {
        List<String> layers = layerNames();
        int classifier = classifierIndex();
        if (layer == null) {
            return classifier - 1;
        }
        int last = layers.indexOf(layer);
        if (last < 0) {
            throw new IllegalArgumentException("transfer.layer '" + layer + "' is not a layer of " + netName
                    + "; its layers: " + String.join(", ", layers));
        }
        if (last >= classifier) {
            throw new IllegalArgumentException("transfer.layer '" + layer + "' would keep the classifier of "
                    + netName + " (" + layers.get(classifier) + "), which the new head replaces: name a layer before "
                    + "it");
        }
        return last;
    }

    /**
     * A net of this one's top-level layers up to {@code lastLayer} (an index), their output flattened when it is not
     * flat already, and a new dense classifier for {@code classes} labels: the extractor of a feature-extraction model
     * with its classifier. The layers are this net's own blocks, so build the net afresh for it; the new one is not
     * initialised.
     */
    public Net withNewHead(int lastLayer, int classes) {
        List<Block> layers = block.getChildren().values();
        if (lastLayer < 0 || lastLayer >= layers.size()) {
            throw new IllegalArgumentException("no layer " + lastLayer + ": the net has " + layers.size());
        }
        SequentialBlock cut = new SequentialBlock();
        Shape[] shapes = {new Shape(1).addAll(inputShape)};
        for (int i = 0; i <= lastLayer; i++) {
            cut.add(layers.get(i));
            shapes = layers.get(i).getOutputShapes(shapes);
        }
        Map<Block, LayerOp> cutOps = new IdentityHashMap<>(ops);
        if (shapes[0].dimension() != 2) {
            Block flatten = Blocks.batchFlattenBlock();
            cutOps.put(flatten, new LayerOp.Flatten());
            cut.add(flatten);
        }
        cut.add(Linear.builder().setUnits(classes).build());
        return new Net(cut, inputShape, classes, cutOps);
    }

    /** The parameters in DJL's own format, as checkpoints and published models hold them. */
    public byte[] saveParameters() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            block.saveParameters(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Loads parameters saved by {@link #saveParameters()} into this (initialised) net.
     *
     * @throws IllegalArgumentException when they belong to another network
     */
    public void loadParameters(byte[] parameters, NDManager manager) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException e) {
            throw new IllegalArgumentException("the parameters do not fit this network: " + e.getMessage(), e);
        }
    }

    /** What {@code child} computes, when it is one of the parameter-free blocks {@link Layers} recorded. */
    public Optional<LayerOp> op(Block child) {
        return Optional.ofNullable(ops.get(child));
    }
}
