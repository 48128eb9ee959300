package io.ocellus.ingest;

import io.ocellus.teststack.LocalStackResource;
import io.ocellus.teststack.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A multipart upload is measured before it is read: one declaring more than the limit is refused at once with its
 * problem, before a byte of its body is sent, so nothing is spooled to disk.
 */
@QuarkusTest
@WithTestResource(value = LocalStackResource.class, scope = TestResourceScope.GLOBAL)
class MultipartBodyLimitTest {

    @Test
    void aFormDeclaringFiveGigabytesIsRefusedBeforeItsBodyIsSent() throws IOException {
        String answer = headersOnly("Content-Length: 5000000000\r\n");
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("/multipart-too-large").contains("5000000000 bytes");
    }

    /** Sends a multipart POST's headers and nothing of its body, and reads the answer's head and body. */
    private static String headersOnly(String lengthHeader) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/images HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestTokens.uploader() + "\r\n"
                    + "Content-Type: multipart/form-data; boundary=ocellus\r\n" + lengthHeader + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
            int bodyLength = length.find() ? Integer.parseInt(length.group(1)) : 0;
            return head + new String(in.readNBytes(bodyLength), StandardCharsets.UTF_8);
        }
    }
}
