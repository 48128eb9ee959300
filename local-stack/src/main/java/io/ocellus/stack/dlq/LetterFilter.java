package io.ocellus.stack.dlq;

import io.ocellus.schema.events.DeadLetter;
import picocli.CommandLine.Option;

import java.util.Locale;

/** The dead letters a command works on: all, or those of one original topic, one consumer group, one reason. */
final class LetterFilter {

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Only letters from this original topic.")
    String topic;

    @Option(names = "--group", paramLabel = "GROUP", description = "Only letters from this consumer group.")
    String group;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Only letters whose reason or error class contains TEXT (any case).")
    String reason;

    boolean matches(DeadLetter letter) {
        if (topic != null && !topic.equals(letter.originalTopic())) {
            return false;
        }
        if (group != null && !group.equals(letter.consumerGroup())) {
            return false;
        }
        if (reason != null) {
            String wanted = reason.toLowerCase(Locale.ROOT);
            return letter.reason().toLowerCase(Locale.ROOT).contains(wanted)
                    || letter.errorClass().toLowerCase(Locale.ROOT).contains(wanted);
        }
        return true;
    }
}
