package io.ocellus.stack.token;

import io.ocellus.stack.ConfigFiles;
import io.ocellus.stack.StackException;
import io.ocellus.stack.StackLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;

/**
 * The local stack's JWT key pair in {@code config/jwt/}: {@code signing-key.pem} (PKCS#8, owner-only) signs the
 * tokens {@code ./ocellus token} mints; {@code verify-key.pem} (X.509 SubjectPublicKeyInfo) is what every service
 * checks them with. Generated once by {@code up}; kept across restarts so tokens stay valid.
 */
public record JwtKeys(Path signingKey, Path verifyKey) {

    /** The {@code iss} of every local token and the issuer every service expects. */
    public static final String ISSUER = "ocellus-local";
    static final int RSA_BITS = 2048;

    public static JwtKeys of(StackLayout layout) {
        Path dir = layout.configDir().resolve("jwt");
        return new JwtKeys(dir.resolve("signing-key.pem"), dir.resolve("verify-key.pem"));
    }

    public boolean exist() {
        return Files.isRegularFile(signingKey) && Files.isRegularFile(verifyKey);
    }

    /**
     * Generates the pair when either half is missing (a lone half cannot be trusted to match); keeps an existing
     * pair, so services already running and tokens already minted stay valid.
     *
     * @return whether a new pair was generated
     */
    public boolean ensure() {
        if (exist()) {
            return false;
        }
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_BITS);
            KeyPair pair = generator.generateKeyPair();
            ConfigFiles.writeSecret(signingKey, Pem.encode("PRIVATE KEY", pair.getPrivate().getEncoded()));
            ConfigFiles.write(verifyKey, Pem.encode("PUBLIC KEY", pair.getPublic().getEncoded()));
            return true;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JVM can generate RSA keys", e);
        }
    }

    public PrivateKey loadSigningKey() {
        byte[] der = read(signingKey, "PRIVATE KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new StackException("token", signingKey + " is not an RSA PKCS#8 key: " + e.getMessage());
        }
    }

    public PublicKey loadVerifyKey() {
        byte[] der = read(verifyKey, "PUBLIC KEY");
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new StackException("token", verifyKey + " is not an RSA public key: " + e.getMessage());
        }
    }

    private static byte[] read(Path file, String type) {
        if (!Files.isRegularFile(file)) {
            throw new StackException("token", "no JWT key at " + file + ": run ./ocellus up first (it generates "
                    + "the stack's signing key), or pass --state-dir of a stack that has one");
        }
        try {
            return Pem.decode(type, Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new StackException("token", "cannot read " + file + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            // the message names the file and the PEM type only: never echo key material
            throw new StackException("token", file + " holds no " + type + " PEM block");
        }
    }
}
