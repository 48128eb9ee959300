package io.ocellus.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The SCRAM users of the local stack's broker and their passwords: {@value #ADMIN} for ./ocellus and its tools
 * (topics, ACLs, events, dead letters), and one user per service, named after it, which the ACLs limit to the
 * topics that service needs. Generated once, kept in {@code config/kafka-credentials.properties} with owner-only
 * permissions; a service gets its password in its environment, never on its command line.
 */
public record KafkaCredentials(Map<String, String> passwords) {

    public static final String ADMIN = "ocellus-admin";
    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String PROTOCOL = "SASL_PLAINTEXT";
    static final String FILE = "kafka-credentials.properties";

    @Override
    public String toString() {
        return "KafkaCredentials" + passwords.keySet();
    }

    public static Path file(StackLayout layout) {
        return layout.configDir().resolve(FILE);
    }

    /** The users of this stack: the administrator and every service. */
    static List<String> users() {
        List<String> users = new ArrayList<>();
        users.add(ADMIN);
        users.addAll(StackComponents.SERVICES);
        return users;
    }

    public static Optional<KafkaCredentials> load(StackLayout layout) {
        Path file = file(layout);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, String> passwords = new LinkedHashMap<>();
        for (String user : users()) {
            String password = properties.getProperty(user, "").trim();
            if (password.isEmpty()) {
                return Optional.empty();
            }
            passwords.put(user, password);
        }
        return Optional.of(new KafkaCredentials(passwords));
    }

    public static KafkaCredentials loadOrCreate(StackLayout layout) {
        Optional<KafkaCredentials> existing = load(layout);
        if (existing.isPresent()) {
            return existing.get();
        }
        SecureRandom random = new SecureRandom();
        Map<String, String> passwords = new LinkedHashMap<>();
        StringBuilder file = new StringBuilder("# Generated once by ./ocellus up: SCRAM users of the local stack's "
                + "Kafka broker.\n");
        for (String user : users()) {
            byte[] bytes = new byte[20];
            random.nextBytes(bytes);
            passwords.put(user, HexFormat.of().formatHex(bytes));
            file.append(user).append('=').append(passwords.get(user)).append('\n');
        }
        ConfigFiles.writeSecret(file(layout), file.toString());
        return new KafkaCredentials(passwords);
    }

    public String password(String user) {
        String password = passwords.get(user);
        if (password == null) {
            throw new IllegalArgumentException("no Kafka user " + user + " in this stack");
        }
        return password;
    }

    /** The JAAS line that logs {@code user} in with SCRAM. */
    public String jaas(String user) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password(user) + "\";";
    }

    /** Client settings that authenticate as {@code user}, to merge into a producer, consumer or admin config. */
    public Map<String, Object> clientConfig(String user) {
        return Map.of("security.protocol", PROTOCOL, "sasl.mechanism", MECHANISM, "sasl.jaas.config", jaas(user));
    }

    /** The storage-format argument that creates {@code user} with its password. */
    String scramArgument(String user) {
        return MECHANISM + "=[name=" + user + ",password=" + password(user) + "]";
    }

    /** The administrator's client settings for the stack in {@code layout}, for the CLI's own clients. */
    public static Map<String, Object> adminClientConfig(StackLayout layout) {
        return load(layout).map(c -> c.clientConfig(ADMIN)).orElse(Map.of());
    }
}
