package io.ocellus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/** The running local stack, as {@code ./ocellus up} describes it in its state directory. */
record LocalStack(String ingestUrl, String s3Endpoint, String s3AccessKey, String s3SecretKey,
                  String uploaderToken) {

    static LocalStack read(Path stateDir) throws IOException, InterruptedException {
        Path stackFile = stateDir.resolve("stack.json");
        if (!Files.isRegularFile(stackFile)) {
            throw new IllegalStateException("no running stack in " + stateDir + ": start it with ./ocellus up");
        }
        JsonNode components = new ObjectMapper().readTree(stackFile.toFile()).get("components");
        Properties credentials = new Properties();
        try (Reader reader = Files.newBufferedReader(stateDir.resolve("config/s3-credentials.properties"),
                StandardCharsets.UTF_8)) {
            credentials.load(reader);
        }
        return new LocalStack(url(components, "ingest-service"), url(components, "s3"),
                credentials.getProperty("accessKey"), credentials.getProperty("secretKey"), token(stateDir));
    }

    private static String url(JsonNode components, String name) {
        for (JsonNode component : components) {
            if (name.equals(component.get("name").asText())) {
                return component.get("url").asText();
            }
        }
        throw new IllegalStateException(name + " is not in stack.json");
    }

    /** An uploader token minted by the launcher from the stack's own signing key. */
    private static String token(Path stateDir) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("./ocellus", "token", "--role", "uploader", "--state-dir",
                stateDir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String token = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0 || token.isEmpty()) {
            throw new IllegalStateException("./ocellus token failed");
        }
        return token;
    }
}
