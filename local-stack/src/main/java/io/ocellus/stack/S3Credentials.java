package io.ocellus.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Properties;

/**
 * The S3 access key and secret of the local stack: generated once, kept in {@code config/s3-credentials.properties}
 * with owner-only permissions (never in stack.json).
 */
public record S3Credentials(String accessKey, String secretKey) {

    static final String FILE = "s3-credentials.properties";
    static final String ACCESS_KEY = "accessKey";
    static final String SECRET_KEY = "secretKey";
    static final String DEFAULT_ACCESS_KEY = "ocellus";

    @Override
    public String toString() {
        return "S3Credentials[accessKey=" + accessKey + ", secretKey=***]";
    }

    public static Path file(StackLayout layout) {
        return layout.configDir().resolve(FILE);
    }

    public static S3Credentials loadOrCreate(StackLayout layout) {
        Path file = file(layout);
        if (Files.isRegularFile(file)) {
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String access = properties.getProperty(ACCESS_KEY, "");
            String secret = properties.getProperty(SECRET_KEY, "");
            if (!access.isBlank() && !secret.isBlank()) {
                return new S3Credentials(access.trim(), secret.trim());
            }
        }
        byte[] random = new byte[20];
        new SecureRandom().nextBytes(random);
        S3Credentials created = new S3Credentials(DEFAULT_ACCESS_KEY, HexFormat.of().formatHex(random));
        ConfigFiles.writeSecret(file, "# Generated once by ./ocellus up; S3 (S3Proxy) credentials of the local stack.\n"
                + ACCESS_KEY + "=" + created.accessKey() + "\n" + SECRET_KEY + "=" + created.secretKey() + "\n");
        return created;
    }
}
