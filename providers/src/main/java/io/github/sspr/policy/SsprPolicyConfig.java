package io.github.sspr.policy;

import static io.github.sspr.config.Setting.Kind.BOOLEAN;
import static io.github.sspr.config.Setting.Kind.CHOICE;
import static io.github.sspr.config.Setting.Kind.GROUP;
import static io.github.sspr.config.Setting.Kind.INTEGER;
import static io.github.sspr.config.Setting.Kind.MULTI_CHOICE;
import static io.github.sspr.config.Setting.Kind.NUMBER_CHOICE;
import static io.github.sspr.config.Setting.Kind.TEXT;
import static io.github.sspr.config.Setting.Kind.TEXT_LIST;

import io.github.sspr.config.Setting;
import io.github.sspr.config.SettingSet;
import io.github.sspr.credentials.questions.QuestionBank;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The SSPR policy's settings, each declared once here with its key, type, default, bounds and help text
 * ({@link #SETTINGS}). From them come the admin console's form ({@link #metadata()}), reading the policy component's
 * configuration ({@link #read}), the per-field checks of {@link SsprPolicyValidator}, the REST form of
 * {@code PolicyResource} and the settings table in docs/policy.md. The values live in the realm's policy component
 * ({@code MultivaluedHashMap<String, String>}); list values may be given as several values or as one value joined with
 * {@code ##}, the admin console's form.
 */
public final class SsprPolicyConfig {

    /** Declarations in the order the editors show them. */
    static final List<Setting> DECLARED = List.of(
            Setting.builder("enabled", CHOICE)
                    .label("Self-service password reset")
                    .options(List.of("all", "group", "off"))
                    .defaultValue("all")
                    .help("Who may reset their password themselves: every user, members of one group, or nobody.")
                    .build(),
            Setting.builder("enabledGroup", GROUP)
                    .label("Group")
                    .maxLength(255)
                    .help("With 'group': the group (the console stores its path, e.g. /staff; an id works too);"
                            + " members of its subgroups count too. It must exist when the policy is saved.")
                    .build(),
            Setting.builder("methods", MULTI_CHOICE)
                    .label("Methods")
                    .options(Arrays.stream(Method.values()).map(Method::id).toList())
                    .defaultValue(List.of(Method.EMAIL.id(), Method.SMS.id(), Method.VOICE.id()))
                    // Keycloak drops an emptied list from a saved component (the key then reads as the
                    // default), so
                    // the console must not let an admin save none.
                    .required()
                    .help("Ways users may prove who they are. Security questions are only ever a second gate, so they"
                            + " need 2 gates. 'passkey', 'otp' (authenticator app) and 'recovery-codes' are the user's own"
                            + " Keycloak factors, offered first to users who set them up.")
                    .build(),
            Setting.builder("gatesRequired", NUMBER_CHOICE)
                    .label("Gates required")
                    .bounds(1, 2)
                    // One gate by default, as Keycloak's own reset; privileged users always get two.
                    .defaultValue(1)
                    .help("How many different methods a reset needs. Administrators always need 2.")
                    .build(),
            Setting.builder("factorResetGates", NUMBER_CHOICE)
                    .label("Gates to recover a lost authenticator")
                    .bounds(1, 2)
                    // Two by default: the password is left as it is, so the gates are all that stands between a
                    // stolen password and the account's second factor (docs/reset.md, "Lost authenticator").
                    .defaultValue(2)
                    .help("How many different methods \"I lost my authenticator app or security key\" needs. Only"
                            + " email, SMS and voice count: never security questions, nor the authenticator app,"
                            + " passkey or recovery codes the user may have lost. A reset's own gates still apply"
                            + " when more.")
                    .build(),
            Setting.builder("questionsToRegister", NUMBER_CHOICE)
                    .label("Questions to register")
                    .bounds(3, 5)
                    .defaultValue(3)
                    .help("How many security questions a user answers at registration.")
                    .build(),
            Setting.builder("questionsToAnswer", NUMBER_CHOICE)
                    .label("Questions to answer at reset")
                    .bounds(3, 5)
                    .defaultValue(3)
                    .help("How many of them a reset asks, drawn at random; at most the number registered."
                            + " Changing it asks users to register again.")
                    .build(),
            Setting.builder("offeredQuestions", MULTI_CHOICE)
                    .label("Predefined questions offered")
                    .options(QuestionBank.PREDEFINED_IDS)
                    .defaultValue(QuestionBank.DEFAULT_OFFERED_IDS)
                    .help("Predefined, translated questions users may choose from.")
                    .build(),
            Setting.builder("customQuestions", TEXT_LIST)
                    .label("Custom questions")
                    .bounds(3, 200)
                    .help("Your own questions (3-200 characters each, shown as written). At most "
                            + QuestionBank.MAX_OFFERED + " questions in total with the predefined ones."
                            + " Rewording a question asks the users who chose it to register again.")
                    .build(),
            Setting.builder("requireRegistration", BOOLEAN)
                    .label("Require registration at sign-in")
                    .defaultValue(true)
                    .help("Ask users who registered fewer methods than the reset needs to register at sign-in.")
                    .build(),
            Setting.builder("reconfirmDays", INTEGER)
                    .label("Days before re-confirmation")
                    .bounds(0, 730)
                    .unit("days")
                    .defaultValue(180)
                    .help("Ask users to confirm their methods after this many days; 0 = never.")
                    .build(),
            Setting.builder("helpdeskLink", TEXT)
                    .label("Helpdesk link")
                    .maxLength(2000)
                    .format(Formats::isHelpdeskLink, "must be an http(s) URL or a mailto: address")
                    .help("Shown when self-service is not possible: an http(s) URL or mailto: address.")
                    .build(),
            Setting.builder("orgName", TEXT)
                    .label("Organization name")
                    .maxLength(100)
                    .format(Formats::hasNoControlCharacters, "must not contain control characters")
                    .help("Shown on the reset pages and in messages.")
                    .build(),
            Setting.builder("logoUrl", TEXT)
                    .label("Logo URL")
                    .maxLength(2000)
                    .format(Formats::isLogoUrl, "must be an https URL or a path on this server (e.g. /logo.png)")
                    .help("An https URL or a path on this server (e.g. /resources/logo.png).")
                    .build(),
            Setting.builder("primaryColor", TEXT)
                    .label("Primary colour")
                    .format(Formats::isColour, "must be a colour as #rrggbb")
                    .help("Accent colour of the reset pages as #rrggbb; empty keeps the theme's.")
                    .build(),
            Setting.builder("phoneCountries", TEXT_LIST)
                    .label("SMS and voice countries")
                    .format(Formats::isCountry, "'{0}' is not an ISO 3166 alpha-2 country code (e.g. DE, US)")
                    .help("ISO 3166 country codes (e.g. DE, US) that codes may be sent to by SMS or call; empty allows"
                            + " all. Limiting them is the best guard against toll fraud.")
                    .build(),
            Setting.builder("codeLifetimeMinutes", INTEGER)
                    .label("Code lifetime (minutes)")
                    .bounds(1, 10)
                    .unit("minutes")
                    .defaultValue(5)
                    .help("How long an emailed, texted or spoken code stays valid.")
                    .build(),
            Setting.builder("adminResetLinkMinutes", INTEGER)
                    .label("Admin reset link lifetime (minutes)")
                    .bounds(5, 1440)
                    .unit("minutes")
                    // An hour: long enough to find the mail after a helpdesk call, short enough to
                    // expire the same day.
                    .defaultValue(60)
                    .help("How long a reset link that an administrator or helpdesk sends to a user stays valid. The"
                            + " link works once. Helpdesk: POST /admin/realms/{realm}/sspr/users/{id}/send-reset sends"
                            + " it; .../verify/send and .../verify/check verify a caller with a one-time code first"
                            + " (manage-users).")
                    .build(),
            Setting.builder("unlockOnReset", BOOLEAN)
                    .label("Unlock on reset")
                    .defaultValue(true)
                    .help("A successful reset also unlocks an account locked after failed sign-ins.")
                    .build(),
            Setting.builder("signOutOtherSessions", BOOLEAN)
                    .label("Sign out other sessions")
                    .defaultValue(true)
                    .help("A successful reset ends the user's other sessions, including an intruder's.")
                    .build(),
            Setting.builder("confirmPhoneNumber", BOOLEAN)
                    .label("Ask for the full phone number")
                    .defaultValue(false)
                    .help("Before an SMS or a call, the user types the full registered number (only the masked number"
                            + " is shown). Guards against texting a number chosen by someone who only knows the"
                            + " username.")
                    .build(),
            Setting.builder("selfServiceUnlock", BOOLEAN)
                    .label("Self-service unlock")
                    .defaultValue(true)
                    .help("Users locked out after failed sign-ins may unlock their account through the same"
                            + " verification gates, without changing their password.")
                    .build(),
            Setting.builder("notifyUser", BOOLEAN)
                    .label("Notify users")
                    .defaultValue(true)
                    .help("Email the user (every verified address of record) after a reset, change, unlock, or a"
                            + " recovery method registered or removed. No code or password is ever in it.")
                    .build(),
            Setting.builder("notifyAdmins", BOOLEAN)
                    .label("Notify admins of admin self-resets")
                    .defaultValue(true)
                    .help("When an administrator resets their own password, email all realm administrators.")
                    .build(),
            Setting.builder("notifyUserManagers", BOOLEAN)
                    .label("Also notify user managers")
                    .defaultValue(false)
                    .help("Admin alerts (an administrator's own reset, a \"This wasn't me\" lock) also go to holders"
                            + " of manage-users, not only realm-admin.")
                    .build(),
            Setting.builder("adminResetHelpdeskMinutes", INTEGER)
                    .label("Admin reset needs a helpdesk verification (minutes)")
                    .bounds(0, 1440)
                    .unit("minutes")
                    .defaultValue(0)
                    .help("When more than 0, an admin reset link is only sent if the helpdesk verified the caller"
                            + " with a one-time code within this many minutes; 0 = not needed.")
                    .build(),
            // This realm's own Twilio account and sender (docs/sms.md): empty keeps the server's options. The auth
            // token is never stored here, only its vault reference: the policy is exported with the realm.
            Setting.builder("twilioAccountSid", TEXT)
                    .label("Twilio account SID")
                    .maxLength(34)
                    .format(TwilioAccount::isAccountSid, "must be a Twilio account SID (AC and 32 hex digits)")
                    .help("This realm's own Twilio account (AC...); texts and calls of this realm are sent and billed"
                            + " through it. Empty: the server's account.")
                    .build(),
            Setting.builder("twilioAuthToken", TEXT)
                    .label("Twilio auth token (vault reference)")
                    .maxLength(210)
                    .format(TwilioAccount::isVaultReference, "must be a vault reference such as ${vault.twilio-token}")
                    .help("With an account SID: where Keycloak's vault holds the account's auth token, as"
                            + " ${vault.<key>}. The token itself is never stored in the policy.")
                    .build(),
            Setting.builder("twilioFromNumber", TEXT)
                    .label("Twilio sender number")
                    .maxLength(16)
                    .format(TwilioAccount::isE164, "must be a phone number in E.164 form, e.g. +15005550006")
                    .help("This realm's sender number in E.164 form (needed for calls, and for texts without a"
                            + " messaging service). Empty: the server's.")
                    .build(),
            Setting.builder("twilioMessagingServiceSid", TEXT)
                    .label("Twilio messaging service SID")
                    .maxLength(34)
                    .format(
                            TwilioAccount::isMessagingServiceSid,
                            "must be a Twilio messaging service SID (MG and 32 hex digits)")
                    .help("This realm's messaging service (MG...) for texts, used instead of the sender number."
                            + " Empty: the server's.")
                    .build(),
            Setting.builder("activityRetentionDays", INTEGER)
                    .label("Activity retention (days)")
                    .bounds(0, 365)
                    .unit("days")
                    .defaultValue(0)
                    .help("How long this realm's reset and registration activity is kept; 0 = the server's"
                            + " retention (default 30 days).")
                    .build(),
            Setting.builder("expiryReminderDays", TEXT)
                    .label("Password-expiry reminders (days before)")
                    .maxLength(40)
                    .format(
                            Formats::isReminderDays,
                            "must be days before expiry, 1-365, separated by commas (e.g. 14,7,1)")
                    .help("Remind users this many days before their password expires, e.g. 14,7,1: once per threshold"
                            + " and password, by email (and SMS to a registered phone when SMS is allowed), with a link"
                            + " to the change page. Empty = no reminders.")
                    .build(),
            Setting.builder("privilegedPasskey", BOOLEAN)
                    .label("Privileged users must pass a passkey")
                    .defaultValue(false)
                    .help("Users with an administrative role must pass a phishing-resistant gate: a passkey or"
                            + " security key registered in Keycloak. Those without one cannot reset and are told to"
                            + " register one. Needs 'passkey' among the methods.")
                    .build());

    public static final String ENABLED = key(0);
    public static final String ENABLED_GROUP = key(1);
    public static final String METHODS = key(2);
    public static final String GATES_REQUIRED = key(3);
    public static final String FACTOR_RESET_GATES = key(4);
    public static final String QUESTIONS_TO_REGISTER = key(5);
    public static final String QUESTIONS_TO_ANSWER = key(6);
    public static final String OFFERED_QUESTIONS = key(7);
    public static final String CUSTOM_QUESTIONS = key(8);
    public static final String REQUIRE_REGISTRATION = key(9);
    public static final String RECONFIRM_DAYS = key(10);
    public static final String HELPDESK_LINK = key(11);
    public static final String ORG_NAME = key(12);
    public static final String LOGO_URL = key(13);
    public static final String PRIMARY_COLOR = key(14);
    public static final String PHONE_COUNTRIES = key(15);
    public static final String CODE_LIFETIME_MINUTES = key(16);
    public static final String ADMIN_RESET_LINK_MINUTES = key(17);
    public static final String UNLOCK_ON_RESET = key(18);
    public static final String SIGN_OUT_OTHER_SESSIONS = key(19);
    public static final String CONFIRM_PHONE_NUMBER = key(20);
    public static final String SELF_SERVICE_UNLOCK = key(21);
    public static final String NOTIFY_USER = key(22);
    public static final String NOTIFY_ADMINS = key(23);
    public static final String NOTIFY_USER_MANAGERS = key(24);
    public static final String ADMIN_RESET_HELPDESK_MINUTES = key(25);
    public static final String TWILIO_ACCOUNT_SID = key(26);
    public static final String TWILIO_AUTH_TOKEN = key(27);
    public static final String TWILIO_FROM_NUMBER = key(28);
    public static final String TWILIO_MESSAGING_SERVICE_SID = key(29);
    public static final String ACTIVITY_RETENTION_DAYS = key(30);
    public static final String EXPIRY_REMINDER_DAYS = key(31);
    public static final String PRIVILEGED_PASSKEY = key(32);

    /** Each declaration bound to its component of {@link SsprPolicy} and setter of its builder. */
    public static final SettingSet<SsprPolicy, SsprPolicyBuilder> SETTINGS = bind();

    private static SettingSet<SsprPolicy, SsprPolicyBuilder> bind() {
        SettingSet.Declarer<SsprPolicy, SsprPolicyBuilder> declarer =
                SettingSet.<SsprPolicy, SsprPolicyBuilder>declare()
                        .add(
                                at(0),
                                p -> p.enablement() == null
                                        ? null
                                        : p.enablement().id(),
                                (SsprPolicyBuilder b, String v) ->
                                        b.enablement(Enablement.fromId(v).orElse(null)))
                        .add(at(1), SsprPolicy::enabledGroup, SsprPolicyBuilder::enabledGroup)
                        .add(
                                at(2),
                                SsprPolicy::methodIds,
                                (SsprPolicyBuilder b, List<String> v) -> b.methods(methods(v)))
                        .add(at(3), SsprPolicy::gatesRequired, SsprPolicyBuilder::gatesRequired)
                        .add(at(4), SsprPolicy::factorResetGates, SsprPolicyBuilder::factorResetGates)
                        .add(at(5), SsprPolicy::questionsToRegister, SsprPolicyBuilder::questionsToRegister)
                        .add(at(6), SsprPolicy::questionsToAnswer, SsprPolicyBuilder::questionsToAnswer)
                        .add(at(7), SsprPolicy::offeredQuestionIds, SsprPolicyBuilder::offeredQuestionIds)
                        .add(at(8), SsprPolicy::customQuestions, SsprPolicyBuilder::customQuestions)
                        .add(at(9), SsprPolicy::requireRegistration, SsprPolicyBuilder::requireRegistration)
                        .add(at(10), SsprPolicy::reconfirmDays, SsprPolicyBuilder::reconfirmDays)
                        .add(at(11), SsprPolicy::helpdeskLink, SsprPolicyBuilder::helpdeskLink)
                        .add(at(12), SsprPolicy::orgName, SsprPolicyBuilder::orgName)
                        .add(at(13), SsprPolicy::logoUrl, SsprPolicyBuilder::logoUrl)
                        .add(at(14), SsprPolicy::primaryColor, SsprPolicyBuilder::primaryColor)
                        .add(at(15), p -> List.copyOf(p.phoneCountries()), SsprPolicyBuilder::phoneCountries)
                        .add(at(16), SsprPolicy::codeLifetimeMinutes, SsprPolicyBuilder::codeLifetimeMinutes)
                        .add(at(17), SsprPolicy::adminResetLinkMinutes, SsprPolicyBuilder::adminResetLinkMinutes)
                        .add(at(18), SsprPolicy::unlockOnReset, SsprPolicyBuilder::unlockOnReset)
                        .add(at(19), SsprPolicy::signOutOtherSessions, SsprPolicyBuilder::signOutOtherSessions)
                        .add(at(20), SsprPolicy::confirmPhoneNumber, SsprPolicyBuilder::confirmPhoneNumber)
                        .add(at(21), SsprPolicy::selfServiceUnlock, SsprPolicyBuilder::selfServiceUnlock)
                        .add(at(22), SsprPolicy::notifyUser, SsprPolicyBuilder::notifyUser)
                        .add(at(23), SsprPolicy::notifyAdmins, SsprPolicyBuilder::notifyAdmins)
                        .add(at(24), SsprPolicy::notifyUserManagers, SsprPolicyBuilder::notifyUserManagers)
                        .add(
                                at(25),
                                SsprPolicy::adminResetHelpdeskMinutes,
                                SsprPolicyBuilder::adminResetHelpdeskMinutes)
                        .add(at(26), p -> p.twilio().accountSid(), TwilioAccount::setAccountSid)
                        .add(at(27), p -> p.twilio().authTokenRef(), TwilioAccount::setAuthTokenRef)
                        .add(at(28), p -> p.twilio().fromNumber(), TwilioAccount::setFromNumber)
                        .add(at(29), p -> p.twilio().messagingServiceSid(), TwilioAccount::setMessagingServiceSid)
                        .add(at(30), SsprPolicy::activityRetentionDays, SsprPolicyBuilder::activityRetentionDays)
                        .add(at(31), SsprPolicy::expiryReminderDays, SsprPolicyBuilder::expiryReminderDays)
                        .add(at(32), SsprPolicy::privilegedPasskey, SsprPolicyBuilder::privilegedPasskey);
        // The throttle's numbers (docs/throttles.md), after the rest: declared by the throttle, held in one map.
        for (Setting limit : ThrottleSettings.DECLARED) {
            declarer.add(limit, p -> p.limit(limit.key()), (SsprPolicyBuilder b, Integer v) -> b.limit(limit.key(), v));
        }
        return declarer.build();
    }

    private SsprPolicyConfig() {}

    private static Setting at(int index) {
        return DECLARED.get(index);
    }

    private static String key(int index) {
        return DECLARED.get(index).key();
    }

    private static Set<Method> methods(List<String> ids) {
        Set<Method> methods = EnumSet.noneOf(Method.class);
        ids.forEach(id -> Method.fromId(id).ifPresent(methods::add));
        return methods;
    }
}
