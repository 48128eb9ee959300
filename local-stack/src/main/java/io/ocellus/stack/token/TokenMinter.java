package io.ocellus.stack.token;

import io.ocellus.stack.StackLayout;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

/**
 * Mints the RS256 tokens the services accept: MicroProfile JWT claims ({@code upn} and {@code groups} are what
 * SmallRye JWT maps to the caller's name and roles), issuer {@link JwtKeys#ISSUER}.
 */
public final class TokenMinter {

    private final PrivateKey signingKey;

    public TokenMinter(PrivateKey signingKey) {
        this.signingKey = signingKey;
    }

    public static TokenMinter fromStack(JwtKeys keys) {
        return new TokenMinter(keys.loadSigningKey());
    }

    /** The services refuse tokens issued longer ago than this ({@code mp.jwt.verify.token.age}). */
    public static final Duration MAX_TTL = Duration.ofHours(24);

    public String mint(String subject, List<String> roles, Duration ttl) {
        return mint(subject, roles, Audiences.forRoles(roles), ttl, Instant.now());
    }

    /** A token for the services named in {@code audiences} (their application names, e.g. ocellus-ingest). */
    public String mint(String subject, List<String> roles, List<String> audiences, Duration ttl) {
        return mint(subject, roles, audiences, ttl, Instant.now());
    }

    String mint(String subject, List<String> roles, Duration ttl, Instant now) {
        return mint(subject, roles, Audiences.forRoles(roles), ttl, now);
    }

    String mint(String subject, List<String> roles, List<String> audiences, Duration ttl, Instant now) {
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one role");
        }
        if (audiences.isEmpty()) {
            throw new IllegalArgumentException("a token needs at least one audience");
        }
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("the time to live must be positive");
        }
        if (ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("a token may live at most " + MAX_TTL.toHours()
                    + " hours: the services refuse older ones");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(JwtKeys.ISSUER);
        claims.setSubject(subject);
        claims.setAudience(List.copyOf(audiences));
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.copyOf(roles));
        claims.setIssuedAt(NumericDate.fromSeconds(now.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(ttl).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());

        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        jws.setHeader("typ", "JWT");
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign the token: " + e.getMessage(), e);
        }
    }

    /** {@code $USER}, else {@code ocellus-user}: who the token is for when {@code --subject} is not given. */
    /** Where a command's bearer token comes from when none is passed: this environment variable. */
    public static final String TOKEN_ENV = "OCELLUS_TOKEN";

    /**
     * The token a client command presents: {@code explicit} when given, else {@code $OCELLUS_TOKEN}, else one for
     * {@code role} minted with the stack's signing key (a {@code StackException} when the stack has none).
     */
    public static String forCommand(String explicit, StackLayout layout, String role, Duration ttl) {
        if (explicit != null && !explicit.isBlank()) {
            return explicit.trim();
        }
        String env = System.getenv(TOKEN_ENV);
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        return fromStack(JwtKeys.of(layout)).mint(defaultSubject(), List.of(role), ttl);
    }

    public static String defaultSubject() {
        String user = System.getenv("USER");
        return user == null || user.isBlank() ? "ocellus-user" : user.trim();
    }
}
