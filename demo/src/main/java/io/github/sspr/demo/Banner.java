package io.github.sspr.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** What the demo prints once Keycloak answers: where to go, who to sign in as, where the messages are. */
final class Banner {

    private Banner() {}

    /** {@code activeDirectory}: where the domain controller listens, when the demo runs one. */
    static String render(
            String realm,
            List<DemoAccounts.Account> accounts,
            String outbox,
            Optional<String> activeDirectory,
            Duration startup) {
        String base = "http://localhost:" + KeycloakServer.HTTP_PORT;
        StringBuilder text = new StringBuilder();
        String rule = "#".repeat(72);
        text.append('\n').append(rule).append('\n');
        text.append("  Keycloak SSPR demo is ready (started in ")
                .append(startup.toSeconds())
                .append(" s)\n\n");
        text.append("  Admin console    ")
                .append(base)
                .append("/admin   (")
                .append(KeycloakServer.ADMIN_USERNAME)
                .append(" / ")
                .append(KeycloakServer.ADMIN_PASSWORD)
                .append(", realm master)\n");
        text.append("  Account console  ")
                .append(base)
                .append("/realms/")
                .append(realm)
                .append("/account\n");
        text.append("                   sign in there, or follow \"Forgot Password?\" to try a reset\n");
        activeDirectory.ifPresent(
                where -> text.append("  Active Directory ").append(where).append('\n'));
        text.append('\n');
        text.append("  Demo accounts (realm ").append(realm).append(")\n");
        int width = accounts.stream().mapToInt(a -> a.username().length()).max().orElse(8);
        int passwordWidth =
                accounts.stream().mapToInt(a -> a.password().length()).max().orElse(8);
        for (DemoAccounts.Account account : accounts) {
            text.append("    ")
                    .append(pad(account.username(), width))
                    .append("  ")
                    .append(pad(account.password(), passwordWidth))
                    .append("  ")
                    .append(account.source());
            if (!account.note().isEmpty()) {
                text.append(", ").append(account.note());
            }
            text.append('\n');
        }
        text.append('\n');
        text.append("  Messages (email, SMS, voice) are printed here and appended to\n");
        text.append("    ").append(outbox).append("   (one JSON object per line)\n\n");
        text.append("  Ctrl-C stops Keycloak, ")
                .append(activeDirectory.isPresent() ? "the domain controller, " : "")
                .append("the directory and the mail sink. The next run starts clean.\n");
        text.append(rule).append("\n\n");
        return text.toString();
    }

    private static String pad(String value, int width) {
        return value + " ".repeat(Math.max(0, width - value.length()));
    }
}
