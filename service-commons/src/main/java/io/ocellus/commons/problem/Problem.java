package io.ocellus.commons.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.net.URI;

/** An RFC 7807 problem detail, the body of every error answer of an Ocellus service. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(URI type, String title, int status, String detail, String instance) {

    public static final String MEDIA_TYPE = "application/problem+json";

    private static final String TYPE_BASE = "https://ocellus.io/problems/";

    /** A problem whose type URI is derived from a short slug such as {@code not-an-image}. */
    public static Problem of(String slug, String title, int status, String detail, String instance) {
        return new Problem(URI.create(TYPE_BASE + slug), title, status, detail, instance);
    }
}
