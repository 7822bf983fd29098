package io.github.sspr.access.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sspr.access.rule.RecoveryFindings.Finding;
import io.github.sspr.access.rule.ResetAccess.Facts;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each finding produced by a seeded case and absent in a clean one. */
class RecoveryFindingsTest {

    private static final long NOW = 1_790_000_000_000L;
    private static final long DAY = 24L * 60 * 60 * 1000;
    private static final SsprPolicy POLICY =
            SsprPolicy.defaults().toBuilder().phoneCountries(Set.of("US", "DE")).build(); // 180-day re-confirmation

    /** A clean US mobile-style number (valid in libphonenumber's metadata). */
    private static final String US = "+12015550123";

    private static RecoveryFindings.User user(
            String name, String account, String recovery, String phone, long confirmedDaysAgo) {
        Map<Method, Long> held = new EnumMap<>(Method.class);
        long at = NOW - confirmedDaysAgo * DAY;
        if (recovery != null) {
            held.put(Method.EMAIL, at);
        }
        if (phone != null) {
            held.put(Method.SMS, at);
            held.put(Method.VOICE, at);
        }
        String region = phone == null ? null : PhoneNumbers.regionOf(phone);
        ResetAccess access = ResetAccess.decide(POLICY, new Facts(true, false, held, region));
        return new RecoveryFindings.User(name, account, recovery, phone, access);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                // seeded user, the one finding it must produce ("" = clean)
                Arguments.of(user("clean", "a@corp.test", "a@home.test", US, 10), ""),
                Arguments.of(user("same", "b@corp.test", "B@corp.test", null, 10), "recovery-email-is-account-email"),
                Arguments.of(
                        user("domain", "c@corp.test", "c.private@corp.test", null, 10),
                        "recovery-email-on-account-domain"),
                Arguments.of(user("stale", "d@corp.test", "d@home.test", null, 181), "not-reconfirmed"),
                Arguments.of(user("fresh", "d@corp.test", "d@home.test", null, 179), ""),
                // no such number: no country to judge; the rule cannot use it either
                Arguments.of(user("invalid", "e@corp.test", null, "+1555", 10), "phone-invalid,only-methods-blocked"),
                // a UK premium-rate number (09…), in a country the policy does not allow either
                Arguments.of(
                        user("premium", "f@corp.test", null, "+449098790000", 10),
                        "phone-premium-rate,phone-country-not-allowed,only-methods-blocked"),
                Arguments.of(
                        user("french", "g@corp.test", null, "+33612345678", 10),
                        "phone-country-not-allowed,only-methods-blocked"));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @MethodSource("cases")
    void eachCaseProducesItsFinding(RecoveryFindings.User user, String expected) {
        RecoveryFindings findings = new RecoveryFindings(3, 10, NOW);
        findings.add(user);
        assertEquals(expected, found(findings.result()));
    }

    @Test
    void aPhoneOrMailboxIsSharedFromTheThreshold() {
        RecoveryFindings findings = new RecoveryFindings(3, 2, NOW);
        for (int i = 0; i < 3; i++) {
            findings.add(user("p" + i, "p" + i + "@corp.test", null, US, 1));
        }
        findings.add(user("m0", "m0@corp.test", "shared@home.test", null, 1));
        findings.add(user("m1", "m1@corp.test", "SHARED@home.test", null, 1));
        List<Finding> result = findings.result();
        Finding phone = result.stream()
                .filter(f -> f.kind().equals("shared-phone"))
                .findFirst()
                .orElseThrow();
        assertEquals(3, phone.count());
        assertEquals(2, phone.users().size(), "no more names than the sample");
        assertEquals("shared-phone", found(result), "two accounts on one mailbox are below the threshold of 3");
    }

    @Test
    void aThresholdBelowTwoIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new RecoveryFindings(1, 10, NOW));
    }

    private static String found(List<Finding> result) {
        return result.stream().filter(f -> f.count() > 0).map(Finding::kind).collect(Collectors.joining(","));
    }
}
