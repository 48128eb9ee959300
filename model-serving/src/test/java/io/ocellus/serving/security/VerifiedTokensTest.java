package io.ocellus.serving.security;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real RS256 tokens through smallrye-jwt's real parser, with a count of how often it was asked. */
class VerifiedTokensTest {

    private static final String ISSUER = "ocellus-test";
    private final KeyPair key = rsa();
    private final AtomicInteger verifications = new AtomicInteger();
    private final MovableClock clock = new MovableClock(Instant.now());
    private final VerifiedTokens tokens = new VerifiedTokens(counted(new DefaultJWTParser(
            new JWTAuthContextInfo(key.getPublic(), ISSUER))), clock);

    @Test
    void aTokenIsVerifiedOnceWhileItIsValid() throws Exception {
        String token = token(key, "alice", List.of("viewer"), Duration.ofHours(1));

        JsonWebToken first = tokens.parse(token);
        JsonWebToken again = tokens.parse(token);

        assertThat(again).isSameAs(first);
        assertThat(again.getName()).isEqualTo("alice");
        assertThat(again.getGroups()).containsExactly("viewer");
        assertThat(verifications).hasValue(1);

        tokens.parse(token(key, "bob", List.of("uploader"), Duration.ofHours(1)));
        assertThat(verifications).as("another token is verified on its own").hasValue(2);
    }

    @Test
    void oncePastItsExpiryATokenIsVerifiedAgain() throws Exception {
        String token = token(key, "alice", List.of("viewer"), Duration.ofMinutes(10));
        tokens.parse(token);

        clock.advance(Duration.ofMinutes(11));
        tokens.parse(token);

        assertThat(verifications).hasValue(2);
    }

    @Test
    void refusedTokensAreRefusedEveryTimeAndNeverKept() throws Exception {
        String forged = token(rsa(), "mallory", List.of("admin"), Duration.ofHours(1));
        String expired = token(key, "alice", List.of("viewer"), Duration.ofMinutes(-30));

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> tokens.parse(forged)).isInstanceOf(ParseException.class);
            assertThatThrownBy(() -> tokens.parse(expired)).isInstanceOf(ParseException.class);
        }
        assertThat(verifications).hasValue(4);
    }

    private JWTParser counted(JWTParser parser) {
        return (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{JWTParser.class},
                (proxy, method, args) -> {
                    verifications.incrementAndGet();
                    try {
                        return method.invoke(parser, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String token(KeyPair signer, String subject, List<String> groups, Duration valid)
            throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", groups);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(valid.toSeconds() / 60f);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signer.getPrivate());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
