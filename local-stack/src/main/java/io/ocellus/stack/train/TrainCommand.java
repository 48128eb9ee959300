package io.ocellus.stack.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackState;
import io.ocellus.stack.imports.ImportProgress;
import io.ocellus.stack.token.TokenMinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Submits a training config (YAML or JSON) to trainer-service and follows the job with a "
                + "live progress bar until it ends; prints the epoch history and the test evaluation.",
            "Exit status 0 when the job COMPLETED or EARLY_STOPPED, 1 otherwise. See samples/lenet-mnist.yaml."})
public final class TrainCommand implements Callable<Integer> {

    private static final Duration TOKEN_TTL = Duration.ofHours(12);

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "CONFIG", description = "The training config file (.yaml, .yml or .json).")
    Path config;

    @Option(names = "--state-dir", paramLabel = "DIR",
            description = "State directory of the stack. Default: $OCELLUS_HOME, else .ocellus/ at the repository root.")
    Path stateDir;

    @Option(names = "--trainer", paramLabel = "URL",
            description = "Base URL of trainer-service. Default: the running stack's (stack.json).")
    String trainer;

    @Option(names = "--token", paramLabel = "JWT",
            description = "Bearer token with role trainer. Default: $OCELLUS_TOKEN, else one minted with the stack's key.")
    String token;

    @Option(names = "--job-id", paramLabel = "ID", description = "Job id to use instead of a generated one.")
    String jobId;

    @Option(names = "--resume", paramLabel = "JOB:EPOCH",
            description = "Resume that job from its checkpoint at EPOCH instead of starting fresh.")
    String resume;

    @Option(names = "--learning-rate", paramLabel = "LR",
            description = "With --resume: continue with this learning rate (stop, lower the rate, resume).")
    Double learningRate;

    @Option(names = "--no-follow", description = "Submit and print the job id without waiting for the job.")
    boolean noFollow;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintStream err = System.err;
        try {
            ObjectNode body = TrainingConfig.read(config);
            if (jobId != null) {
                body.put("jobId", jobId);
            }
            applyResume(body);
            StackLayout layout = StackLayout.resolve(stateDir);
            TrainerClient client = new TrainerClient(baseUrl(layout), token(layout));
            String id = client.submit(TrainingConfig.json(body));
            out.println(id);
            out.flush();
            if (noFollow) {
                return 0;
            }
            JsonNode job = new JobFollower(client, err, Boolean.getBoolean(ImportProgress.TERMINAL_PROPERTY))
                    .follow(id);
            report(job, out);
            out.flush();
            String status = job.path("status").asText();
            return status.equals("COMPLETED") || status.equals("EARLY_STOPPED") ? 0 : 1;
        } catch (TrainAbortedException | StackException e) {
            err.println("ocellus train: " + e.getMessage());
            return 1;
        }
    }

    private void applyResume(ObjectNode body) {
        if (resume == null) {
            if (learningRate != null) {
                throw new TrainAbortedException("--learning-rate goes with --resume JOB:EPOCH");
            }
            return;
        }
        int colon = resume.lastIndexOf(':');
        if (colon < 1 || colon == resume.length() - 1) {
            throw new TrainAbortedException("--resume takes JOB:EPOCH, e.g. job-42:10");
        }
        int epoch;
        try {
            epoch = Integer.parseInt(resume.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new TrainAbortedException("--resume: '" + resume.substring(colon + 1) + "' is not an epoch number");
        }
        ObjectNode spec = body.putObject("resume").put("jobId", resume.substring(0, colon)).put("epoch", epoch);
        if (learningRate != null) {
            spec.put("learningRate", learningRate);
        }
    }

    private URI baseUrl(StackLayout layout) {
        if (trainer != null) {
            return URI.create(trainer.endsWith("/") ? trainer.substring(0, trainer.length() - 1) : trainer);
        }
        return StackState.read(layout).flatMap(state -> state.component("trainer-service"))
                .map(c -> URI.create(c.url()))
                .orElseThrow(() -> new TrainAbortedException("no running stack in " + layout.stateDir()
                        + ": start it with ./ocellus up (or pass --trainer URL)"));
    }

    private String token(StackLayout layout) {
        return TokenMinter.forCommand(token, layout, "trainer", TOKEN_TTL);
    }

    private static void report(JsonNode job, PrintWriter out) {
        int epochs = job.path("epochs").asInt();
        for (JsonNode epoch : job.path("history")) {
            out.println(JobFollower.epochLine(epoch, epochs));
        }
        out.println("job " + job.path("jobId").asText() + " " + job.path("status").asText()
                + (job.path("reason").isTextual() ? ": " + job.path("reason").asText() : ""));
        JsonNode evaluation = job.path("evaluation");
        if (evaluation.isObject()) {
            out.printf(Locale.ROOT, "test: rank-1 %.4f%s on %d images (model %s, epoch %d)%n",
                    evaluation.path("rank1").asDouble(),
                    evaluation.path("rank5").isNumber()
                            ? String.format(Locale.ROOT, ", rank-5 %.4f", evaluation.path("rank5").asDouble()) : "",
                    evaluation.path("testImages").asInt(), evaluation.path("modelName").asText(),
                    evaluation.path("finalEpoch").asInt());
            for (JsonNode c : evaluation.path("perClass")) {
                out.printf(Locale.ROOT, "  %-16s precision %.3f  recall %.3f  f1 %.3f  (%d)%n",
                        c.path("label").asText(), c.path("precision").asDouble(), c.path("recall").asDouble(),
                        c.path("f1").asDouble(), c.path("support").asLong());
            }
        }
        if (!job.path("history").isEmpty()) {
            out.println("training curve: s3://ocellus-models/" + job.path("curveKey").asText());
        }
        JsonNode model = job.path("model");
        if (model.isObject()) {
            out.printf(Locale.ROOT, "model: %s version %d at s3://ocellus-models/%s, %s (%s)%n",
                    model.path("name").asText(), model.path("version").asInt(), model.path("onnxKey").asText(),
                    model.path("current").asBoolean() ? "current" : "not current", model.path("reason").asText());
        }
    }
}
