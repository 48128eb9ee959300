package io.ocellus.trainer.job;

import java.util.regex.Pattern;

/**
 * What a job id may be: it names the job's folder in the models bucket ({@code jobs/<jobId>/}), so a slash or a
 * dot-dot would write under another job's prefix, and it is a Kafka key and a URL path segment.
 */
public final class JobIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private JobIds() {
    }

    /** Throws {@link InvalidJobException} naming the rule when {@code jobId} breaks it. */
    public static void check(String what, String jobId) {
        if (jobId == null || !VALID.matcher(jobId).matches()) {
            throw new InvalidJobException(what + " must be 1 to 128 letters, digits, '.', '_' or '-', starting with a "
                    + "letter or digit; got " + (jobId == null ? "nothing" : "'" + abbreviate(jobId) + "'"));
        }
    }

    private static String abbreviate(String jobId) {
        return jobId.length() > 80 ? jobId.substring(0, 80) + "…" : jobId;
    }
}
