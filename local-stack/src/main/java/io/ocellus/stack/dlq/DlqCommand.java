package io.ocellus.stack.dlq;

import io.ocellus.schema.Topics;
import io.ocellus.schema.events.DeadLetter;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

@Command(name = "dlq", mixinStandardHelpOptions = true, subcommands = DlqReplayCommand.class,
        description = {
            "Lists the dead letters on " + Topics.DEAD_LETTERS + ": first how many per original topic, consumer "
                    + "group and error, then one line each: its place on the dead-letter topic (PARTITION:OFFSET, "
                    + "what `dlq replay --letter` takes), where the record came from, its key, the tries and "
                    + "the reason.",
            "`ocellus dlq replay` sends chosen letters' original records back to their topics."})
public final class DlqCommand implements Callable<Integer> {

    @Mixin
    DlqConnection connection;

    @ArgGroup(exclusive = false)
    LetterFilter filter = new LetterFilter();

    @Override
    public Integer call() {
        DeadLetters.Read read = DeadLetters.read(connection.servers(), connection.security(), connection.timeout());
        List<DeadLetters.Stored> chosen = read.letters().stream().filter(s -> filter.matches(s.letter())).toList();
        Map<String, Integer> counts = new TreeMap<>();
        for (DeadLetters.Stored stored : chosen) {
            var letter = stored.letter();
            counts.merge(String.format("%-32s %-22s %s", letter.originalTopic(), letter.consumerGroup(),
                    simpleName(letter.errorClass())), 1, Integer::sum);
        }
        System.out.printf("%d dead letter(s)%s%n", chosen.size(),
                chosen.size() == read.letters().size() ? "" : " of " + read.letters().size() + " match");
        if (!counts.isEmpty()) {
            System.out.printf("%n%6s  %-32s %-22s %s%n", "COUNT", "TOPIC", "GROUP", "ERROR");
            counts.forEach((what, count) -> System.out.printf("%6d  %s%n", count, what));
            System.out.printf("%n%-10s %-40s %-24s %5s  %s%n", "LETTER", "FROM", "KEY", "TRIES", "REASON");
            for (DeadLetters.Stored stored : chosen) {
                var letter = stored.letter();
                System.out.printf("%-10s %-40s %-24s %5s  %s%n", stored.position(),
                        letter.originalTopic() + "-" + letter.partition() + "@" + letter.offset(),
                        abbreviate(letter.key(), 24), letter.attempts() == null ? "-" : letter.attempts(),
                        abbreviate(letter.reason(), 160) + (letter.payloadStored()
                                ? " [value in " + DeadLetter.PAYLOAD_BUCKET + "/" + letter.payloadKey() + "]" : ""));
            }
        }
        if (read.unreadable() > 0) {
            System.out.printf("%n%d record(s) on %s are not dead letters%n", read.unreadable(), Topics.DEAD_LETTERS);
        }
        return 0;
    }

    static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    private static String abbreviate(String text, int max) {
        if (text == null) {
            return "-";
        }
        String line = text.replace('\n', ' ');
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
