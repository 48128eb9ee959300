package io.ocellus.stack.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocellus.stack.OcellusCli;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TokenMinterTest {

    @TempDir
    Path stateDir;

    private JwtKeys keys() {
        return JwtKeys.of(new StackLayout(Path.of(".."), stateDir));
    }

    private static JwtConsumer consumer(JwtKeys keys) {
        // as ingest-service checks it: the token must name the service it is shown to
        return new JwtConsumerBuilder().setVerificationKey(keys.loadVerifyKey()).setExpectedIssuer("ocellus-local")
                .setExpectedAudience(Audiences.INGEST).setRequireExpirationTime().setRequireIssuedAt().setRequireJwtId().setRequireSubject()
                .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.RSA_USING_SHA256)
                .build();
    }

    @Test
    void generatesAPkcs8SigningKeyOwnerOnlyAndAnSpkiVerifyKeyOnce() throws Exception {
        JwtKeys keys = keys();
        assertThat(keys.ensure()).isTrue();

        assertThat(keys.signingKey()).isEqualTo(stateDir.resolve("config/jwt/signing-key.pem"));
        assertThat(keys.verifyKey()).isEqualTo(stateDir.resolve("config/jwt/verify-key.pem"));
        assertThat(Files.readString(keys.signingKey())).startsWith("-----BEGIN PRIVATE KEY-----\n")
                .endsWith("-----END PRIVATE KEY-----\n");
        assertThat(Files.readString(keys.verifyKey())).startsWith("-----BEGIN PUBLIC KEY-----\n")
                .endsWith("-----END PUBLIC KEY-----\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keys.signingKey())))
                .isEqualTo("rw-------");
        assertThat(((java.security.interfaces.RSAPublicKey) keys.loadVerifyKey()).getModulus().bitLength())
                .isEqualTo(2048);

        String before = Files.readString(keys.signingKey());
        assertThat(keys.ensure()).as("an existing pair is kept").isFalse();
        assertThat(Files.readString(keys.signingKey())).isEqualTo(before);
    }

    @Test
    void mintedTokenVerifiesWithThePublicKeyAndCarriesTheClaims() throws Exception {
        JwtKeys keys = keys();
        keys.ensure();
        Instant now = Instant.now();
        String token = TokenMinter.fromStack(keys).mint("alice", List.of("uploader", "viewer"), Duration.ofHours(2),
                now);

        assertThat(token.split("\\.")).hasSize(3);
        JwtClaims claims = consumer(keys).processToClaims(token);
        assertThat(claims.getIssuer()).isEqualTo("ocellus-local");
        assertThat(claims.getSubject()).isEqualTo("alice");
        assertThat(claims.getStringClaimValue("upn")).isEqualTo("alice");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("uploader", "viewer");
        assertThat(claims.getAudience()).as("a viewer reads everywhere").containsExactlyInAnyOrderElementsOf(
                Audiences.ALL);
        assertThat(TokenMinter.fromStack(keys).mint("bob", List.of("uploader"), Duration.ofHours(1)))
                .satisfies(upload -> assertThat(consumer(keys).processToClaims(upload).getAudience())
                        .containsExactly(Audiences.INGEST, Audiences.MONITOR));
        assertThatThrownBy(() -> TokenMinter.fromStack(keys).mint("bob", List.of("viewer"), Duration.ofHours(25)))
                .hasMessageContaining("at most 24 hours");
        assertThat(claims.getIssuedAt().getValue()).isEqualTo(now.getEpochSecond());
        assertThat(claims.getExpirationTime().getValue()).isEqualTo(now.getEpochSecond() + 7200);
        assertThat(claims.getJwtId()).isNotBlank();
        String other = TokenMinter.fromStack(keys).mint("alice", List.of("uploader"), Duration.ofHours(2), now);
        assertThat(consumer(keys).processToClaims(other).getJwtId()).isNotEqualTo(claims.getJwtId());
    }

    @Test
    void anExpiredTokenAndATokenFromAnotherKeyAreRefused() {
        JwtKeys keys = keys();
        keys.ensure();
        String expired = TokenMinter.fromStack(keys).mint("bob", List.of("viewer"), Duration.ofMinutes(1),
                Instant.now().minus(Duration.ofHours(1)));
        assertThatThrownBy(() -> consumer(keys).processToClaims(expired)).isInstanceOf(InvalidJwtException.class)
                .hasMessageContaining("no longer valid");

        JwtKeys otherStack = JwtKeys.of(new StackLayout(Path.of(".."), stateDir.resolve("other")));
        otherStack.ensure();
        String foreign = TokenMinter.fromStack(otherStack).mint("bob", List.of("viewer"), Duration.ofMinutes(5));
        assertThatThrownBy(() -> consumer(keys).processToClaims(foreign)).isInstanceOf(InvalidJwtException.class);
    }

    @Test
    void withoutAStackTheCommandSaysToRunUpFirst() {
        assertThatThrownBy(() -> TokenMinter.fromStack(keys())).isInstanceOf(StackException.class)
                .hasMessageContaining("run ./ocellus up first");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = OcellusCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int exit = cli.execute("token", "--role", "uploader", "--state-dir", stateDir.toString());
        assertThat(exit).isEqualTo(1);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).contains("run ./ocellus up first");
    }

    @Test
    void theCommandPrintsOnlyTheToken() throws Exception {
        JwtKeys keys = keys();
        keys.ensure();
        StringWriter out = new StringWriter();
        CommandLine cli = OcellusCli.commandLine();
        cli.setOut(new PrintWriter(out));
        int exit = cli.execute("token", "--role", "uploader", "--role", "viewer", "--subject", "carol",
                "--ttl", "30m", "--state-dir", stateDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString()).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\n");
        JwtClaims claims = consumer(keys).processToClaims(out.toString().trim());
        assertThat(claims.getSubject()).isEqualTo("carol");
        assertThat(claims.getStringListClaimValue("groups")).containsExactly("uploader", "viewer");
        assertThat(claims.getExpirationTime().getValue() - claims.getIssuedAt().getValue()).isEqualTo(1800);
    }

    @Test
    void timeToLiveAcceptsShortFormsAndIso() {
        assertThat(TimeToLive.parse("12h")).isEqualTo(Duration.ofHours(12));
        assertThat(TimeToLive.parse("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(TimeToLive.parse("7d")).isEqualTo(Duration.ofDays(7));
        assertThat(TimeToLive.parse("PT1H30M")).isEqualTo(Duration.ofMinutes(90));
        assertThatThrownBy(() -> TimeToLive.parse("soon")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> TimeToLive.parse("0m")).hasMessageContaining("longer than zero");
    }
}
