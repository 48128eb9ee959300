package io.ocellus.stack;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./ocellus demo} with a small configuration on the running stack: digit-scene crops imported, a LeNet
 * trained and published, held-out digits streamed through Kafka with tasks classify and detect, the detector
 * measured on scenes. Every streamed image must come back classified and searched by the demo's model, and the
 * streamed rank-1 clear a floor.
 */
final class DemoDrill {

    private static final int HELD_OUT = 40;
    /** A LeNet of three epochs on 400 digit crops; chance among the eleven labels is 0.09. */
    private static final double RANK1_FLOOR = 0.5;

    private final StackLayout layout;
    private final BrokerDrill.Cli ocellus;

    DemoDrill(StackLayout layout, BrokerDrill.Cli ocellus) {
        this.layout = layout;
        this.ocellus = ocellus;
    }

    void run() throws Exception {
        LocalStackEndToEndTest.Result demo = ocellus.run(Duration.ofMinutes(6), "demo", "--digits", "400",
                "--backgrounds", "400", "--epochs", "3", "--held-out", String.valueOf(HELD_OUT), "--rate", "10",
                "--scenes", "5", "--dataset", "e2e-demo", "--state-dir", layout.stateDir().toString());
        assertThat(demo.exit()).as("./ocellus demo: %s%s", demo.stdout(), demo.stderr()).isZero();
        String out = demo.stdout();
        Matcher streamed = Pattern.compile("rank-1 ([0-9.]+) +\\((\\d+) of (\\d+) held-out digits classified, "
                + "(\\d+) accepted, (\\d+) searched by the detector\\)").matcher(out);
        assertThat(streamed.find()).as(out).isTrue();
        assertThat(Integer.parseInt(streamed.group(2))).as("an ImageClassified per streamed image")
                .isEqualTo(HELD_OUT);
        assertThat(Integer.parseInt(streamed.group(4))).as("every upload accepted").isEqualTo(HELD_OUT);
        assertThat(Integer.parseInt(streamed.group(5))).as("an ObjectsDetected per streamed image")
                .isEqualTo(HELD_OUT);
        assertThat(Double.parseDouble(streamed.group(1))).as("streamed rank-1").isGreaterThanOrEqualTo(RANK1_FLOOR);
        assertThat(out).containsPattern("upload -> classification +p50 \\d+ ms +p99 \\d+ ms")
                .containsPattern("detector mAP@0\\.5 +[0-9.]+")
                .containsPattern("monitor page +http://")
                .containsPattern("training curve +http://.*/v1/jobs/demo-lenet-\\d+/curve.png")
                .contains("the stack stays up until ./ocellus down");
        assertThat(demo.stdout()).as("the model the demo trained").contains("model: demo version");
    }
}
