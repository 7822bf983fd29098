package io.github.sspr.it.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.github.sspr.it.support.AdminApi;
import io.github.sspr.it.support.Mails;
import io.github.sspr.it.support.Metrics;
import io.github.sspr.it.support.PolicyFixture;
import io.github.sspr.it.support.RealmManagementRoles;
import io.github.sspr.it.support.ResetClient;
import io.github.sspr.it.support.ResetUsers;
import io.github.sspr.it.support.SsprServerConfig;
import io.github.sspr.it.support.TwilioFake;
import io.github.sspr.it.support.UsedSecrets;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.keycloak.admin.client.Keycloak;
import org.keycloak.representations.idm.AdminEventRepresentation;
import org.keycloak.representations.idm.EventRepresentation;
import org.keycloak.testframework.annotations.InjectAdminClient;
import org.keycloak.testframework.annotations.InjectRealm;
import org.keycloak.testframework.annotations.KeycloakIntegrationTest;
import org.keycloak.testframework.mail.MailServer;
import org.keycloak.testframework.mail.annotations.InjectMailServer;
import org.keycloak.testframework.realm.ManagedRealm;

/**
 * Issue 15's remaining limits on a real Keycloak, with WireMock as Twilio and GreenMail (docs/throttles.md): the
 * per-flow send limit and resend cooldown at their configured numbers; the daily message budget's alerts (one event
 * and one mail to the realm's admins per threshold) and its refusal; near-blocks, the filters, and a lift that clears
 * one block only and is recorded as an admin event and an activity row, with one event per limit hit.
 */
@KeycloakIntegrationTest(config = SsprServerConfig.class)
class ThrottleLimitsIT {

    private static final String CANNOT_SEND = "We cannot send a message there right now. Choose another method.";

    @RegisterExtension
    static WireMockExtension twilio = TwilioFake.extension();

    @InjectAdminClient
    Keycloak admin;

    @InjectRealm(fromJson = "/realm-exports/demo-realm.json")
    ManagedRealm realm;

    @InjectMailServer
    MailServer mail;

    AdminApi api;

    @BeforeEach
    void setUp() {
        TwilioFake.acceptAll(twilio);
        api = new AdminApi(admin.tokenManager().getAccessTokenString());
    }

    private String blocksPath() {
        return "/admin/realms/" + realm.getName() + "/sspr/blocks";
    }

    /** A new reset flow for {@code user} that chooses a text. */
    private ResetClient text(ResetUsers.Created user) {
        return new ResetClient(realm.getName())
                .openReset()
                .identify(user.username(), null)
                .action("choose", "method", "sms");
    }

    private List<JsonNode> rows(String query) {
        AdminApi.Response listed = api.get(blocksPath() + query);
        assertEquals(200, listed.status(), listed.body());
        List<JsonNode> rows = new ArrayList<>();
        listed.json().forEach(rows::add);
        return rows;
    }

    @Test
    void thePerFlowSendLimitAndTheResendCooldownHoldAtTheirConfiguredNumbers() {
        ResetUsers.Created eva = ResetUsers.create(realm.admin(), "eva", false, UsedSecrets.addPhone("+14155550401"));
        try (PolicyFixture ignored = PolicyFixture.apply(
                realm, Map.of("codeSendsPerFlow", List.of("2"), "codeResendCooldownSeconds", List.of("0")))) {
            ResetClient flow = text(eva);
            assertEquals("sspr-reset-code.ftl", flow.template(), flow.body());
            // No wait under a cooldown of 0 (the default 30 s would say "Wait 30 seconds").
            flow.action("resend");
            assertEquals("sspr-reset-code.ftl", flow.template(), flow.body());
            TwilioFake.await(twilio, TwilioFake.messagesPath(), eva.phone(), 2);
            // The third send of the flow is over a limit of 2 (the default is 5).
            flow.action("resend");
            assertTrue(flow.body().contains("Too many codes were sent in this attempt. Start again."), flow.body());
            assertEquals(
                    2,
                    TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), eva.phone())
                            .size());
        }
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("codeResendCooldownSeconds", List.of("180")))) {
            ResetClient flow = text(eva);
            assertEquals("sspr-reset-code.ftl", flow.template(), flow.body());
            flow.action("resend");
            // The default 30 s would say seconds.
            String wait = flow.fieldError("code");
            assertTrue(wait != null && wait.matches("Wait [23] minutes before asking for another code\\."), wait);
        }
    }

    @Test
    void theDailyMessageBudgetAlertsTheAdminsOncePerThresholdAndThenRefusesTexts() {
        ResetUsers.Created owner = ResetUsers.create(realm.admin(), "owen", false, null);
        RealmManagementRoles.grant(realm.admin(), owner.id(), "realm-admin");
        List<ResetUsers.Created> senders = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // A recovery email too: over the budget the phone is greyed out and the email stays offered.
            senders.add(ResetUsers.create(realm.admin(), "bud", true, UsedSecrets.addPhone("+1415555041" + i)));
        }
        Set<String> before = Mails.seen(mail);
        long since = System.currentTimeMillis();
        try (PolicyFixture ignored = PolicyFixture.apply(realm, Map.of("dailyMessageBudget", List.of("5")))) {
            for (int i = 0; i < 4; i++) {
                ResetClient flow = text(senders.get(i));
                assertEquals("sspr-reset-code.ftl", flow.template(), flow.body());
            }
            // The fourth text is 80 % of 5.
            MimeMessage warning = Mails.newMailTo(mail, owner.email(), before);
            assertEquals("SSPR Demo: 80 % of today’s message budget used", subject(warning));
            assertTrue(
                    Mails.text(warning).contains("reached 80 % of the daily message budget of 5."),
                    Mails.text(warning));

            ResetClient fifth = text(senders.get(4));
            assertEquals("sspr-reset-code.ftl", fifth.template(), fifth.body());
            Set<String> afterWarning = Mails.seen(mail);
            afterWarning.add(messageId(warning));
            MimeMessage reached = Mails.newMailTo(mail, owner.email(), afterWarning);
            assertEquals("SSPR Demo: today’s message budget is used up", subject(reached));

            // Over the budget: greyed out and refused like a daily cap, other methods offered, nothing reaches Twilio.
            for (int attempt = 0; attempt < 2; attempt++) {
                ResetClient sixth = text(senders.get(5));
                assertEquals(CANNOT_SEND, sixth.fieldError("method"), sixth.body());
                assertTrue(sixth.options().containsKey("email"), "the email stays offered: " + sixth.options());
            }
            assertTrue(TwilioFake.requestsTo(
                            twilio, TwilioFake.messagesPath(), senders.get(5).phone())
                    .isEmpty());

            // Exactly one mail per threshold, and one event each.
            assertEquals(1, mailsTo(owner.email(), before, "80 % of today’s message budget used"));
            assertEquals(1, mailsTo(owner.email(), before, "today’s message budget is used up"));
            List<String> budgetEvents = events("sspr_message_budget", since).stream()
                    .map(e -> e.getDetails().get("sspr_limit"))
                    .sorted()
                    .toList();
            assertEquals(List.of("message-budget-100", "message-budget-80"), budgetEvents);
        }
    }

    @Test
    void nearBlocksAndFiltersAreListedAndALiftClearsOneBlockOnlyAndIsRecorded() {
        ResetUsers.Created nia = ResetUsers.create(realm.admin(), "nia", true, UsedSecrets.addPhone("+14155550421"));
        ResetUsers.Created oli = ResetUsers.create(realm.admin(), "oli", false, UsedSecrets.addPhone("+14155550422"));
        long since = System.currentTimeMillis();
        String metricsBefore = Metrics.scrape();
        try (PolicyFixture ignored = PolicyFixture.apply(
                realm, Map.of("phoneNumberSendsLimit", List.of("3"), "gateFailuresLimit", List.of("2")))) {
            for (int i = 0; i < 3; i++) {
                text(nia);
            }
            // Three texts of 3 (80 %, rounded up, is 3): near, not blocked.
            List<JsonNode> near = rows("?user=" + nia.username());
            assertEquals(1, near.size(), near.toString());
            assertEquals("near", near.get(0).path("state").asText());
            assertEquals("phone-number-sends", near.get(0).path("reason").asText());
            assertEquals(3, near.get(0).path("count").asInt());
            assertEquals(3, near.get(0).path("limit").asInt());
            assertTrue(near.get(0).path("until").asLong()
                    > near.get(0).path("since").asLong());

            // The fourth and fifth are refused; the number is blocked, told once.
            assertEquals(CANNOT_SEND, text(nia).fieldError("method"));
            assertEquals(CANNOT_SEND, text(nia).fieldError("method"));
            // The sends run after their requests' commits: wait for the third to reach Twilio, then none more.
            TwilioFake.await(twilio, TwilioFake.messagesPath(), nia.phone(), 3);
            assertEquals(
                    3,
                    TwilioFake.requestsTo(twilio, TwilioFake.messagesPath(), nia.phone())
                            .size());

            // Oli: two wrong codes block his text gate.
            ResetClient olis = text(oli);
            String code = UsedSecrets.add(
                    TwilioFake.smsCode(TwilioFake.await(twilio, TwilioFake.messagesPath(), oli.phone(), 1), 6));
            String wrong = code.equals("000000") ? "111111" : "000000";
            olis.action("verify", "code", wrong);
            olis.action("verify", "code", wrong);

            List<JsonNode> nias = rows("?user=" + nia.username());
            assertEquals(1, nias.size(), nias.toString());
            JsonNode block = nias.get(0);
            assertEquals("blocked", block.path("state").asText());
            assertEquals("phone-number-sends", block.path("reason").asText());
            assertEquals(nia.id(), block.path("userId").asText());

            // Filters: by reason, by user (id or username, any case), both.
            assertEquals(
                    List.of(nia.id()),
                    userIds(rows(
                            "?reason=phone-number-sends&user=" + nia.username().toUpperCase())));
            assertEquals(List.of(oli.id()), userIds(rows("?reason=gate-failures&user=" + oli.id())));
            assertEquals(List.of(), rows("?reason=gate-failures&user=" + nia.username()));
            assertTrue(userIds(rows("?reason=gate-failures")).contains(oli.id()));
            assertTrue(!userIds(rows("?reason=gate-failures")).contains(nia.id()));

            AdminApi.Response lifted = api.postJson(
                    blocksPath() + "/lift",
                    Map.of("subject", block.path("subject").asText()));
            assertEquals(200, lifted.status(), lifted.body());

            assertEquals(List.of(), rows("?user=" + nia.username()), "the lifted block and its count are gone");
            List<JsonNode> olisRows = rows("?user=" + oli.username());
            assertEquals(1, olisRows.size(), "another user's block stays: " + olisRows);
            assertEquals("gate-failures", olisRows.get(0).path("reason").asText());

            // Recorded: an admin event and an activity row.
            List<AdminEventRepresentation> adminEvents =
                    realm.admin().getAdminEvents(null, null, null, null, null, null, null, null, 0, 100).stream()
                            .filter(e -> ("users/" + nia.id() + "/sspr-lift-block").equals(e.getResourcePath()))
                            .toList();
            assertEquals(1, adminEvents.size(), adminEvents.toString());
            JsonNode activity = api.get("/admin/realms/" + realm.getName() + "/sspr/activity?type=block-lifted&user="
                            + nia.username())
                    .json();
            assertEquals(1, activity.path("items").size(), activity.toString());

            // One event per limit hit: nia's number block once (not per refused text), oli's gate block once.
            assertEquals(1, hitsOf(nia.id(), "phone-number-sends", since));
            assertEquals(1, hitsOf(oli.id(), "gate-failures", since));
            // And one count each in sspr_limit_hits_total on /metrics (docs/throttles.md).
            String metricsAfter = Metrics.scrape();
            for (String limit : List.of("phone-number-sends", "gate-failures")) {
                String[] labels = {"realm=\"" + realm.getName() + "\"", "limit=\"" + limit + "\""};
                assertEquals(
                        Metrics.value(metricsBefore, "sspr_limit_hits_total{", labels) + 1,
                        Metrics.value(metricsAfter, "sspr_limit_hits_total{", labels),
                        limit + ": " + Metrics.ours(metricsAfter));
            }

            // Nia's number gets texts again.
            ResetClient again = text(nia);
            assertEquals("sspr-reset-code.ftl", again.template(), again.body());
        }
    }

    private long hitsOf(String userId, String limit, long since) {
        return events("sspr_limit_hit", since).stream()
                .filter(e -> userId.equals(e.getUserId())
                        && limit.equals(e.getDetails().get("sspr_limit")))
                .count();
    }

    private List<EventRepresentation> events(String error, long since) {
        return realm.admin().getEvents(List.of("RESET_PASSWORD_ERROR"), null, null, null, null, null, 0, 500).stream()
                .filter(e -> error.equals(e.getError()) && e.getTime() >= since)
                .toList();
    }

    private static List<String> userIds(List<JsonNode> rows) {
        return rows.stream().map(r -> r.path("userId").asText()).toList();
    }

    private int mailsTo(String address, Set<String> before, String subjectPart) {
        int n = 0;
        for (MimeMessage message : mail.getReceivedMessages()) {
            try {
                if (!before.contains(message.getMessageID())
                        && message.getAllRecipients() != null
                        && message.getAllRecipients()[0].toString().equalsIgnoreCase(address)
                        && subject(message).contains(subjectPart)) {
                    n++;
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return n;
    }

    private static String messageId(MimeMessage message) {
        try {
            return message.getMessageID();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }
}
