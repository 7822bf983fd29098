package io.github.sspr.registration.machine;

import static io.github.sspr.registration.machine.RegCase.given;
import static io.github.sspr.registration.machine.RegCase.then;
import static io.github.sspr.registration.machine.RegistrationMachine.STEP_CODE;
import static io.github.sspr.registration.machine.RegistrationMachine.STEP_EMAIL;
import static io.github.sspr.registration.machine.RegistrationMachine.STEP_OVERVIEW;
import static io.github.sspr.registration.machine.RegistrationMachine.STEP_PHONE;
import static io.github.sspr.registration.machine.RegistrationMachine.STEP_QUESTIONS;

import io.github.sspr.access.rule.ResetAccess;
import io.github.sspr.credentials.kinds.RecoveryCredential;
import io.github.sspr.credentials.questions.QuestionRegistrationValidator;
import io.github.sspr.delivery.rule.SendOutcome.Status;
import io.github.sspr.flow.Msg;
import io.github.sspr.otp.VerifyResult;
import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.registration.machine.RegCase.Given;
import io.github.sspr.registration.machine.RegCase.Then;
import io.github.sspr.registration.machine.RegCase.When;
import io.github.sspr.wording.Durations;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of recovery-method registration, one row per situation and action: what is offered, each refusal with its
 * event details and the form values kept (chosen questions, and the answers that passed), when a code is sent, discarded or registers a destination, and when the
 * registration may finish.
 */
class RegistrationMachineTest {

    static final SsprPolicy DEFAULT = SsprPolicy.defaults();
    static final SsprPolicy WITH_QUESTIONS = policy(2, Method.EMAIL, Method.SMS, Method.VOICE, Method.QUESTIONS);
    static final SsprPolicy EMAIL_ONLY = policy(1, Method.EMAIL);
    static final SsprPolicy SMS_ONLY = policy(1, Method.SMS);
    static final SsprPolicy VOICE_ONLY = policy(1, Method.VOICE);
    static final SsprPolicy EMAIL_SMS = policy(1, Method.EMAIL, Method.SMS);
    static final SsprPolicy GERMANY_ONLY =
            DEFAULT.toBuilder().phoneCountries(List.of("DE")).build();

    private static final String US = "+16502530000";
    private static final String US_MASK = "+16*******00";
    private static final String DE = "+493012345678";
    private static final String DE_MASK = "+49********78";
    private static final String ADDRESS = "dave.alt@example.org";
    private static final String ADDRESS_MASK = "d*******@example.org";

    static SsprPolicy policy(int gates, Method... methods) {
        return SsprPolicy.builder()
                .methods(List.of(methods))
                .gatesRequired(gates)
                .build();
    }

    private static ResetAccess access(
            SsprPolicy policy, boolean enabled, String region, long confirmedAt, Method... held) {
        Map<Method, Long> methods = new java.util.EnumMap<>(Method.class);
        for (Method m : held) {
            methods.put(m, confirmedAt);
        }
        return ResetAccess.decide(policy, new ResetAccess.Facts(enabled, false, methods, region));
    }

    static final SsprPolicy PASSKEY_FOR_ADMINS = SsprPolicy.builder()
            .methods(java.util.EnumSet.of(Method.EMAIL, Method.SMS, Method.VOICE, Method.PASSKEY))
            .privilegedPasskey(true)
            .build();

    private static ResetAccess privileged(SsprPolicy policy, long confirmedAt, Method... held) {
        Map<Method, Long> methods = new java.util.EnumMap<>(Method.class);
        for (Method m : held) {
            methods.put(m, confirmedAt);
        }
        return ResetAccess.decide(policy, new ResetAccess.Facts(true, true, methods, "US"));
    }

    private static Arguments row(String name, Given given, When when, Then then) {
        return Arguments.of(name, given, when, then);
    }

    private static String sendRefused(String kind, String mask, String channel, String reason) {
        return kind + "|sspr_send_refused|{sspr_destination=" + mask + ", sspr_channel=" + channel + ", reason="
                + reason + "}";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"showAndRemove", "sendPhone", "sendEmail", "sendRefusals", "resendAndVerify", "questions", "done"})
    void eachRow(String name, Given given, When when, Then then) {
        RegView view = when.apply(given.machine());
        then.check(view, given);
    }

    static Stream<Arguments> showAndRemove() {
        return Stream.of(
                row(
                        "current: no step yet -> the overview",
                        given(DEFAULT),
                        RegistrationMachine::current,
                        then(STEP_OVERVIEW)),
                row(
                        "current: the page the user is on",
                        given(DEFAULT).step(STEP_CODE),
                        RegistrationMachine::current,
                        then(STEP_CODE)),
                row(
                        "show: add a phone where the policy offers phones",
                        given(DEFAULT),
                        m -> m.show(STEP_PHONE, RecoveryCredential.PHONE),
                        then(STEP_PHONE).note(RegistrationNotes.STEP, STEP_PHONE)),
                row(
                        "show: voice alone is enough to offer a phone",
                        given(VOICE_ONLY),
                        m -> m.show(STEP_PHONE, RecoveryCredential.PHONE),
                        then(STEP_PHONE)),
                row(
                        "show: opening a page keeps the destination waiting for its code",
                        given(DEFAULT).pending(RecoveryCredential.EMAIL, ADDRESS, "email"),
                        m -> m.show(STEP_PHONE, RecoveryCredential.PHONE),
                        then(STEP_PHONE).pending(RecoveryCredential.EMAIL, ADDRESS, "email")),
                row(
                        "show: questions where the policy does not offer them -> the overview, pending forgotten",
                        given(DEFAULT).pending(RecoveryCredential.EMAIL, ADDRESS, "email"),
                        m -> m.show(STEP_QUESTIONS, RecoveryCredential.QUESTIONS),
                        then(STEP_OVERVIEW).nothingPending().note(RegistrationNotes.STEP, STEP_OVERVIEW)),
                row(
                        "show: email under an SMS-only policy -> the overview",
                        given(SMS_ONLY),
                        m -> m.show(STEP_EMAIL, RecoveryCredential.EMAIL),
                        then(STEP_OVERVIEW).note(RegistrationNotes.STEP, STEP_OVERVIEW)),
                row(
                        "show: questions under a two-gate policy with questions",
                        given(WITH_QUESTIONS),
                        m -> m.show(STEP_QUESTIONS, RecoveryCredential.QUESTIONS),
                        then(STEP_QUESTIONS)),
                row(
                        "back: the overview forgets the destination waiting for its code",
                        given(DEFAULT).step(STEP_CODE).pending(RecoveryCredential.PHONE, US, "sms"),
                        m -> m.show(STEP_OVERVIEW, null),
                        then(STEP_OVERVIEW).nothingPending().note(RegistrationNotes.STEP, STEP_OVERVIEW)),
                row(
                        "remove: the email -> the overview says so",
                        given(DEFAULT).step(STEP_EMAIL),
                        m -> m.remove(RecoveryCredential.EMAIL),
                        then(STEP_OVERVIEW, Msg.success("sspr.register.removed.email"))
                                .note(RegistrationNotes.STEP, STEP_OVERVIEW)
                                .calls("remove", "remove:email")),
                row(
                        "remove: questions even where the policy no longer offers them",
                        given(DEFAULT),
                        m -> m.remove(RecoveryCredential.QUESTIONS),
                        then(STEP_OVERVIEW, Msg.success("sspr.register.removed.questions"))
                                .calls("remove", "remove:questions")));
    }

    static Stream<Arguments> sendPhone() {
        return Stream.of(
                row(
                        "send-phone: phones not offered -> the overview, nothing sent",
                        given(EMAIL_ONLY).input("phone", US, "channel", "sms"),
                        m -> m.sendPhone(null),
                        then(STEP_OVERVIEW).calls("send")),
                row(
                        "send-phone: voice where only SMS is allowed",
                        given(EMAIL_SMS).input("phone", US, "channel", "voice"),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("channel", "sspr.register.error.channel"))
                                .form("channel", "voice")
                                .refused("phone|sspr_invalid_destination|{reason=channel_not_allowed}")
                                .note(RegistrationNotes.STEP, STEP_PHONE)
                                .calls("send")),
                row(
                        "send-phone: no channel means SMS, refused where only voice is allowed",
                        given(VOICE_ONLY).input("phone", US),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("channel", "sspr.register.error.channel"))
                                .refused("phone|sspr_invalid_destination|{reason=channel_not_allowed}")),
                row(
                        "send-phone: not a number -> the number is shown again to correct",
                        given(DEFAULT).input("phone", "12", "channel", "sms", "email", "x@y.z"),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.phoneInvalid"))
                                .form("phone", "12", "channel", "sms")
                                .refused("phone|sspr_invalid_destination|{reason=invalid_phone}")
                                .calls("send")),
                row(
                        "send-phone: nothing typed",
                        given(DEFAULT).input("channel", "sms"),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.phoneInvalid"))
                                .form("channel", "sms")
                                .refused("phone|sspr_invalid_destination|{reason=invalid_phone}")),
                row(
                        "send-phone: national form without a default country",
                        given(DEFAULT).input("phone", "(650) 253-0000", "channel", "sms"),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.phoneInvalid"))
                                .form("phone", "(650) 253-0000", "channel", "sms")
                                .refused("phone|sspr_invalid_destination|{reason=invalid_phone}")),
                row(
                        "send-phone: national form with the default country -> a text is sent",
                        given(DEFAULT).input("phone", "(650) 253-0000", "channel", "sms"),
                        m -> m.sendPhone("US"),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.sms", US_MASK))
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .note(RegistrationNotes.STEP, STEP_CODE)
                                .calls("send", "send:phone:" + US + ":sms")
                                .calls("discardCode", "discardCode:phone")),
                row(
                        "send-phone: a country the policy does not allow",
                        given(GERMANY_ONLY).input("phone", US, "channel", "sms"),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.phoneCountry"))
                                .form("phone", US, "channel", "sms")
                                .refused("phone|sspr_invalid_destination|{reason=country_not_allowed}")
                                .calls("send")),
                row(
                        "send-phone: an allowed country by voice -> a call is made",
                        given(GERMANY_ONLY).input("phone", "+49 30 12345678", "channel", "voice"),
                        m -> m.sendPhone(null),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.voice", DE_MASK))
                                .pending(RecoveryCredential.PHONE, DE, "voice")
                                .calls("send", "send:phone:" + DE + ":voice")),
                row(
                        "send-phone: the number waiting for its code again -> its code is kept",
                        given(DEFAULT)
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .input("phone", US, "channel", "voice"),
                        m -> m.sendPhone(null),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.voice", US_MASK))
                                .pending(RecoveryCredential.PHONE, US, "voice")
                                .calls("discardCode")),
                row(
                        "send-phone: another number -> the pending code is discarded first",
                        given(DEFAULT)
                                .pending(RecoveryCredential.PHONE, "+16502530001", "sms")
                                .input("phone", US, "channel", "sms"),
                        m -> m.sendPhone(null),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.sms", US_MASK))
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .calls("discardCode", "discardCode:phone")));
    }

    static Stream<Arguments> sendEmail() {
        return Stream.of(
                row(
                        "send-email: email not offered -> the overview, nothing sent",
                        given(SMS_ONLY).input("email", ADDRESS),
                        m -> m.sendEmail("dave@example.org"),
                        then(STEP_OVERVIEW).calls("send")),
                row(
                        "send-email: not an address -> only the address is shown again",
                        given(DEFAULT).input("email", "dave", "phone", "123", "channel", "sms"),
                        m -> m.sendEmail("dave@example.org"),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.emailInvalid"))
                                .form("email", "dave", "channel", "sms")
                                .refused("email|sspr_invalid_destination|{reason=invalid_email}")
                                .note(RegistrationNotes.STEP, STEP_EMAIL)
                                .calls("send")),
                row(
                        "send-email: nothing typed",
                        given(DEFAULT),
                        m -> m.sendEmail("dave@example.org"),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.emailInvalid"))
                                .refused("email|sspr_invalid_destination|{reason=invalid_email}")),
                row(
                        "send-email: the account's own address, in any case -> refused",
                        given(DEFAULT).input("email", " DAVE@example.org "),
                        m -> m.sendEmail("dave@Example.org"),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.emailSameAsAccount"))
                                .form("email", " DAVE@example.org ")
                                .refused("email|sspr_invalid_destination|{reason=same_as_account}")
                                .calls("send")),
                row(
                        "send-email: another address -> a code is sent to it, trimmed",
                        given(DEFAULT).input("email", " " + ADDRESS + " "),
                        m -> m.sendEmail("dave@example.org"),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.email", ADDRESS_MASK))
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .note(RegistrationNotes.STEP, STEP_CODE)
                                .calls("send", "send:email:" + ADDRESS + ":email")
                                .calls("discardCode", "discardCode:email")),
                row(
                        "send-email: an account without an address of its own",
                        given(DEFAULT).input("email", ADDRESS),
                        m -> m.sendEmail(null),
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.email", ADDRESS_MASK))
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")));
    }

    static Stream<Arguments> sendRefusals() {
        return Stream.of(
                row(
                        "send refused: cooldown -> wait, the number shown again",
                        given(DEFAULT)
                                .input("phone", US, "channel", "sms")
                                .sendAnswers(Status.COOLDOWN, "cooldown", 30),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.cooldown", Durations.ofSeconds(30)))
                                .form("phone", US, "channel", "sms")
                                .refused(sendRefused("phone", US_MASK, "sms", "cooldown"))
                                .note(RegistrationNotes.STEP, STEP_PHONE)
                                .nothingPending()),
                row(
                        "send refused: the flow's send cap",
                        given(DEFAULT).input("email", ADDRESS).sendAnswers(Status.SEND_LIMIT, "send_limit", 0),
                        m -> m.sendEmail(null),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.sendLimit"))
                                .form("email", ADDRESS)
                                .refused(sendRefused("email", ADDRESS_MASK, "email", "send_limit"))
                                .nothingPending()),
                row(
                        "send refused: the account is blocked",
                        given(DEFAULT).input("email", ADDRESS).sendAnswers(Status.BLOCKED, "email-sends", 600),
                        m -> m.sendEmail(null),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.throttled"))
                                .form("email", ADDRESS)
                                .refused(sendRefused("email", ADDRESS_MASK, "email", "throttled:email-sends"))),
                row(
                        "send refused: the number is over its cap",
                        given(DEFAULT)
                                .input("phone", US, "channel", "voice")
                                .sendAnswers(Status.REFUSED, "phone-number-sends", 3600),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.throttled"))
                                .form("phone", US, "channel", "voice")
                                .refused(sendRefused("phone", US_MASK, "voice", "throttled:phone-number-sends"))),
                row(
                        "send refused: the provider failed",
                        given(DEFAULT)
                                .input("phone", US, "channel", "sms")
                                .sendAnswers(Status.FAILED, "sms_rejected", 0),
                        m -> m.sendPhone(null),
                        then(STEP_PHONE, Msg.error("phone", "sspr.register.error.sendFailed"))
                                .form("phone", US, "channel", "sms")
                                .refused(sendRefused("phone", US_MASK, "sms", "sms_rejected"))
                                .nothingPending()),
                row(
                        "send refused: the address waiting before stays pending (its code was discarded)",
                        given(DEFAULT)
                                .pending(RecoveryCredential.EMAIL, "old@example.org", "email")
                                .input("email", ADDRESS)
                                .sendAnswers(Status.COOLDOWN, "cooldown", 10),
                        m -> m.sendEmail(null),
                        then(STEP_EMAIL, Msg.error("email", "sspr.register.error.cooldown", Durations.ofSeconds(10)))
                                .form("email", ADDRESS)
                                .refused(sendRefused("email", ADDRESS_MASK, "email", "cooldown"))
                                .pending(RecoveryCredential.EMAIL, "old@example.org", "email")
                                .calls("discardCode", "discardCode:email")));
    }

    static Stream<Arguments> resendAndVerify() {
        return Stream.of(
                row(
                        "resend: nothing pending -> the overview",
                        given(DEFAULT).step(STEP_CODE),
                        RegistrationMachine::resend,
                        then(STEP_OVERVIEW)
                                .note(RegistrationNotes.STEP, STEP_OVERVIEW)
                                .calls("send")),
                row(
                        "resend: a pending destination without its channel -> the overview",
                        given(DEFAULT).step(STEP_CODE).pending(RecoveryCredential.PHONE, US, null),
                        RegistrationMachine::resend,
                        then(STEP_OVERVIEW).nothingPending().calls("send")),
                row(
                        "resend: the same number by the same channel, its code not discarded",
                        given(DEFAULT).step(STEP_CODE).pending(RecoveryCredential.PHONE, US, "voice"),
                        RegistrationMachine::resend,
                        then(STEP_CODE, Msg.info("sspr.register.codeSent.voice", US_MASK))
                                .pending(RecoveryCredential.PHONE, US, "voice")
                                .calls("send", "send:phone:" + US + ":voice")
                                .calls("discardCode")),
                row(
                        "resend: during the cooldown -> the code page says wait, on the code field",
                        given(DEFAULT)
                                .step(STEP_CODE)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .sendAnswers(Status.COOLDOWN, "cooldown", 15),
                        RegistrationMachine::resend,
                        then(STEP_CODE, Msg.error("code", "sspr.register.error.cooldown", Durations.ofSeconds(15)))
                                .refused(sendRefused("email", ADDRESS_MASK, "email", "cooldown"))
                                .note(RegistrationNotes.STEP, STEP_CODE)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")),
                row(
                        "verify: nothing pending -> the overview, nothing checked",
                        given(DEFAULT).step(STEP_CODE),
                        m -> m.verify("123456"),
                        then(STEP_OVERVIEW).calls("verify")),
                row(
                        "verify: the right code registers the address",
                        given(DEFAULT).step(STEP_CODE).pending(RecoveryCredential.EMAIL, ADDRESS, "email"),
                        m -> m.verify("123456"),
                        then(STEP_OVERVIEW, Msg.success("sspr.register.saved.email"))
                                .nothingPending()
                                .note(RegistrationNotes.STEP, STEP_OVERVIEW)
                                .calls("verify", "verify:email:123456")
                                .calls("saveDestination", "saveDestination:email:" + ADDRESS + ":email")),
                row(
                        "verify: the right code registers the number with its channel",
                        given(DEFAULT).step(STEP_CODE).pending(RecoveryCredential.PHONE, US, "voice"),
                        m -> m.verify("123456"),
                        then(STEP_OVERVIEW, Msg.success("sspr.register.saved.phone"))
                                .nothingPending()
                                .calls("saveDestination", "saveDestination:phone:" + US + ":voice")),
                row(
                        "verify: a wrong code -> try again, the destination still waits",
                        given(DEFAULT)
                                .step(STEP_CODE)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .code(VerifyResult.WRONG),
                        m -> m.verify("000000"),
                        then(STEP_CODE, Msg.error("code", "sspr.register.error.codeWrong"))
                                .refused("email|invalid_code|{sspr_destination=" + ADDRESS_MASK + ", reason=wrong}")
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .calls("saveDestination")),
                row(
                        "verify: an expired code",
                        given(DEFAULT)
                                .step(STEP_CODE)
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .code(VerifyResult.EXPIRED),
                        m -> m.verify("000000"),
                        then(STEP_CODE, Msg.error("code", "sspr.register.error.codeExpired"))
                                .refused("phone|invalid_code|{sspr_destination=" + US_MASK + ", reason=expired}")
                                .calls("saveDestination")),
                row(
                        "verify: a code whose tries are used up",
                        given(DEFAULT)
                                .step(STEP_CODE)
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .code(VerifyResult.TOO_MANY_TRIES),
                        m -> m.verify("000000"),
                        then(STEP_CODE, Msg.error("code", "sspr.register.error.codeDead"))
                                .refused("phone|invalid_code|{sspr_destination=" + US_MASK
                                        + ", reason=too_many_tries}")),
                row(
                        "verify: no code was sent",
                        given(DEFAULT)
                                .step(STEP_CODE)
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .code(VerifyResult.NO_CODE),
                        m -> m.verify("000000"),
                        then(STEP_CODE, Msg.error("code", "sspr.register.error.codeMissing"))
                                .refused("phone|invalid_code|{sspr_destination=" + US_MASK + ", reason=no_code}")));
    }

    static Stream<Arguments> questions() {
        String length = QuestionRegistrationValidator.ANSWER_LENGTH;
        return Stream.of(
                row(
                        "save-questions: not offered -> the overview, nothing saved",
                        given(DEFAULT).input("question-0", "pet", "answer-0", "Rexy"),
                        RegistrationMachine::saveQuestions,
                        then(STEP_OVERVIEW).calls("saveQuestions")),
                row(
                        "save-questions: a valid set is enrolled, ids trimmed, in form order",
                        given(WITH_QUESTIONS)
                                .input(
                                        "question-0",
                                        " pet ",
                                        "answer-0",
                                        "Rexy",
                                        "question-1",
                                        "city",
                                        "answer-1",
                                        "Lisbon",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary"),
                        RegistrationMachine::saveQuestions,
                        then(STEP_OVERVIEW, Msg.success("sspr.register.saved.questions"))
                                .note(RegistrationNotes.STEP, STEP_OVERVIEW)
                                .calls("saveQuestions", "saveQuestions:{pet=Rexy, city=Lisbon, school=Saint Mary}:3")),
                row(
                        "save-questions: a short answer and a question twice -> each field says why, answers never shown",
                        given(WITH_QUESTIONS)
                                .input(
                                        "question-0",
                                        "pet",
                                        "answer-0",
                                        "Rexy",
                                        "question-1",
                                        "city",
                                        "answer-1",
                                        "ab",
                                        "question-2",
                                        "pet",
                                        "answer-2",
                                        "Saint Mary"),
                        RegistrationMachine::saveQuestions,
                        then(
                                        STEP_QUESTIONS,
                                        Msg.error("answer-1", length, 3, 40),
                                        Msg.error("question-2", QuestionRegistrationValidator.QUESTION_DUPLICATE))
                                .form(
                                        "question-0",
                                        "pet",
                                        "question-1",
                                        "city",
                                        "question-2",
                                        "pet",
                                        "answer-0",
                                        "Rexy")
                                .refused("questions|invalid_answers|{reason=" + length + ","
                                        + QuestionRegistrationValidator.QUESTION_DUPLICATE + "}")
                                .note(RegistrationNotes.STEP, STEP_QUESTIONS)
                                .calls("saveQuestions")),
                row(
                        "save-questions: the same error twice is named once in the event",
                        given(WITH_QUESTIONS)
                                .input(
                                        "question-0",
                                        "pet",
                                        "answer-0",
                                        "ab",
                                        "question-1",
                                        "city",
                                        "answer-1",
                                        "cd",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary"),
                        RegistrationMachine::saveQuestions,
                        then(STEP_QUESTIONS, Msg.error("answer-0", length, 3, 40), Msg.error("answer-1", length, 3, 40))
                                .form(
                                        "question-0",
                                        "pet",
                                        "question-1",
                                        "city",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary")
                                .refused("questions|invalid_answers|{reason=" + length + "}")),
                row(
                        "save-questions: an answer that repeats its question, and a question not chosen",
                        given(WITH_QUESTIONS)
                                .input(
                                        "question-0",
                                        "city",
                                        "answer-0",
                                        "born in Lisbon",
                                        "answer-1",
                                        "Rexy",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary"),
                        RegistrationMachine::saveQuestions,
                        then(
                                        STEP_QUESTIONS,
                                        Msg.error("answer-0", QuestionRegistrationValidator.ANSWER_IN_QUESTION),
                                        Msg.error("question-1", QuestionRegistrationValidator.QUESTION_MISSING))
                                .form("question-0", "city", "question-2", "school", "answer-2", "Saint Mary")
                                .refused("questions|invalid_answers|{reason="
                                        + QuestionRegistrationValidator.ANSWER_IN_QUESTION + ","
                                        + QuestionRegistrationValidator.QUESTION_MISSING + "}")),
                row(
                        "save-questions: the policy asks four, three given -> the fourth is missing",
                        given(WITH_QUESTIONS.toBuilder().questionsToRegister(4).build())
                                .input(
                                        "question-0",
                                        "pet",
                                        "answer-0",
                                        "Rexy",
                                        "question-1",
                                        "city",
                                        "answer-1",
                                        "Lisbon",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary"),
                        RegistrationMachine::saveQuestions,
                        then(
                                        STEP_QUESTIONS,
                                        Msg.error("question-3", QuestionRegistrationValidator.QUESTION_MISSING),
                                        Msg.error("answer-3", length, 3, 40))
                                .form(
                                        "question-0",
                                        "pet",
                                        "question-1",
                                        "city",
                                        "question-2",
                                        "school",
                                        "answer-0",
                                        "Rexy",
                                        "answer-1",
                                        "Lisbon",
                                        "answer-2",
                                        "Saint Mary")
                                .refused("questions|invalid_answers|{reason="
                                        + QuestionRegistrationValidator.QUESTION_MISSING + "," + length + "}")
                                .calls("saveQuestions")),
                row(
                        "save-questions: answers asked are the policy's, not the registered count",
                        given(WITH_QUESTIONS.toBuilder().questionsToRegister(4).build())
                                .input(
                                        "question-0",
                                        "pet",
                                        "answer-0",
                                        "Rexy",
                                        "question-1",
                                        "city",
                                        "answer-1",
                                        "Lisbon",
                                        "question-2",
                                        "school",
                                        "answer-2",
                                        "Saint Mary",
                                        "question-3",
                                        "food",
                                        "answer-3",
                                        "Noodles"),
                        RegistrationMachine::saveQuestions,
                        then(STEP_OVERVIEW, Msg.success("sspr.register.saved.questions"))
                                .calls(
                                        "saveQuestions",
                                        "saveQuestions:{pet=Rexy, city=Lisbon, school=Saint Mary, food=Noodles}:3")));
    }

    static Stream<Arguments> done() {
        long now = 1_790_000_000_000L;
        long longAgo = now - 400L * 24 * 60 * 60 * 1000;
        return Stream.of(
                row(
                        "done at sign-in, cannot reset -> refused, nothing confirmed",
                        given(DEFAULT)
                                .step(STEP_OVERVIEW)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .access(access(DEFAULT, true, "US", now)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW, Msg.error("methods", "sspr.register.error.notEnough", 1))
                                .refused(
                                        "-|sspr_registration_incomplete|{sspr_method=confirm, reason=not_enough_methods}")
                                .note(RegistrationNotes.STEP, STEP_OVERVIEW)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .calls("confirm")),
                row(
                        "done at sign-in, two gates and one factor -> says two are needed",
                        given(WITH_QUESTIONS).access(access(WITH_QUESTIONS, true, "US", now, Method.EMAIL)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW, Msg.error("methods", "sspr.register.error.notEnough", 2))
                                .refused(
                                        "-|sspr_registration_incomplete|{sspr_method=confirm, reason=not_enough_methods}")
                                .calls("confirm")),
                row(
                        "done at sign-in, privileged without the passkey the policy asks -> says a passkey is needed",
                        given(PASSKEY_FOR_ADMINS).access(privileged(PASSKEY_FOR_ADMINS, now, Method.EMAIL, Method.SMS)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW, Msg.error("methods", "sspr.register.error.needPasskey"))
                                .refused("-|sspr_registration_incomplete|{sspr_method=confirm, reason=no_passkey}")
                                .calls("confirm")),
                row(
                        "done at sign-in, privileged, passkey set-up queued -> finishes: Keycloak's action registers it next",
                        given(PASSKEY_FOR_ADMINS)
                                .queued(Method.PASSKEY)
                                .access(privileged(PASSKEY_FOR_ADMINS, now, Method.EMAIL)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().nothingPending().note(RegistrationNotes.STEP, null)),
                row(
                        "done at sign-in, ordinary user without a queued factor that is too few -> not let through by the queue",
                        given(WITH_QUESTIONS)
                                .queued(Method.PASSKEY)
                                .access(access(WITH_QUESTIONS, true, "US", now, Method.EMAIL)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW, Msg.error("methods", "sspr.register.error.notEnough", 2))
                                .refused(
                                        "-|sspr_registration_incomplete|{sspr_method=confirm, reason=not_enough_methods}")
                                .calls("confirm")),
                row(
                        "done from an application, cannot reset -> finishes (the next sign-in asks again)",
                        given(DEFAULT)
                                .step(STEP_OVERVIEW)
                                .pending(RecoveryCredential.EMAIL, ADDRESS, "email")
                                .access(access(DEFAULT, true, "US", now)),
                        m -> m.done(true, now),
                        then(STEP_OVERVIEW)
                                .finished()
                                .nothingPending()
                                .note(RegistrationNotes.STEP, null)
                                .calls("confirm", "confirm:[]")),
                row(
                        "done at sign-in, can reset -> every usable method confirmed, notes cleared",
                        given(DEFAULT)
                                .step(STEP_OVERVIEW)
                                .pending(RecoveryCredential.PHONE, US, "sms")
                                .access(access(DEFAULT, true, "US", now, Method.EMAIL, Method.SMS, Method.VOICE)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW)
                                .finished()
                                .nothingPending()
                                .note(RegistrationNotes.STEP, null)
                                .calls("confirm", "confirm:[phone, email]")),
                row(
                        "done: a phone usable by voice alone is confirmed",
                        given(VOICE_ONLY).access(access(VOICE_ONLY, true, "US", now, Method.SMS, Method.VOICE)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().calls("confirm", "confirm:[phone]")),
                row(
                        "done: a phone in a country the policy no longer allows is not confirmed",
                        given(GERMANY_ONLY)
                                .access(access(GERMANY_ONLY, true, "US", now, Method.EMAIL, Method.SMS, Method.VOICE)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().calls("confirm", "confirm:[email]")),
                row(
                        "done at sign-in, re-confirmation due -> confirming finishes",
                        given(DEFAULT).access(access(DEFAULT, true, "US", longAgo, Method.EMAIL)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().calls("confirm", "confirm:[email]")),
                row(
                        "done at sign-in, registration not required -> finishes without methods",
                        given(DEFAULT.toBuilder().requireRegistration(false).build())
                                .access(access(
                                        DEFAULT.toBuilder()
                                                .requireRegistration(false)
                                                .build(),
                                        true,
                                        "US",
                                        now)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().calls("confirm", "confirm:[]")),
                row(
                        "done at sign-in, SSPR off for the user -> nothing to require",
                        given(DEFAULT).access(access(DEFAULT, false, "US", now)),
                        m -> m.done(false, now),
                        then(STEP_OVERVIEW).finished().calls("confirm", "confirm:[]")));
    }
}
