package io.github.sspr.access.rule;

import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.policy.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Recovery data an attacker would love (docs/insight.md, "Recovery-data quality"), found while the users are walked
 * one by one: {@link #add} each user, then {@link #result}. Pure; memory grows with the number of distinct recovery
 * phones and mailboxes (to find the shared ones), never with the users themselves.
 */
public final class RecoveryFindings {

    /** One kind of finding; its fix hint is the dashboard's text {@code quality.<id>.fix}. */
    public enum Kind {
        /** One phone number registered by {@code threshold} accounts or more. */
        SHARED_PHONE,
        /** One recovery mailbox registered by {@code threshold} accounts or more. */
        SHARED_RECOVERY_EMAIL,
        /** The recovery email is the account's own email: one breach reaches both. */
        RECOVERY_EMAIL_IS_ACCOUNT_EMAIL,
        /** The recovery email is on the account email's own domain: the same organisation's mail, the same password. */
        RECOVERY_EMAIL_ON_ACCOUNT_DOMAIN,
        /** Methods not re-confirmed within the policy's re-confirmation period. */
        NOT_RECONFIRMED,
        /** A phone number libphonenumber deems invalid. */
        PHONE_INVALID,
        /** A premium-rate phone number. */
        PHONE_PREMIUM_RATE,
        /** A phone in a country the user's policy does not allow. */
        PHONE_COUNTRY_NOT_ALLOWED,
        /** Methods registered, none usable under the policy: the user cannot reset. */
        ONLY_METHODS_BLOCKED;

        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One user as the walk saw them: the rule's answer and the recovery destinations (never kept beyond the walk). */
    public record User(
            String username, String accountEmail, String recoveryEmail, String phoneE164, ResetAccess access) {}

    /** A finding: how many users, and the first few of them. */
    public record Finding(String kind, int count, List<String> users) {}

    private static final long DAY_MILLIS = 24L * 60 * 60 * 1000;

    private final int sharedThreshold;
    private final int sample;
    private final long now;
    private final Map<Kind, Integer> counts = new EnumMap<>(Kind.class);
    private final Map<Kind, List<String>> samples = new EnumMap<>(Kind.class);
    private final Map<String, List<String>> byPhone = new HashMap<>();
    private final Map<String, List<String>> byMailbox = new HashMap<>();
    private final Map<String, Integer> phoneUsers = new HashMap<>();
    private final Map<String, Integer> mailboxUsers = new HashMap<>();

    /**
     * @param sharedThreshold accounts per phone or mailbox from which it counts as shared (at least 2)
     * @param sample users kept per finding
     * @param now the time (epoch millis) re-confirmation is measured against
     */
    public RecoveryFindings(int sharedThreshold, int sample, long now) {
        if (sharedThreshold < 2) {
            throw new IllegalArgumentException("sharedThreshold must be at least 2");
        }
        this.sharedThreshold = sharedThreshold;
        this.sample = sample;
        this.now = now;
        for (Kind kind : Kind.values()) {
            counts.put(kind, 0);
            samples.put(kind, new ArrayList<>());
        }
    }

    public void add(User user) {
        ResetAccess access = user.access();
        if (user.phoneE164() != null) {
            remember(byPhone, phoneUsers, user.phoneE164(), user.username());
            PhoneNumbers.Quality quality = PhoneNumbers.quality(user.phoneE164());
            switch (quality) {
                case INVALID -> found(Kind.PHONE_INVALID, user.username());
                case PREMIUM_RATE -> found(Kind.PHONE_PREMIUM_RATE, user.username());
                default -> {}
            }
            // An invalid number has no country to judge: it is reported as invalid only.
            boolean phonePolicy =
                    access.policy().allows(Method.SMS) || access.policy().allows(Method.VOICE);
            if (quality != PhoneNumbers.Quality.INVALID
                    && phonePolicy
                    && !access.policy().allowsPhoneCountry(PhoneNumbers.regionOf(user.phoneE164()))) {
                found(Kind.PHONE_COUNTRY_NOT_ALLOWED, user.username());
            }
        }
        if (user.recoveryEmail() != null) {
            String mailbox = user.recoveryEmail().toLowerCase(Locale.ROOT);
            remember(byMailbox, mailboxUsers, mailbox, user.username());
            String account =
                    user.accountEmail() == null ? null : user.accountEmail().toLowerCase(Locale.ROOT);
            if (mailbox.equals(account)) {
                found(Kind.RECOVERY_EMAIL_IS_ACCOUNT_EMAIL, user.username());
            } else if (account != null && domain(mailbox).equals(domain(account))) {
                found(Kind.RECOVERY_EMAIL_ON_ACCOUNT_DOMAIN, user.username());
            }
        }
        int days = access.policy().reconfirmDays();
        if (days > 0 && access.enabled()) {
            long oldest = access.usable().values().stream()
                    .mapToLong(Long::longValue)
                    .min()
                    .orElse(Long.MAX_VALUE);
            if (oldest != Long.MAX_VALUE && now >= oldest + days * DAY_MILLIS) {
                found(Kind.NOT_RECONFIRMED, user.username());
            }
        }
        if (access.reason() == ResetAccess.Reason.METHODS_BLOCKED) {
            found(Kind.ONLY_METHODS_BLOCKED, user.username());
        }
    }

    /** Every kind, in declaration order, with its count (0 when clean) and up to {@code sample} users. */
    public List<Finding> result() {
        Map<Kind, Finding> out = new LinkedHashMap<>();
        shared(Kind.SHARED_PHONE, byPhone, phoneUsers);
        shared(Kind.SHARED_RECOVERY_EMAIL, byMailbox, mailboxUsers);
        for (Kind kind : Kind.values()) {
            out.put(kind, new Finding(kind.id(), counts.get(kind), List.copyOf(samples.get(kind))));
        }
        return List.copyOf(out.values());
    }

    private void shared(Kind kind, Map<String, List<String>> names, Map<String, Integer> users) {
        counts.put(kind, 0);
        samples.get(kind).clear();
        users.forEach((value, count) -> {
            if (count >= sharedThreshold) {
                counts.merge(kind, count, Integer::sum);
                for (String name : names.get(value)) {
                    if (samples.get(kind).size() < sample) {
                        samples.get(kind).add(name);
                    }
                }
            }
        });
    }

    private void remember(Map<String, List<String>> names, Map<String, Integer> users, String value, String username) {
        users.merge(value, 1, Integer::sum);
        List<String> list = names.computeIfAbsent(value, v -> new ArrayList<>(1));
        if (list.size() < sample) {
            list.add(username);
        }
    }

    private void found(Kind kind, String username) {
        counts.merge(kind, 1, Integer::sum);
        List<String> list = samples.get(kind);
        if (list.size() < sample) {
            list.add(username);
        }
    }

    private static String domain(String address) {
        int at = address.lastIndexOf('@');
        return at < 0 ? "" : address.substring(at + 1);
    }
}
