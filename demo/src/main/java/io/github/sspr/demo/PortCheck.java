package io.github.sspr.demo;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.Collectors;

/** Finds which of the demo's ports something else already listens on, before the demo starts anything. */
final class PortCheck {

    /** A port the demo needs and what for. */
    record DemoPort(int port, String purpose) {}

    /** Every port of the demo: Keycloak's HTTP and management ports, the SMTP sink, the LDAP directory. */
    static final List<DemoPort> DEMO_PORTS = List.of(
            new DemoPort(KeycloakServer.HTTP_PORT, "Keycloak HTTP"),
            new DemoPort(KeycloakServer.MANAGEMENT_PORT, "Keycloak management"),
            new DemoPort(DemoLauncher.SMTP_PORT, "SMTP sink"),
            new DemoPort(DemoLauncher.LDAP_PORT, "LDAP directory"));

    private PortCheck() {}

    static List<DemoPort> busy(List<DemoPort> ports) {
        return ports.stream().filter(p -> !isFree(p.port())).collect(Collectors.toList());
    }

    /**
     * True when a listener could be bound to the port on every interface. The wildcard address is the strict test:
     * on Linux it collides with a listener on any single address (127.0.0.1 included), and Keycloak itself listens on
     * all interfaces.
     */
    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // SO_REUSEADDR, as Keycloak, GreenMail and UnboundID bind: connections of a previous run still in
            // TIME_WAIT do not make a port busy, while a live listener on it still does (Linux refuses the bind).
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The message for a person: which ports, what the demo wanted them for, and how to find the culprit. */
    static String describe(List<DemoPort> busy) {
        StringBuilder message = new StringBuilder("The demo cannot start: ");
        message.append(busy.size() == 1 ? "a port it needs is" : "ports it needs are")
                .append(" already in use.\n");
        for (DemoPort port : busy) {
            message.append("  - ")
                    .append(port.port())
                    .append(" (")
                    .append(port.purpose())
                    .append(")\n");
        }
        message.append("Stop what listens there (another demo or a test run? `ss -ltnp` shows the process) and run ")
                .append("./run-demo.sh again.");
        return message.toString();
    }
}
