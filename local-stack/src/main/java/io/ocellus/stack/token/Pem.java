package io.ocellus.stack.token;

import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PEM armour for DER keys, as OpenSSL and SmallRye JWT read them: {@code PRIVATE KEY} = PKCS#8,
 * {@code PUBLIC KEY} = X.509 SubjectPublicKeyInfo.
 */
final class Pem {

    private Pem() {
    }

    static String encode(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** The DER bytes of the first block of this type; IllegalArgumentException when there is none. */
    static byte[] decode(String type, String text) {
        Matcher block = Pattern.compile("-----BEGIN " + Pattern.quote(type) + "-----([A-Za-z0-9+/=\\s]+)-----END "
                + Pattern.quote(type) + "-----").matcher(text);
        if (!block.find()) {
            throw new IllegalArgumentException("no '" + type + "' PEM block");
        }
        return Base64.getMimeDecoder().decode(block.group(1));
    }
}
