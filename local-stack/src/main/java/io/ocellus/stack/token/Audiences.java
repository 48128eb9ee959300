package io.ocellus.stack.token;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which services a token is for, by default, given its roles. A service takes only tokens whose {@code aud} claim
 * names it by its application name, so a token minted for uploading cannot start a training job.
 */
public final class Audiences {

    public static final String INGEST = "ocellus-ingest";
    public static final String TRAINER = "ocellus-trainer";
    public static final String INFERENCE = "ocellus-inference";
    public static final String DETECTOR = "ocellus-detector";
    public static final String MONITOR = "ocellus-monitor";
    public static final List<String> ALL = List.of(INGEST, TRAINER, INFERENCE, DETECTOR, MONITOR);

    /** Uploaders upload (also through the monitor page), trainers train and watch, viewers and admins read all. */
    private static final Map<String, List<String>> BY_ROLE = Map.of(
            "uploader", List.of(INGEST, MONITOR),
            "trainer", List.of(TRAINER, MONITOR),
            "viewer", ALL,
            "admin", ALL);

    private Audiences() {
    }

    /** The union of the roles' services; a role Ocellus does not know gets every service. */
    public static List<String> forRoles(List<String> roles) {
        Set<String> audiences = new LinkedHashSet<>();
        for (String role : roles) {
            audiences.addAll(BY_ROLE.getOrDefault(role, ALL));
        }
        return List.copyOf(audiences);
    }
}
