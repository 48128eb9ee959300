package io.ocellus.teststack;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Bearer tokens for tests, signed by a key pair made for this test JVM; {@link LocalStackResource} gives the app
 * the public half, as the local stack does with its own key. A token names the services it is for in its
 * {@code aud} claim (each service's application name); {@link #token} names all five. The other factories make the
 * tokens a service must refuse: expired, too old, wrongly signed, for another service, malformed.
 */
public final class TestTokens {

    public static final String ISSUER = "ocellus-local";
    /** The application names of the five services, which are their token audiences. */
    public static final List<String> ALL_SERVICES = List.of("ocellus-ingest", "ocellus-trainer", "ocellus-inference",
            "ocellus-detector", "ocellus-monitor");

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER = generate();

    private TestTokens() {
    }

    /** A signed token for {@code subject} carrying {@code roles} in its {@code groups} claim, for every service. */
    public static String token(String subject, String... roles) {
        return sign(claims(subject, ALL_SERVICES, Instant.now(), Duration.ofHours(1), roles), KEYS.getPrivate());
    }

    /** A valid token for one service only ({@code audience}: its application name, e.g. ocellus-trainer). */
    public static String forAudience(String audience, String subject, String... roles) {
        return sign(claims(subject, List.of(audience), Instant.now(), Duration.ofHours(1), roles), KEYS.getPrivate());
    }

    /** A token whose expiry passed ten minutes ago (beyond the verifier's clock skew). */
    public static String expired(String subject, String... roles) {
        return sign(claims(subject, ALL_SERVICES, Instant.now().minus(Duration.ofHours(2)), Duration.ofMinutes(110),
                roles), KEYS.getPrivate());
    }

    /** A token still unexpired, but issued two days ago: older than any token a service takes. */
    public static String issuedTooLongAgo(String subject, String... roles) {
        return sign(claims(subject, ALL_SERVICES, Instant.now().minus(Duration.ofDays(2)), Duration.ofDays(3),
                roles), KEYS.getPrivate());
    }

    /** A token with every right claim, signed by a key the services do not know. */
    public static String signedByAStranger(String subject, String... roles) {
        return sign(claims(subject, ALL_SERVICES, Instant.now(), Duration.ofHours(1), roles), STRANGER.getPrivate());
    }

    /** Not a JWT at all. */
    public static String malformed() {
        return "not.a-token";
    }

    public static String uploader() {
        return token("test-uploader", "uploader");
    }

    private static JwtClaims claims(String subject, List<String> audiences, Instant issued, Duration ttl,
                                    String... roles) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setAudience(audiences);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", List.of(roles));
        claims.setIssuedAt(NumericDate.fromSeconds(issued.getEpochSecond()));
        claims.setExpirationTime(NumericDate.fromSeconds(issued.plus(ttl).getEpochSecond()));
        claims.setGeneratedJwtId();
        return claims;
    }

    private static String sign(JwtClaims claims, Key key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign a test token", e);
        }
    }

    /** The verification key as PEM, the form {@code mp.jwt.verify.publickey} takes. */
    static String publicKeyPem() {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has RSA", e);
        }
    }
}
