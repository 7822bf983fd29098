package io.github.sspr.reset.machine;

import static io.github.sspr.reset.machine.GateCase.given;
import static io.github.sspr.reset.machine.GateCase.then;
import static io.github.sspr.reset.machine.GateView.Kind.CHOOSER;
import static io.github.sspr.reset.machine.GateView.Kind.CODE;
import static io.github.sspr.reset.machine.GateView.Kind.END_ERROR;
import static io.github.sspr.reset.machine.GateView.Kind.END_INFO;
import static io.github.sspr.reset.machine.GateView.Kind.FACTOR;
import static io.github.sspr.reset.machine.GateView.Kind.PASSED;
import static io.github.sspr.reset.machine.GateView.Kind.PHONE;
import static io.github.sspr.reset.machine.GateView.Kind.QUESTIONS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.delivery.rule.SendOutcome.Status;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.reset.machine.GateCase.Given;
import io.github.sspr.reset.machine.GateCase.Then;
import io.github.sspr.reset.machine.GateCase.When;
import io.github.sspr.throttle.Decision;
import io.github.sspr.wording.Durations;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the reset's gates, one row per situation and action: the flow as it stands ({@link Given}), what the
 * user does ({@link When}) and what must come of it ({@link Then}: the page, its message, whether it is a failed attempt,
 * the events, the notes and the calls to the world).
 */
class GateMachineTest {

    private static final String EMAIL_MASK = GateCase.MASKS.get(Method.EMAIL);
    private static final String PHONE_MASK = GateCase.MASKS.get(Method.SMS);
    private static final String ALL_BLOCKED = "blocked|sspr_blocked|gate-blocked";

    private static Arguments row(String name, Given given, When when, Then then) {
        return Arguments.of(name, given, when, then);
    }

    private static Msg blocked(long minutes) {
        return Msg.error(null, "sspr.reset.error.blocked", Durations.ofMinutes(minutes));
    }

    private static String outcomeBlocked(String step) {
        return "outcome:blocked|" + step + "|sspr_blocked|gate-blocked";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({
        "enterAndChooser",
        "current",
        "choose",
        "sendOutcomes",
        "confirmPhone",
        "resend",
        "verify",
        "answer",
        "otherAndCancel",
        "keycloakFactors",
        "passkey"
    })
    void eachRow(String name, Given given, When when, Then then) {
        GateView view = when.apply(given.machine());
        then.check(view, given);
    }

    static Stream<Arguments> enterAndChooser() {
        return Stream.of(
                row(
                        "enter: every gate passed -> on to the next step, nothing asked of the world",
                        given().passed("email"),
                        GateMachine::enter,
                        then(PASSED, null).calls("checkGate").calls("takeSendFailure")),
                row(
                        "enter: two gates, one passed -> the second gate",
                        given().gates(2).passed("email"),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("sms", "voice")
                                .events("gate-offered|null|sms,voice")
                                .note(ResetNotes.OFFERED + 1, "1")),
                row(
                        "enter: the decoy never passes, even with a passed note",
                        given().decoy().methods(Method.EMAIL, Method.SMS).passed("email"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("sms").events("gate-offered|null|sms")),
                row(
                        "enter: no gate chosen -> the chooser, and one gate-offered event naming the methods",
                        given(),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("email", "sms", "voice")
                                .events("gate-offered|null|email,sms,voice")
                                .note(ResetNotes.OFFERED + 0, "1")),
                row(
                        "enter: the chooser seen before -> no second gate-offered event",
                        given().chooserSeen(),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email", "sms", "voice")),
                row(
                        "enter: two gates -> questions offered beside the others",
                        given().gates(2).methods(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("email", "sms", "voice", "questions")
                                .events("gate-offered|null|email,sms,voice,questions")),
                row(
                        "enter: one gate -> questions are never offered",
                        given().methods(Method.EMAIL, Method.QUESTIONS),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email").events("gate-offered|null|email")),
                row(
                        "enter: questions first only when another factor can follow",
                        given().gates(2).methods(Method.QUESTIONS),
                        GateMachine::enter,
                        then(END_ERROR, blocked(1)).events(ALL_BLOCKED, outcomeBlocked("identified"))),
                row(
                        "enter: SMS passed -> voice (the same phone) is not offered for the second gate",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS)
                                .passed("sms"),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("email", "questions")
                                .events("gate-offered|null|email,questions")
                                .note(ResetNotes.OFFERED + 1, "1")),
                row(
                        "enter: questions passed -> only another factor follows",
                        given().gates(2).methods(Method.EMAIL, Method.QUESTIONS).passed("questions"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email").events("gate-offered|null|email")),
                row(
                        "enter: every offered gate blocked -> the flow ends, naming the soonest",
                        given().gate(Method.EMAIL, FakeGatePorts.blockedFor(90))
                                .gate(Method.SMS, FakeGatePorts.blockedFor(200))
                                .gate(Method.VOICE, FakeGatePorts.blockedFor(300)),
                        GateMachine::enter,
                        then(END_ERROR, blocked(2)).events(ALL_BLOCKED, outcomeBlocked("identified"))),
                row(
                        "enter: nothing left to offer -> the flow ends, come back in a minute",
                        given().gates(2).methods(Method.EMAIL).passed("email"),
                        GateMachine::enter,
                        then(END_ERROR, blocked(1)).events(ALL_BLOCKED, outcomeBlocked("identified"))),
                row(
                        "enter: one gate blocked, the others open -> it is shown blocked",
                        given().gate(Method.SMS, FakeGatePorts.blockedFor(125)),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("email", "sms!125", "voice")
                                .events("gate-offered|null|email,sms,voice")),
                row(
                        "enter: a refusal without a wait still shows as blocked",
                        given().chooserSeen().gate(Method.SMS, new Decision(false, "gate-blocked", 0, 0)),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email", "sms!1", "voice")),
                row(
                        "enter: the decoy is blocked exactly like an account",
                        given().decoy()
                                .gate(Method.EMAIL, FakeGatePorts.blockedFor(30))
                                .gate(Method.SMS, FakeGatePorts.blockedFor(30))
                                .gate(Method.VOICE, FakeGatePorts.blockedFor(30)),
                        GateMachine::enter,
                        then(END_ERROR, blocked(1)).events(ALL_BLOCKED, outcomeBlocked("identified"))));
    }

    static Stream<Arguments> current() {
        return Stream.of(
                row(
                        "current: on the email gate -> its code page",
                        given().on(Method.EMAIL),
                        m -> m.current(null),
                        then(CODE, null).calls("takeSendFailure", "takeSendFailure:email")),
                row(
                        "current: the message given is shown",
                        given().on(Method.EMAIL),
                        m -> m.current(Msg.info("sspr.test")),
                        then(CODE, Msg.info("sspr.test"))),
                row(
                        "current: questions not drawn yet -> drawn now",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .draws("pet", "city", "school"),
                        m -> m.current(null),
                        then(QUESTIONS, null).note(ResetNotes.ASKED, "pet,city,school")),
                row(
                        "current: questions drawn -> the same ones, no new draw",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("pet,city,school")
                                .draws("other", "ones", "here"),
                        m -> m.current(null),
                        then(QUESTIONS, null)
                                .note(ResetNotes.ASKED, "pet,city,school")
                                .calls("drawQuestions")),
                row(
                        "current: no questions can be drawn -> the chooser says the method is unavailable",
                        given().gates(2).methods(Method.EMAIL, Method.QUESTIONS).on(Method.QUESTIONS),
                        m -> m.current(null),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email", "questions")
                                .events("gate-offered|null|email,questions")
                                .note(ResetNotes.METHOD, null)),
                row(
                        "current: confirm mode, number not typed yet -> the phone page",
                        given().confirmPhone().on(Method.SMS),
                        m -> m.current(null),
                        then(PHONE, null).calls("takeSendFailure")),
                row(
                        "current: confirm mode, a number typed (even a wrong one) -> the code page",
                        given().confirmPhone().on(Method.SMS).note(ResetNotes.PHONE_CONFIRMED, "0"),
                        m -> m.current(null),
                        then(CODE, null)),
                row(
                        "current: voice without confirm mode -> the code page",
                        given().on(Method.VOICE),
                        m -> m.current(null),
                        then(CODE, null)),
                row(
                        "current: a send that failed in the background is reported, in place of the message",
                        given().on(Method.EMAIL).parkedFailure(Method.EMAIL, "email_failed"),
                        m -> m.current(Msg.info("sspr.test")),
                        then(CODE, Msg.error("code", "sspr.reset.error.sendFailed"))
                                .events("send-failed|sspr_send_failed|email_failed")),
                row(
                        "current: a failure parked for another method is not this gate's",
                        given().on(Method.SMS).parkedFailure(Method.EMAIL, "email_failed"),
                        m -> m.current(null),
                        then(CODE, null)),
                row(
                        "current: an unknown method in the notes -> the chooser",
                        given().chooserSeen().note(ResetNotes.METHOD, "fax"),
                        m -> m.current(null),
                        then(CHOOSER, null).options("email", "sms", "voice")));
    }

    static Stream<Arguments> choose() {
        return Stream.of(
                row(
                        "choose: an unknown method -> the chooser says it is unavailable",
                        given().chooserSeen(),
                        m -> m.choose("fax"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email", "sms", "voice")
                                .note(ResetNotes.METHOD, null)
                                .calls("send")),
                row(
                        "choose: no method at all",
                        given().chooserSeen(),
                        m -> m.choose(null),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email", "sms", "voice")),
                row(
                        "choose: questions with one gate are not offered, so not drawn",
                        given().chooserSeen().methods(Method.EMAIL, Method.QUESTIONS),
                        m -> m.choose("questions"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email")
                                .calls("drawQuestions")),
                row(
                        "choose: a method the user does not have",
                        given().chooserSeen().methods(Method.EMAIL),
                        m -> m.choose("sms"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email")),
                row(
                        "choose: voice after SMS passed -> not offered",
                        given().gates(2).passed("sms").note(ResetNotes.OFFERED + 1, "1"),
                        m -> m.choose("voice"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email")
                                .calls("send")),
                row(
                        "choose: a blocked gate -> the chooser says for how long, nothing chosen",
                        given().chooserSeen().gate(Method.SMS, FakeGatePorts.blockedFor(125)),
                        m -> m.choose("sms"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodBlocked", Durations.ofMinutes(3)))
                                .failure()
                                .options("email", "sms!125", "voice")
                                .note(ResetNotes.METHOD, null)
                                .note(ResetNotes.STEP, null)
                                .calls("send")),
                row(
                        "choose: a phone at the realm's daily cap -> greyed out, the chooser says it cannot send there",
                        given().chooserSeen()
                                .gate(Method.SMS, new io.github.sspr.throttle.Decision(false, "realm-texts", 3600, 0)),
                        m -> m.choose("sms"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.cannotSend"))
                                .failure()
                                .options("email", "sms!3600", "voice")
                                .note(ResetNotes.METHOD, null)
                                .calls("send")),
                row(
                        "choose: email -> a code is sent and the page says where",
                        given().chooserSeen(),
                        m -> m.choose("email"),
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("gate-chosen", "code-sent")
                                .note(ResetNotes.METHOD, "email")
                                .note(ResetNotes.STEP, "code-email")
                                .calls("send", "send:email:true")),
                row(
                        "choose: SMS -> a text is sent",
                        given().chooserSeen(),
                        m -> m.choose("sms"),
                        then(CODE, Msg.info("sspr.reset.codeSent.sms", PHONE_MASK))
                                .events("gate-chosen", "code-sent")
                                .note(ResetNotes.STEP, "code-sms")
                                .calls("send", "send:sms:true")),
                row(
                        "choose: voice -> a call is made",
                        given().chooserSeen(),
                        m -> m.choose("voice"),
                        then(CODE, Msg.info("sspr.reset.codeSent.voice", PHONE_MASK))
                                .events("gate-chosen", "code-sent")
                                .note(ResetNotes.STEP, "code-voice")
                                .calls("send", "send:voice:true")),
                row(
                        "choose: voice in confirm mode -> the full number first, nothing sent",
                        given().chooserSeen().confirmPhone(),
                        m -> m.choose("voice"),
                        then(PHONE, null)
                                .events("gate-chosen")
                                .note(ResetNotes.METHOD, "voice")
                                .note(ResetNotes.STEP, "gate-voice")
                                .calls("send")),
                row(
                        "choose: email in confirm mode is sent at once",
                        given().chooserSeen().confirmPhone(),
                        m -> m.choose("email"),
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("gate-chosen", "code-sent")
                                .calls("send", "send:email:true")),
                row(
                        "choose: questions -> drawn",
                        given().chooserSeen()
                                .gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .draws("a", "b", "c"),
                        m -> m.choose("questions"),
                        then(QUESTIONS, null)
                                .events("gate-chosen")
                                .note(ResetNotes.METHOD, "questions")
                                .note(ResetNotes.STEP, "gate-questions")
                                .note(ResetNotes.ASKED, "a,b,c")
                                .calls("send")),
                row(
                        "choose: questions that cannot be drawn -> the chooser says unavailable",
                        given().chooserSeen().gates(2).methods(Method.EMAIL, Method.QUESTIONS),
                        m -> m.choose("questions"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email", "questions")
                                .events("gate-chosen")
                                .note(ResetNotes.METHOD, null)),
                row(
                        "choose: forgets what the gate worked on before",
                        given().chooserSeen().on(Method.SMS).asked("a,b,c").note(ResetNotes.PHONE_CONFIRMED, "1"),
                        m -> m.choose("email"),
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("gate-chosen", "code-sent")
                                .note(ResetNotes.METHOD, "email")
                                .note(ResetNotes.ASKED, null)
                                .note(ResetNotes.PHONE_CONFIRMED, null)),
                row(
                        "choose: the method's id in another case",
                        given().chooserSeen(),
                        m -> m.choose(" EMAIL "),
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("gate-chosen", "code-sent")),
                row(
                        "choose: the decoy reads the same (the adapter has no destination to send to)",
                        given().chooserSeen().decoy(),
                        m -> m.choose("email"),
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("gate-chosen", "code-sent")
                                .calls("send", "send:email:true")));
    }

    static Stream<Arguments> sendOutcomes() {
        return Stream.of(
                row(
                        "send: cooldown -> the code page says how long to wait",
                        given().chooserSeen().sendAnswers(Method.EMAIL, Status.COOLDOWN, "cooldown", 20),
                        m -> m.choose("email"),
                        then(CODE, Msg.error("code", "sspr.reset.error.cooldown", Durations.ofSeconds(20)))
                                .events("gate-chosen")
                                .note(ResetNotes.STEP, "gate-email")),
                row(
                        "send: the flow's send cap -> the flow ends",
                        given().chooserSeen().sendAnswers(Method.EMAIL, Status.SEND_LIMIT, "send_limit", 0),
                        m -> m.choose("email"),
                        then(END_ERROR, Msg.error(null, "sspr.reset.error.sendLimit"))
                                .events(
                                        "gate-chosen",
                                        "send-refused|sspr_send_limit|send_limit",
                                        "outcome:failed|gate-email|sspr_send_limit|send_limit")),
                row(
                        "send: the account's gate is blocked -> the flow ends",
                        given().chooserSeen().sendAnswers(Method.SMS, Status.BLOCKED, "gate-blocked", 300),
                        m -> m.choose("sms"),
                        then(END_ERROR, blocked(5)).events("gate-chosen", ALL_BLOCKED, outcomeBlocked("gate-sms"))),
                row(
                        "send: too many code emails block the account like failures",
                        given().chooserSeen().sendAnswers(Method.EMAIL, Status.BLOCKED, "email-sends", 601),
                        m -> m.choose("email"),
                        then(END_ERROR, blocked(11))
                                .events(
                                        "gate-chosen",
                                        "blocked|sspr_blocked|email-sends",
                                        "outcome:blocked|gate-email|sspr_blocked|email-sends")),
                row(
                        "send: the number is over its cap -> back to the chooser, another method may work",
                        given().chooserSeen().sendAnswers(Method.SMS, Status.REFUSED, "phone-number-sends", 3600),
                        m -> m.choose("sms"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.cannotSend"))
                                .failure()
                                .options("email", "sms", "voice")
                                .events("gate-chosen", "send-refused|sspr_send_refused|phone-number-sends")
                                .note(ResetNotes.METHOD, null)
                                .note(ResetNotes.STEP, "gate-sms")),
                row(
                        "send: the provider failed -> the code page says so",
                        given().chooserSeen().sendAnswers(Method.EMAIL, Status.FAILED, "email_failed", 0),
                        m -> m.choose("email"),
                        then(CODE, Msg.error("code", "sspr.reset.error.sendFailed"))
                                .events("gate-chosen", "send-failed|sspr_send_failed|email_failed")
                                .note(ResetNotes.STEP, "gate-email")),
                row(
                        "send: a background failure is reported in place of 'wait 20 seconds'",
                        given().on(Method.EMAIL)
                                .sendAnswers(Method.EMAIL, Status.COOLDOWN, "cooldown", 20)
                                .parkedFailure(Method.EMAIL, "email_failed"),
                        GateMachine::resend,
                        then(CODE, Msg.error("code", "sspr.reset.error.sendFailed"))
                                .events("send-failed|sspr_send_failed|email_failed")),
                row(
                        "send: sent -> the step reached is the code page",
                        given().on(Method.SMS).reached("gate-sms"),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSent.sms", PHONE_MASK))
                                .events("code-sent")
                                .note(ResetNotes.STEP, "code-sms")));
    }

    static Stream<Arguments> confirmPhone() {
        return Stream.of(
                row(
                        "confirmPhone: no gate chosen -> the chooser, nothing compared",
                        given().chooserSeen().confirmPhone(),
                        m -> m.confirmPhone("+16502530000"),
                        then(CHOOSER, null).options("email", "sms", "voice").calls("phoneMatches")),
                row(
                        "confirmPhone: on the email gate -> its code page, nothing compared or sent",
                        given().confirmPhone().on(Method.EMAIL),
                        m -> m.confirmPhone("+16502530000"),
                        then(CODE, null).calls("phoneMatches").calls("send")),
                row(
                        "confirmPhone: the right number -> the code is sent",
                        given().confirmPhone()
                                .on(Method.SMS)
                                .reached("gate-sms")
                                .phoneMatches(),
                        m -> m.confirmPhone("+16502530000"),
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("code-sent")
                                .note(ResetNotes.PHONE_CONFIRMED, "1")
                                .note(ResetNotes.STEP, "code-sms")
                                .calls("phoneMatches", "phoneMatches:sms:+16502530000")
                                .calls("send", "send:sms:true")
                                .calls("attemptFailed")),
                row(
                        "confirmPhone: a wrong number reads the same, sends nothing and counts a failure",
                        given().confirmPhone().on(Method.VOICE).reached("gate-voice"),
                        m -> m.confirmPhone("+15550000000"),
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("gate-failed|sspr_phone_mismatch|phone number does not match", "code-sent")
                                .note(ResetNotes.PHONE_CONFIRMED, "0")
                                .calls("send", "send:voice:false")
                                .calls("attemptFailed", "attemptFailed:voice")),
                row(
                        "confirmPhone: a wrong number that blocks the gate -> the flow ends",
                        given().confirmPhone()
                                .on(Method.VOICE)
                                .reached("gate-voice")
                                .failureBlocks(Method.VOICE, 900),
                        m -> m.confirmPhone("+15550000000"),
                        then(END_ERROR, blocked(15))
                                .events(
                                        "gate-failed|sspr_phone_mismatch|phone number does not match",
                                        ALL_BLOCKED,
                                        outcomeBlocked("gate-voice"))
                                .note(ResetNotes.PHONE_CONFIRMED, null)
                                .calls("send")),
                row(
                        "confirmPhone: nothing typed is a wrong number",
                        given().confirmPhone().on(Method.SMS).reached("gate-sms"),
                        m -> m.confirmPhone(null),
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("gate-failed|sspr_phone_mismatch|phone number does not match", "code-sent")
                                .calls("send", "send:sms:false")));
    }

    static Stream<Arguments> resend() {
        return Stream.of(
                row(
                        "resend: no gate chosen -> the chooser, nothing sent",
                        given().chooserSeen(),
                        GateMachine::resend,
                        then(CHOOSER, null).options("email", "sms", "voice").calls("send")),
                row(
                        "resend: on questions -> the questions page, nothing sent",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c"),
                        GateMachine::resend,
                        then(QUESTIONS, null).calls("send")),
                row(
                        "resend: email in confirm mode is delivered",
                        given().confirmPhone().on(Method.EMAIL),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSent.email", EMAIL_MASK))
                                .events("code-sent")
                                .calls("send", "send:email:true")),
                row(
                        "resend: a number typed wrong is never delivered to",
                        given().confirmPhone().on(Method.SMS).note(ResetNotes.PHONE_CONFIRMED, "0"),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("code-sent")
                                .calls("send", "send:sms:false")),
                row(
                        "resend: a number typed right is delivered to",
                        given().confirmPhone().on(Method.SMS).note(ResetNotes.PHONE_CONFIRMED, "1"),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("code-sent")
                                .calls("send", "send:sms:true")),
                row(
                        "resend: confirm mode, number not typed yet -> not delivered",
                        given().confirmPhone().on(Method.VOICE),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSentIfMatches", PHONE_MASK))
                                .events("code-sent")
                                .calls("send", "send:voice:false")),
                row(
                        "resend: without confirm mode -> delivered",
                        given().on(Method.VOICE),
                        GateMachine::resend,
                        then(CODE, Msg.info("sspr.reset.codeSent.voice", PHONE_MASK))
                                .events("code-sent")
                                .calls("send", "send:voice:true")),
                row(
                        "resend: during the cooldown -> wait, the code stays",
                        given().on(Method.SMS)
                                .reached("code-sms")
                                .sendAnswers(Method.SMS, Status.COOLDOWN, "cooldown", 45),
                        GateMachine::resend,
                        then(CODE, Msg.error("code", "sspr.reset.error.cooldown", Durations.ofSeconds(45)))
                                .note(ResetNotes.METHOD, "sms")
                                .note(ResetNotes.STEP, "code-sms")));
    }

    static Stream<Arguments> verify() {
        return Stream.of(
                row(
                        "verify: no gate chosen -> the chooser, nothing checked",
                        given().chooserSeen(),
                        m -> m.verify("123456"),
                        then(CHOOSER, null).options("email", "sms", "voice").calls("verifyCode")),
                row(
                        "verify: on questions -> the questions page, nothing checked",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c"),
                        m -> m.verify("123456"),
                        then(QUESTIONS, null).calls("verifyCode")),
                row(
                        "verify: the gate is blocked -> the flow ends, the code is not even checked",
                        given().on(Method.EMAIL)
                                .reached("code-email")
                                .gate(Method.EMAIL, FakeGatePorts.blockedFor(61))
                                .code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(END_ERROR, blocked(2))
                                .events(ALL_BLOCKED, outcomeBlocked("code-email"))
                                .calls("verifyCode")
                                .note(ResetNotes.PASSED, null)),
                row(
                        "verify: the right code at the last gate -> passed, the new password is next",
                        given().on(Method.EMAIL).reached("code-email").code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "email")
                                .note(ResetNotes.METHOD, null)
                                .note(ResetNotes.STEP, "new-password")
                                .calls("verifyCode", "verifyCode:email:123456")
                                .calls("attemptFailed")),
                row(
                        "verify: the right code in unlock mode -> the unlock is next",
                        given().on(Method.SMS)
                                .note(ResetNotes.MODE, ResetNotes.MODE_UNLOCK)
                                .code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(PASSED, null).events("gate-passed").note(ResetNotes.STEP, "unlock")),
                row(
                        "verify: the right code at the last gate of a lost-authenticator recovery -> the pick is next",
                        given().on(Method.SMS)
                                .note(ResetNotes.MODE, ResetNotes.MODE_FACTOR)
                                .code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(PASSED, null).events("gate-passed").note(ResetNotes.STEP, "pick-factor")),
                row(
                        "verify: the right code at the first of two gates -> the next gate's chooser",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS)
                                .on(Method.SMS)
                                .reached("code-sms")
                                .note(ResetNotes.PHONE_CONFIRMED, "1")
                                .code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(CHOOSER, Msg.info("sspr.reset.nextGate"))
                                .options("email", "questions")
                                .events("gate-passed", "gate-offered|null|email,questions")
                                .note(ResetNotes.PASSED, "sms")
                                .note(ResetNotes.STEP, "code-sms")
                                .note(ResetNotes.PHONE_CONFIRMED, null)
                                .note(ResetNotes.OFFERED + 1, "1")),
                row(
                        "verify: the decoy fails even a right guess of the unsent code",
                        given().decoy().on(Method.EMAIL).code(VerifyResult.VALID, 4),
                        m -> m.verify("123456"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeWrong", 4))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")
                                .note(ResetNotes.PASSED, null)
                                .calls("attemptFailed", "attemptFailed:email")),
                row(
                        "verify: a wrong code -> tries left",
                        given().on(Method.SMS).code(VerifyResult.WRONG, 2),
                        m -> m.verify("000000"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeWrong", 2))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")
                                .calls("attemptFailed", "attemptFailed:sms")),
                row(
                        "verify: a wrong code, no tries left -> the code is dead",
                        given().on(Method.SMS).code(VerifyResult.WRONG, 0),
                        m -> m.verify("000000"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeDead"))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")),
                row(
                        "verify: a wrong code that blocks the gate -> the flow ends",
                        given().on(Method.SMS)
                                .reached("code-sms")
                                .code(VerifyResult.WRONG, 3)
                                .failureBlocks(Method.SMS, 300),
                        m -> m.verify("000000"),
                        then(END_ERROR, blocked(5))
                                .events("gate-failed|invalid_code|wrong code", ALL_BLOCKED, outcomeBlocked("code-sms"))
                                .calls("triesLeft")),
                row(
                        "verify: an expired code -> say so; no failure counted",
                        given().on(Method.EMAIL).code(VerifyResult.EXPIRED, 4),
                        m -> m.verify("123456"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeExpired"))
                                .expired()
                                .events("gate-failed|expired_code|expired")
                                .calls("attemptFailed")),
                row(
                        "verify: a code whose tries are used up",
                        given().on(Method.EMAIL).code(VerifyResult.TOO_MANY_TRIES, 0),
                        m -> m.verify("123456"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeDead"))
                                .expired()
                                .events("gate-failed|expired_code|too_many_tries")
                                .calls("attemptFailed")),
                row(
                        "verify: no code was sent",
                        given().on(Method.EMAIL).code(VerifyResult.NO_CODE, 0),
                        m -> m.verify("123456"),
                        then(CODE, Msg.error("code", "sspr.reset.error.codeMissing"))
                                .expired()
                                .events("gate-failed|expired_code|no_code")),
                row(
                        "verify: a wrong code after a failed background send -> the failure is what the page says",
                        given().on(Method.SMS).code(VerifyResult.WRONG, 3).parkedFailure(Method.SMS, "sms_rejected"),
                        m -> m.verify("000000"),
                        then(CODE, Msg.error("code", "sspr.reset.error.sendFailed"))
                                .failure()
                                .events(
                                        "gate-failed|invalid_code|wrong code",
                                        "send-failed|sspr_send_failed|sms_rejected")),
                row(
                        "verify: an expired code after a failed background send -> the failure is what the page says",
                        given().on(Method.SMS).code(VerifyResult.EXPIRED, 4).parkedFailure(Method.SMS, "sms_rejected"),
                        m -> m.verify("000000"),
                        then(CODE, Msg.error("code", "sspr.reset.error.sendFailed"))
                                .expired()
                                .events(
                                        "gate-failed|expired_code|expired",
                                        "send-failed|sspr_send_failed|sms_rejected")));
    }

    static Stream<Arguments> answer() {
        Map<String, String> answers = Map.of("a", "x", "b", "y", "c", "z");
        return Stream.of(
                row(
                        "answer: not on questions -> the page in hand, nothing checked",
                        given().on(Method.EMAIL),
                        m -> m.answer(answers),
                        then(CODE, null).calls("answersRight").calls("checkGate")),
                row(
                        "answer: nothing asked yet -> questions drawn, nothing checked",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .draws("a", "b", "c"),
                        m -> m.answer(answers),
                        then(QUESTIONS, null).note(ResetNotes.ASKED, "a,b,c").calls("answersRight")),
                row(
                        "answer: the gate is blocked -> the flow ends, nothing checked",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .reached("gate-questions")
                                .gate(Method.QUESTIONS, FakeGatePorts.blockedFor(30))
                                .answersRight(),
                        m -> m.answer(answers),
                        then(END_ERROR, blocked(1))
                                .events(ALL_BLOCKED, outcomeBlocked("gate-questions"))
                                .calls("answersRight")),
                row(
                        "answer: right answers at the last gate -> passed",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .passed("email")
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .answersRight(),
                        m -> m.answer(answers),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "email,questions")
                                .note(ResetNotes.ASKED, null)
                                .note(ResetNotes.METHOD, null)
                                .note(ResetNotes.STEP, "new-password")
                                .calls("answersRight", "answersRight:a,b,c")
                                .calls("burnAnswerCheck")),
                row(
                        "answer: right answers at the first gate -> the other factor is next",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .answersRight(),
                        m -> m.answer(answers),
                        then(CHOOSER, Msg.info("sspr.reset.nextGate"))
                                .options("email")
                                .events("gate-passed", "gate-offered|null|email")
                                .note(ResetNotes.PASSED, "questions")),
                row(
                        "answer: wrong answers -> never says which, and draws again",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .draws("d", "e", "f"),
                        m -> m.answer(answers),
                        then(QUESTIONS, Msg.error(null, "sspr.reset.error.answersWrong"))
                                .failure()
                                .events("gate-failed|invalid_answers|wrong answers")
                                .note(ResetNotes.ASKED, "d,e,f")
                                .calls("attemptFailed", "attemptFailed:questions")
                                .calls("drawQuestions", "drawQuestions")),
                row(
                        "answer: wrong answers that block the gate -> the flow ends, nothing drawn",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .reached("gate-questions")
                                .failureBlocks(Method.QUESTIONS, 600)
                                .draws("d", "e", "f"),
                        m -> m.answer(answers),
                        then(END_ERROR, blocked(10))
                                .events(
                                        "gate-failed|invalid_answers|wrong answers",
                                        ALL_BLOCKED,
                                        outcomeBlocked("gate-questions"))
                                .calls("drawQuestions")),
                row(
                        "answer: the decoy pays for one answer check and never passes",
                        given().decoy()
                                .gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .on(Method.QUESTIONS)
                                .asked("a,b,c")
                                .answersRight()
                                .draws("d", "e", "f"),
                        m -> m.answer(answers),
                        then(QUESTIONS, Msg.error(null, "sspr.reset.error.answersWrong"))
                                .failure()
                                .events("gate-failed|invalid_answers|wrong answers")
                                .note(ResetNotes.PASSED, null)
                                .calls("burnAnswerCheck", "burnAnswerCheck")
                                .calls("answersRight")),
                row(
                        "answer: wrong answers and no new draw possible -> the chooser",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.QUESTIONS)
                                .chooserSeen()
                                .on(Method.QUESTIONS)
                                .asked("a,b,c"),
                        m -> m.answer(answers),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email", "questions")
                                .events("gate-failed|invalid_answers|wrong answers")
                                .note(ResetNotes.METHOD, null)));
    }

    static Stream<Arguments> otherAndCancel() {
        return Stream.of(
                row(
                        "other: back to the chooser of the same gate, the gate in hand forgotten",
                        given().chooserSeen()
                                .on(Method.SMS)
                                .asked("a,b,c")
                                .note(ResetNotes.PHONE_CONFIRMED, "1")
                                .reached("code-sms"),
                        GateMachine::other,
                        then(CHOOSER, null)
                                .options("email", "sms", "voice")
                                .events("other-way")
                                .note(ResetNotes.METHOD, null)
                                .note(ResetNotes.ASKED, null)
                                .note(ResetNotes.PHONE_CONFIRMED, null)
                                .note(ResetNotes.STEP, "code-sms")),
                row(
                        "other: at the second gate -> its methods only",
                        given().gates(2).passed("email").on(Method.SMS).note(ResetNotes.OFFERED + 1, "1"),
                        GateMachine::other,
                        then(CHOOSER, null).options("sms", "voice").events("other-way")),
                row(
                        "other: every method blocked meanwhile -> the flow ends",
                        given().on(Method.SMS)
                                .reached("code-sms")
                                .gate(Method.EMAIL, FakeGatePorts.blockedFor(700))
                                .gate(Method.SMS, FakeGatePorts.blockedFor(700))
                                .gate(Method.VOICE, FakeGatePorts.blockedFor(700)),
                        GateMachine::other,
                        then(END_ERROR, blocked(12)).events("other-way", ALL_BLOCKED, outcomeBlocked("code-sms"))),
                row(
                        "cancel: before any gate -> the outcome says identified",
                        given(),
                        GateMachine::cancel,
                        then(END_INFO, Msg.info("sspr.reset.cancelled"))
                                .events("outcome:cancelled|identified|null|null")),
                row(
                        "cancel: on a code page -> the outcome names it",
                        given().on(Method.SMS).reached("code-sms"),
                        GateMachine::cancel,
                        then(END_INFO, Msg.info("sspr.reset.cancelled"))
                                .events("outcome:cancelled|code-sms|null|null")
                                .calls("send")
                                .calls("checkGate")));
    }

    static Stream<Arguments> minutes() {
        return Stream.of(
                Arguments.of(0L, 1L),
                Arguments.of(1L, 1L),
                Arguments.of(59L, 1L),
                Arguments.of(60L, 1L),
                Arguments.of(61L, 2L),
                Arguments.of(120L, 2L),
                Arguments.of(121L, 3L),
                Arguments.of(3600L, 60L),
                Arguments.of(86_400L, 1440L));
    }

    @ParameterizedTest(name = "{0} s -> {1} min")
    @MethodSource("minutes")
    void minutesAreWholeAndRoundedUp(long seconds, long minutes) {
        assertEquals(minutes, GateMachine.minutes(seconds));
    }

    /** The user's own Keycloak factors: authenticator app (OTP) and recovery codes (docs/reset.md). */
    static Stream<Arguments> keycloakFactors() {
        return Stream.of(
                row(
                        "factors: the app and the recovery codes are offered first, before email and phone",
                        given().methods(Method.EMAIL, Method.SMS, Method.OTP, Method.RECOVERY_CODES),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("otp", "recovery-codes", "email", "sms")
                                .events("gate-offered|null|otp,recovery-codes,email,sms")
                                .note(ResetNotes.OFFERED + 0, "1")),
                row(
                        "factors: choosing the app sends nothing and asks for its code",
                        given().chooserSeen().methods(Method.EMAIL, Method.OTP),
                        m -> m.choose("otp"),
                        then(FACTOR, null)
                                .events("gate-chosen")
                                .note(ResetNotes.METHOD, "otp")
                                .note(ResetNotes.STEP, "gate-otp")
                                .calls("send")
                                .calls("checkGate", "checkGate:otp")),
                row(
                        "factors: a method the user does not hold is not offered, so not chosen",
                        given().chooserSeen().methods(Method.EMAIL),
                        m -> m.choose("otp"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("email")
                                .note(ResetNotes.METHOD, null)),
                row(
                        "factors: a blocked app gate is not entered",
                        given().chooserSeen()
                                .methods(Method.EMAIL, Method.OTP)
                                .gate(Method.OTP, FakeGatePorts.blockedFor(600)),
                        m -> m.choose("otp"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodBlocked", Durations.ofMinutes(10)))
                                .failure()
                                .options("otp!600", "email")
                                .note(ResetNotes.METHOD, null)),
                row(
                        "factors: the right app code passes the gate, checked by Keycloak once, counted then undone",
                        given().methods(Method.EMAIL, Method.OTP).on(Method.OTP).factorValid(),
                        m -> m.verify("123456"),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "otp")
                                .note(ResetNotes.METHOD, null)
                                .calls("factorValid", "factorValid:otp:123456")
                                .calls("beginAttempt", "beginAttempt:otp")
                                .calls("attemptUndone", "attemptUndone:otp")
                                .calls("attemptFailed")
                                .calls("verifyCode")),
                row(
                        "factors: a wrong or replayed app code fails, counts against the gate, stays on the page",
                        given().methods(Method.EMAIL, Method.OTP).on(Method.OTP),
                        m -> m.verify("123456"),
                        then(FACTOR, Msg.error("code", "sspr.reset.error.factorWrong.otp"))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")
                                .note(ResetNotes.PASSED, null)
                                .calls("attemptFailed", "attemptFailed:otp")
                                .calls("attemptUndone")),
                row(
                        "factors: the wrong app code that reaches the cap blocks the gate and ends the flow",
                        given().methods(Method.EMAIL, Method.OTP)
                                .on(Method.OTP)
                                .reached("gate-otp")
                                .failureBlocks(Method.OTP, 86_400),
                        m -> m.verify("000000"),
                        then(END_ERROR, blocked(1440))
                                .events(
                                        "gate-failed|invalid_code|wrong code",
                                        ALL_BLOCKED,
                                        outcomeBlocked("gate-otp"))),
                row(
                        "factors: a blocked app gate does not even ask Keycloak",
                        given().methods(Method.EMAIL, Method.OTP)
                                .on(Method.OTP)
                                .reached("gate-otp")
                                .gate(Method.OTP, FakeGatePorts.blockedFor(61))
                                .factorValid(),
                        m -> m.verify("123456"),
                        then(END_ERROR, blocked(2))
                                .events(ALL_BLOCKED, outcomeBlocked("gate-otp"))
                                .calls("factorValid")
                                .note(ResetNotes.PASSED, null)),
                row(
                        "factors: the decoy's app code never passes, even when the check would say so",
                        given().decoy()
                                .methods(Method.EMAIL, Method.OTP)
                                .on(Method.OTP)
                                .factorValid(),
                        m -> m.verify("123456"),
                        then(FACTOR, Msg.error("code", "sspr.reset.error.factorWrong.otp"))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")
                                .note(ResetNotes.PASSED, null)
                                .calls("factorValid", "factorValid:otp:123456")),
                row(
                        "factors: a recovery code passes and the codes left are kept for the next page",
                        given().methods(Method.EMAIL, Method.RECOVERY_CODES)
                                .on(Method.RECOVERY_CODES)
                                .factorValid(),
                        m -> m.verify("ABCD-EFGH-JKLM"),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "recovery-codes")
                                .note(ResetNotes.CODES_LEFT, "7")
                                .calls("factorValid", "factorValid:recovery-codes:ABCD-EFGH-JKLM")),
                row(
                        "factors: a wrong recovery code fails and says so",
                        given().methods(Method.EMAIL, Method.RECOVERY_CODES).on(Method.RECOVERY_CODES),
                        m -> m.verify("nope"),
                        then(FACTOR, Msg.error("code", "sspr.reset.error.factorWrong.recovery-codes"))
                                .failure()
                                .events("gate-failed|invalid_code|wrong code")
                                .note(ResetNotes.CODES_LEFT, null)),
                row(
                        "factors: nothing to resend for the app",
                        given().methods(Method.EMAIL, Method.OTP).on(Method.OTP),
                        GateMachine::resend,
                        then(FACTOR, null).calls("send")),
                row(
                        "factors: two gates -> the app then email, never the app twice",
                        given().gates(2).methods(Method.EMAIL, Method.OTP).passed("otp"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email").events("gate-offered|null|email")),
                row(
                        "factors: two gates -> the app and the recovery codes are two factors",
                        given().gates(2)
                                .methods(Method.OTP, Method.RECOVERY_CODES)
                                .passed("otp"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("recovery-codes").events("gate-offered|null|recovery-codes")),
                row(
                        "factors: a second gate passed with a recovery code -> the new password is next",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.RECOVERY_CODES)
                                .passed("email")
                                .on(Method.RECOVERY_CODES)
                                .factorValid(),
                        m -> m.verify("ABCDEFGHJKLM"),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "email,recovery-codes")
                                .note(ResetNotes.STEP, "new-password")));
    }

    /** The passkey gate: a WebAuthn assertion checked by Keycloak, and the privileged users' passkey rule. */
    static Stream<Arguments> passkey() {
        return Stream.of(
                row(
                        "passkey: offered first of all, before the app and email",
                        given().methods(Method.EMAIL, Method.OTP, Method.PASSKEY),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("passkey", "otp", "email")
                                .events("gate-offered|null|passkey,otp,email")),
                row(
                        "passkey: choosing it sends nothing and shows the ceremony page",
                        given().chooserSeen().methods(Method.EMAIL, Method.PASSKEY),
                        m -> m.choose("passkey"),
                        then(FACTOR, null)
                                .events("gate-chosen")
                                .note(ResetNotes.METHOD, "passkey")
                                .note(ResetNotes.STEP, "gate-passkey")
                                .calls("send")),
                row(
                        "passkey: a valid assertion passes the gate, counted then undone",
                        given().methods(Method.EMAIL, Method.PASSKEY)
                                .on(Method.PASSKEY)
                                .factorValid(),
                        m -> m.verify(null),
                        then(PASSED, null)
                                .events("gate-passed")
                                .note(ResetNotes.PASSED, "passkey")
                                .calls("factorValid", "factorValid:passkey:null")
                                .calls("beginAttempt", "beginAttempt:passkey")
                                .calls("attemptUndone", "attemptUndone:passkey")
                                .calls("attemptFailed")),
                row(
                        "passkey: a failed or cancelled assertion counts against the gate and stays on the page",
                        given().methods(Method.EMAIL, Method.PASSKEY).on(Method.PASSKEY),
                        m -> m.verify(null),
                        then(FACTOR, Msg.error("code", "sspr.reset.error.factorWrong.passkey"))
                                .failure()
                                .events("gate-failed|invalid_code|passkey not verified")
                                .note(ResetNotes.PASSED, null)
                                .calls("attemptFailed", "attemptFailed:passkey")),
                row(
                        "passkey: the failure that reaches the cap blocks the gate and ends the flow",
                        given().methods(Method.EMAIL, Method.PASSKEY)
                                .on(Method.PASSKEY)
                                .reached("gate-passkey")
                                .failureBlocks(Method.PASSKEY, 86_400),
                        m -> m.verify(null),
                        then(END_ERROR, blocked(1440))
                                .events(
                                        "gate-failed|invalid_code|passkey not verified",
                                        ALL_BLOCKED,
                                        outcomeBlocked("gate-passkey"))),
                row(
                        "passkey: the decoy's assertion never passes, even when the check would say so",
                        given().decoy()
                                .methods(Method.EMAIL, Method.PASSKEY)
                                .on(Method.PASSKEY)
                                .factorValid(),
                        m -> m.verify(null),
                        then(FACTOR, Msg.error("code", "sspr.reset.error.factorWrong.passkey"))
                                .failure()
                                .events("gate-failed|invalid_code|passkey not verified")
                                .note(ResetNotes.PASSED, null)),
                row(
                        "passkey: nothing to resend",
                        given().methods(Method.EMAIL, Method.PASSKEY).on(Method.PASSKEY),
                        GateMachine::resend,
                        then(FACTOR, null).calls("send")),
                row(
                        "passkey: two gates -> passkey then email",
                        given().gates(2).methods(Method.EMAIL, Method.PASSKEY).passed("passkey"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("email").events("gate-offered|null|email")),
                row(
                        "privileged passkey rule: the first gate offers everything",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.OTP, Method.PASSKEY)
                                .note(ResetNotes.MUST_PASS, "passkey"),
                        GateMachine::enter,
                        then(CHOOSER, null)
                                .options("passkey", "otp", "email")
                                .events("gate-offered|null|passkey,otp,email")),
                row(
                        "privileged passkey rule: after email, the last gate offers only the passkey",
                        given().gates(2)
                                .methods(Method.EMAIL, Method.OTP, Method.PASSKEY)
                                .note(ResetNotes.MUST_PASS, "passkey")
                                .passed("email"),
                        GateMachine::enter,
                        then(CHOOSER, null).options("passkey").events("gate-offered|null|passkey")),
                row(
                        "privileged passkey rule: the app cannot be chosen for the last gate",
                        given().gates(2)
                                .chooserSeen()
                                .methods(Method.EMAIL, Method.OTP, Method.PASSKEY)
                                .note(ResetNotes.MUST_PASS, "passkey")
                                .passed("email"),
                        m -> m.choose("otp"),
                        then(CHOOSER, Msg.error("method", "sspr.reset.error.methodUnavailable"))
                                .failure()
                                .options("passkey")
                                .events("gate-offered|null|passkey")
                                .note(ResetNotes.METHOD, null)));
    }
}
