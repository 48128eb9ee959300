package io.ocellus.stack.dlq;

import io.ocellus.stack.EventsCommand;
import io.ocellus.stack.KafkaCredentials;
import io.ocellus.stack.StackLayout;
import io.ocellus.stack.StackOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Duration;
import java.util.Map;

/** Where the dead-letter commands find the broker, how they log in, and how long they wait for it. */
final class DlqConnection {

    @Mixin
    StackOptions stackOptions;

    @Option(names = "--bootstrap", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap address (default: Kafka of the running stack, from stack.json).")
    String bootstrap;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for Kafka (default ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    StackLayout layout() {
        return stackOptions.layout();
    }

    String servers() {
        return bootstrap != null ? bootstrap : EventsCommand.bootstrapFromStack(layout());
    }

    /** The stack administrator's login, or nothing for an open broker. */
    Map<String, Object> security() {
        return KafkaCredentials.adminClientConfig(layout());
    }

    Duration timeout() {
        return Duration.ofSeconds(timeoutSeconds);
    }
}
