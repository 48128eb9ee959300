package io.ocellus.teststack;

import java.util.Set;

/**
 * An HTTP endpoint of a service and the roles it admits (none listed: any valid token). {@code answers} says
 * whether a request with the right token comes back at all (an event stream does not end, so it is only checked
 * for refusals).
 */
public record SecuredEndpoint(String method, String path, String contentType, Set<String> roles, boolean answers) {

    public static SecuredEndpoint get(String path, String... roles) {
        return new SecuredEndpoint("GET", path, null, Set.of(roles), true);
    }

    public static SecuredEndpoint post(String path, String contentType, String... roles) {
        return new SecuredEndpoint("POST", path, contentType, Set.of(roles), true);
    }

    /** An endpoint that streams: checked only for the requests it must refuse. */
    public static SecuredEndpoint stream(String path, String... roles) {
        return new SecuredEndpoint("GET", path, null, Set.of(roles), false);
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
