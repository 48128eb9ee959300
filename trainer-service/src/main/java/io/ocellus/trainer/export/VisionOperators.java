package io.ocellus.trainer.export;

import ai.onnx.proto.OnnxMl.AttributeProto.AttributeType;
import org.tribuo.util.onnx.ONNXAttribute;
import org.tribuo.util.onnx.ONNXOperator;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ONNX operators of convolutional networks that Tribuo's operator set lacks, declared through its public
 * {@link ONNXOperator} interface so that its graph builder can emit them. Each is valid at
 * {@link OnnxExporter#OPSET} (the version an operator was last changed is at most that opset).
 */
public enum VisionOperators implements ONNXOperator {
    CONV("Conv", 2, 1, attribute("kernel_shape", AttributeType.INTS), attribute("strides", AttributeType.INTS),
            attribute("pads", AttributeType.INTS), attribute("dilations", AttributeType.INTS),
            attribute("group", AttributeType.INT)),
    BATCH_NORMALIZATION("BatchNormalization", 5, 0, attribute("epsilon", AttributeType.FLOAT),
            attribute("momentum", AttributeType.FLOAT)),
    MAX_POOL("MaxPool", 1, 0, mandatory("kernel_shape", AttributeType.INTS), attribute("strides", AttributeType.INTS),
            attribute("pads", AttributeType.INTS), attribute("ceil_mode", AttributeType.INT)),
    AVERAGE_POOL("AveragePool", 1, 0, mandatory("kernel_shape", AttributeType.INTS),
            attribute("strides", AttributeType.INTS), attribute("pads", AttributeType.INTS),
            attribute("ceil_mode", AttributeType.INT), attribute("count_include_pad", AttributeType.INT)),
    GLOBAL_AVERAGE_POOL("GlobalAveragePool", 1, 0),
    FLATTEN("Flatten", 1, 0, attribute("axis", AttributeType.INT)),
    RELU("Relu", 1, 0),
    LEAKY_RELU("LeakyRelu", 1, 0, attribute("alpha", AttributeType.FLOAT)),
    ELU("Elu", 1, 0, attribute("alpha", AttributeType.FLOAT)),
    PRELU("PRelu", 2, 0),
    /** Element-wise mean of any number of inputs. */
    MEAN("Mean", -1, 0),
    LOG("Log", 1, 0);

    private final String opName;
    private final int inputs;
    private final int optionalInputs;
    private final Map<String, ONNXAttribute> attributes;
    private final Set<String> mandatoryAttributes;

    VisionOperators(String opName, int inputs, int optionalInputs, ONNXAttribute... attributes) {
        this.opName = opName;
        this.inputs = inputs;
        this.optionalInputs = optionalInputs;
        this.attributes = Arrays.stream(attributes)
                .collect(Collectors.toUnmodifiableMap(ONNXAttribute::getName, Function.identity()));
        this.mandatoryAttributes = Arrays.stream(attributes).filter(ONNXAttribute::isMandatory)
                .map(ONNXAttribute::getName).collect(Collectors.toUnmodifiableSet());
    }

    private static ONNXAttribute attribute(String name, AttributeType type) {
        return new ONNXAttribute(name, type, false);
    }

    private static ONNXAttribute mandatory(String name, AttributeType type) {
        return new ONNXAttribute(name, type, true);
    }

    @Override
    public String getOpName() {
        return opName;
    }

    @Override
    public int getNumInputs() {
        return inputs;
    }

    @Override
    public int getNumOptionalInputs() {
        return optionalInputs;
    }

    @Override
    public int getNumOutputs() {
        return 1;
    }

    @Override
    public Map<String, ONNXAttribute> getAttributes() {
        return attributes;
    }

    @Override
    public Set<String> getMandatoryAttributeNames() {
        return mandatoryAttributes.isEmpty() ? Collections.emptySet() : mandatoryAttributes;
    }

    @Override
    public int getOpVersion() {
        return OnnxExporter.OPSET;
    }

    /** The default ONNX domain, which the builder leaves unset on the node. */
    @Override
    public String getOpDomain() {
        return null;
    }
}
