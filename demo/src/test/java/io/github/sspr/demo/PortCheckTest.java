package io.github.sspr.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class PortCheckTest {

    @Test
    void aPortWithAListenerOnLoopbackIsBusy() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertFalse(PortCheck.isFree(port));
            List<PortCheck.DemoPort> busy = PortCheck.busy(
                    List.of(new PortCheck.DemoPort(port, "Keycloak HTTP"), new PortCheck.DemoPort(freePort(), "x")));
            assertEquals(List.of(new PortCheck.DemoPort(port, "Keycloak HTTP")), busy);
        }
    }

    @Test
    void aPortNobodyListensOnIsFree() throws Exception {
        assertTrue(PortCheck.isFree(freePort()));
    }

    @Test
    void theMessageNamesEachPortAndItsPurpose() {
        String one = PortCheck.describe(List.of(new PortCheck.DemoPort(8080, "Keycloak HTTP")));
        assertTrue(one.contains("a port it needs is already in use"), one);
        assertTrue(one.contains("8080 (Keycloak HTTP)"), one);

        String two = PortCheck.describe(PortCheck.DEMO_PORTS.subList(2, 4));
        assertTrue(two.contains("ports it needs are already in use"), two);
        assertTrue(two.contains("3025 (SMTP sink)"), two);
        assertTrue(two.contains("10389 (LDAP directory)"), two);
    }

    @Test
    void theDemoNeedsFourPorts() {
        assertEquals(
                List.of(8080, 9000, 3025, 10389),
                PortCheck.DEMO_PORTS.stream().map(PortCheck.DemoPort::port).toList());
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
