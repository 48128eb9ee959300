package io.ocellus.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ocellus.stack.PortAllocator.Allocation;
import io.ocellus.stack.PortAllocator.Request;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortAllocatorTest {

    private static ServerSocket listenOnSomePort() throws Exception {
        ServerSocket socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return socket;
    }

    @Test
    void aTakenDefaultPortFallsBackToAFreeOne() throws Exception {
        try (ServerSocket taken = listenOnSomePort()) {
            Allocation allocation = new PortAllocator().allocate("kafka", Request.preferred(taken.getLocalPort()));

            assertThat(allocation.fellBack()).isTrue();
            assertThat(allocation.preferred()).isEqualTo(taken.getLocalPort());
            assertThat(allocation.port()).isNotEqualTo(taken.getLocalPort()).isPositive();
            assertThat(PortAllocator.isFree(allocation.port())).isTrue();
        }
    }

    @Test
    void aFreeDefaultPortIsUsed() throws Exception {
        int port;
        try (ServerSocket probe = listenOnSomePort()) {
            port = probe.getLocalPort();
        }
        Allocation allocation = new PortAllocator().allocate("s3", Request.preferred(port));

        assertThat(allocation.port()).isEqualTo(port);
        assertThat(allocation.fellBack()).isFalse();
    }

    @Test
    void anExplicitPortThatIsTakenIsAnError() throws Exception {
        try (ServerSocket taken = listenOnSomePort()) {
            assertThatThrownBy(() -> new PortAllocator().allocate("kafka", Request.exactly(taken.getLocalPort())))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is already in use");
        }
    }

    @Test
    void theSamePortIsNeverHandedOutTwice() {
        PortAllocator allocator = new PortAllocator();
        int first = allocator.allocate("a", Request.any()).port();
        Allocation second = allocator.allocate("b", Request.preferred(first));

        assertThat(second.port()).isNotEqualTo(first);
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            ports.add(allocator.allocate("c" + i, Request.any()).port());
        }
        assertThat(ports).hasSize(20).doesNotContain(first, second.port());
    }

    @Test
    void aReservedPortIsNotHandedOut() {
        PortAllocator allocator = new PortAllocator();
        int reserved = new PortAllocator().allocate("x", Request.any()).port();
        allocator.reserve(reserved);

        assertThat(allocator.allocate("y", Request.preferred(reserved)).port()).isNotEqualTo(reserved);
        assertThatThrownBy(() -> allocator.allocate("z", Request.exactly(reserved))).isInstanceOf(StackException.class);
    }

    @Test
    void optionValuesMapToRequests() {
        assertThat(Request.fromOption(null, 9092)).isEqualTo(Request.preferred(9092));
        assertThat(Request.fromOption(0, 9092)).isEqualTo(Request.any());
        assertThat(Request.fromOption(19092, 9092)).isEqualTo(Request.exactly(19092));
        assertThatThrownBy(() -> new PortAllocator().allocate("k", Request.exactly(70000)))
                .isInstanceOf(StackException.class).hasMessageContaining("not a TCP port");
    }
}
