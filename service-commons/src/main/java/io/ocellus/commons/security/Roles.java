package io.ocellus.commons.security;

/**
 * Roles carried in the {@code groups} claim of an Ocellus bearer token. Reading needs any valid token; changing
 * something needs the role named for it.
 */
public final class Roles {

    /** May upload images and data sets. */
    public static final String UPLOADER = "uploader";
    /** May submit, cancel and resume training jobs. */
    public static final String TRAINER = "trainer";
    /** May promote and roll back models. */
    public static final String ADMIN = "admin";
    /** May read, nothing more. */
    public static final String VIEWER = "viewer";

    private Roles() {
    }
}
