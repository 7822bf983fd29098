package io.github.sspr.change.machine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.change.machine.ChangeMachine.Form;
import io.github.sspr.change.machine.ChangeMachine.Mode;
import io.github.sspr.change.machine.ChangeMachine.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The change-password page's rules, table by table. */
class ChangeMachineTest {

    private static final String RIGHT = "Current-Passw0rd";
    private static final String NEW = "New-Passw0rd-1";
    private static final String LONG = "x".repeat(ChangeMachine.MAX_PASSWORD + 1);

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("plain change", false, false, Mode.CHANGE),
                Arguments.of("UPDATE_PASSWORD pending: forced", false, true, Mode.FORCED),
                Arguments.of("admin link", true, false, Mode.ADMIN_LINK),
                Arguments.of("admin link wins over a pending action", true, true, Mode.ADMIN_LINK));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void modes(String name, boolean adminLinkNote, boolean pending, Mode expected) {
        assertEquals(expected, ChangeMachine.mode(adminLinkNote, pending));
    }

    /** mode, password typed in this sign-in, kc_action asks for the page → asks current, cancellable. */
    static Stream<Arguments> pageShape() {
        return Stream.of(
                Arguments.of(Mode.CHANGE, false, false, true, false),
                Arguments.of(Mode.CHANGE, false, true, true, true),
                Arguments.of(Mode.CHANGE, true, true, false, true),
                Arguments.of(Mode.FORCED, false, true, true, false),
                Arguments.of(Mode.FORCED, true, false, false, false),
                Arguments.of(Mode.ADMIN_LINK, false, true, false, false),
                Arguments.of(Mode.ADMIN_LINK, true, false, false, false));
    }

    @ParameterizedTest(name = "{0} validated={1} requested={2}")
    @MethodSource
    void pageShape(Mode mode, boolean validated, boolean requested, boolean asksCurrent, boolean cancellable) {
        ChangeMachine machine = new ChangeMachine(mode, validated, requested);
        assertEquals(asksCurrent, machine.asksCurrent(), "asks current");
        assertEquals(cancellable, machine.cancellable(), "cancellable");
    }

    /** The posted form, in the order the page checks it. */
    static Stream<Arguments> forms() {
        ChangeMachine asks = new ChangeMachine(Mode.CHANGE, false, true);
        ChangeMachine validated = new ChangeMachine(Mode.CHANGE, true, false);
        ChangeMachine forced = new ChangeMachine(Mode.FORCED, false, true);
        ChangeMachine link = new ChangeMachine(Mode.ADMIN_LINK, false, true);
        return Stream.of(
                Arguments.of("cancel an app-initiated change", asks, form(true, null, null, null), Step.CANCEL),
                Arguments.of("a forced change cannot be cancelled", forced, form(true, null, null, null), missing()),
                Arguments.of("a link cannot be cancelled", link, form(true, null, null, null), Step.PASSWORD_MISSING),
                Arguments.of("current missing", asks, form(false, null, NEW, NEW), missing()),
                Arguments.of("current empty", asks, form(false, "", NEW, NEW), missing()),
                Arguments.of("current wrong", asks, form(false, "wrong", NEW, NEW), Step.CURRENT_WRONG),
                Arguments.of("current too long, never compared", asks, form(false, LONG, NEW, NEW), Step.CURRENT_WRONG),
                Arguments.of("new missing", asks, form(false, RIGHT, null, null), Step.PASSWORD_MISSING),
                Arguments.of("new empty", asks, form(false, RIGHT, "", ""), Step.PASSWORD_MISSING),
                Arguments.of("confirm differs", asks, form(false, RIGHT, NEW, NEW + "x"), Step.MISMATCH),
                Arguments.of("confirm missing", asks, form(false, RIGHT, NEW, null), Step.MISMATCH),
                Arguments.of("new too long", asks, form(false, RIGHT, LONG, LONG), Step.MISMATCH),
                Arguments.of("complete", asks, form(false, RIGHT, NEW, NEW), Step.CHECK_RULES),
                Arguments.of("validated: current not asked", validated, form(false, null, NEW, NEW), Step.CHECK_RULES),
                Arguments.of("link: current not asked", link, form(false, "wrong", NEW, NEW), Step.CHECK_RULES),
                Arguments.of("forced asks current", forced, form(false, "wrong", NEW, NEW), Step.CURRENT_WRONG));
    }

    private static Form form(boolean cancel, String current, String password, String confirm) {
        return new Form(cancel, current, password, confirm);
    }

    private static Step missing() {
        return Step.CURRENT_MISSING;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void forms(String name, ChangeMachine machine, Form form, Step expected) {
        List<String> compared = new ArrayList<>();
        Step step = machine.check(form, current -> {
            compared.add(current);
            return RIGHT.equals(current);
        });
        assertEquals(expected, step);
        boolean sane = form.current() != null
                && !form.current().isEmpty()
                && form.current().length() <= ChangeMachine.MAX_PASSWORD;
        boolean comparedExpected = machine.asksCurrent() && step != Step.CANCEL && sane;
        assertEquals(comparedExpected ? List.of(form.current()) : List.of(), compared, "current compared");
    }

    @Test
    void stepsNameTheFieldTheMessageAndTheReason() {
        assertEquals(ChangeMachine.FIELD_CURRENT, Step.CURRENT_WRONG.refusal.field());
        assertEquals("sspr.change.error.currentWrong", Step.CURRENT_WRONG.refusal.message());
        assertEquals("current password wrong", Step.CURRENT_WRONG.refusal.reason());
        assertEquals(ChangeMachine.FIELD_CONFIRM, Step.MISMATCH.refusal.field());
        assertEquals("sspr.reset.error.passwordMismatch", Step.MISMATCH.refusal.message());
        assertEquals(ChangeMachine.FIELD_NEW, Step.PASSWORD_MISSING.refusal.field());
        assertEquals("sspr.change.error.currentMissing", Step.CURRENT_MISSING.refusal.message());
    }

    /** mode → write with the current password, claims link, clears throttle, activity type, methods, mode detail. */
    static Stream<Arguments> success() {
        return Stream.of(
                Arguments.of(Mode.CHANGE, RIGHT, false, false, ActivityType.SELF_SERVICE_CHANGE, "password", false),
                Arguments.of(Mode.FORCED, RIGHT, false, false, ActivityType.SELF_SERVICE_CHANGE, "password", false),
                Arguments.of(Mode.ADMIN_LINK, null, true, true, ActivityType.ADMIN_RESET, "admin-link", true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void success(
            Mode mode,
            String currentForWrite,
            boolean claims,
            boolean clearsThrottle,
            ActivityType type,
            String methods,
            boolean carriesMode) {
        ChangeMachine machine = new ChangeMachine(mode, false, false);
        assertEquals(currentForWrite, machine.currentForWrite(form(false, RIGHT, NEW, NEW)));
        assertEquals(claims, machine.claimsLink());
        assertEquals(clearsThrottle, machine.clearsThrottle());
        assertEquals(type, machine.activityType());
        assertEquals(methods, machine.methods());
        assertEquals(carriesMode, machine.eventsCarryMode());
        assertEquals(mode == Mode.ADMIN_LINK, machine.unlocks(true), "unlocks when the link asks");
        assertEquals(false, machine.unlocks(false), "never unless asked");
    }

    @Test
    void aPasswordTypedInThisSignInIsNotAskedAgainAndIsNotHandedToTheDirectory() {
        assertEquals(null, new ChangeMachine(Mode.CHANGE, true, false).currentForWrite(form(false, RIGHT, NEW, NEW)));
    }

    static Stream<Arguments> expiry() {
        long now = 1_790_000_000_000L;
        long day = TimeUnit.DAYS.toMillis(1);
        return Stream.of(
                Arguments.of("no expiry", -1, now - 1000 * day, now, false),
                Arguments.of("unknown creation date", 90, null, now, true),
                Arguments.of("younger than the expiry", 90, now - 89 * day, now, false),
                Arguments.of("exactly at the expiry", 90, now - 90 * day, now, false),
                Arguments.of("older than the expiry", 90, now - 90 * day - 1, now, true),
                Arguments.of("zero days: any age", 0, now - 1, now, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void expiry(String name, int days, Long created, long now, boolean expired) {
        assertEquals(expired, ChangeMachine.expired(days, created, now));
    }

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of("link expires in an hour", "4600", 1000L, 3660L),
                Arguments.of("link already expired: a minute", "900", 1000L, 60L),
                Arguments.of("no expiry note: a minute", null, 1000L, 60L),
                Arguments.of("garbage: a minute", "soon", 1000L, 60L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void claims(String name, String expiry, long now, long seconds) {
        assertEquals(seconds, ChangeMachine.claimSeconds(expiry, now));
    }

    @ParameterizedTest(name = "forced option {0}")
    @CsvSource(
            value = {"NULL, true", "true, true", "false, false", "nonsense, false"},
            nullValues = "NULL")
    void forced(String value, boolean enabled) {
        assertEquals(enabled, ChangeMachine.forcedEnabled(value));
    }

    @Test
    void modeIdsAreWhatThePageAndTheEventsSay() {
        assertEquals("change", Mode.CHANGE.id());
        assertEquals("forced", Mode.FORCED.id());
        assertEquals("admin-link", Mode.ADMIN_LINK.id());
        assertEquals(null, Step.CANCEL.refusal);
        assertEquals(null, Step.CHECK_RULES.refusal);
    }
}
