package io.github.sspr.ldap;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ErrorType;
import com.unboundid.ldap.sdk.experimental.DraftBeheraLDAPPasswordPolicy10ResponseControl;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns directory answers into {@link DirectoryFailure}s and {@link BindOutcome}s. Active Directory hides the reason in
 * the diagnostic message ({@code ... data 775, ...} on binds, {@code 0000052D: ...} on writes); OpenLDAP's ppolicy
 * overlay answers with a response control.
 */
public final class LdapErrors {

    private static final Pattern AD_BIND_DATA = Pattern.compile("data ([0-9a-fA-F]{3,8})");
    private static final Pattern AD_ERROR = Pattern.compile("^([0-9a-fA-F]{8}):");

    private LdapErrors() {}

    /** Whether the result means "no server answered" rather than "the server said no". */
    public static boolean unreachable(ResultCode code) {
        return code == ResultCode.SERVER_DOWN
                || code == ResultCode.CONNECT_ERROR
                || code == ResultCode.TIMEOUT
                || code == ResultCode.UNAVAILABLE
                || code == ResultCode.BUSY
                || code == ResultCode.LOCAL_ERROR
                || code == ResultCode.DECODING_ERROR
                || code == ResultCode.ENCODING_ERROR;
    }

    /** The AD sub-code of a failed bind ({@code 52e}, {@code 775} …), lower case; empty for other servers. */
    public static Optional<String> adBindData(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return Optional.empty();
        }
        Matcher m = AD_BIND_DATA.matcher(diagnosticMessage);
        return m.find() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** The AD error word that leads a diagnostic message ({@code 0000052D}), upper case; empty otherwise. */
    public static Optional<String> adError(String diagnosticMessage) {
        if (diagnosticMessage == null) {
            return Optional.empty();
        }
        Matcher m = AD_ERROR.matcher(diagnosticMessage.strip());
        return m.find() ? Optional.of(m.group(1).toUpperCase(Locale.ROOT)) : Optional.empty();
    }

    /** The outcome of a bind that threw. */
    public static BindOutcome bindOutcome(LDAPException e) {
        ResultCode code = e.getResultCode();
        if (unreachable(code)) {
            return BindOutcome.UNREACHABLE;
        }
        if (code != ResultCode.INVALID_CREDENTIALS) {
            // e.g. unwillingToPerform for an empty password, or a ppolicy "account locked" without 49.
            return BindOutcome.INVALID_CREDENTIALS;
        }
        Optional<String> data = adBindData(e.getDiagnosticMessage());
        if (data.isEmpty()) {
            return BindOutcome.INVALID_CREDENTIALS;
        }
        return switch (data.get()) {
            // 525 no such user, 52e wrong password: a plain no.
            case "525", "52e" -> BindOutcome.INVALID_CREDENTIALS;
            // Right password, but it must be changed first (773 pwdLastSet = 0, 532 expired): only a new password
            // helps.
            case "532", "773" -> BindOutcome.MUST_CHANGE;
            // Right password, account not usable now: disabled, account expired, locked, time/workstation.
            case "530", "531", "533", "701", "775" -> BindOutcome.ACCOUNT_UNUSABLE;
            default -> BindOutcome.INVALID_CREDENTIALS;
        };
    }

    /** Raw code for events and logs, without any secret (diagnostic messages never carry the password). */
    public static String rawCode(LDAPResult result) {
        StringBuilder raw =
                new StringBuilder("ldap=").append(result.getResultCode().intValue());
        adError(result.getDiagnosticMessage())
                .ifPresent(ad -> raw.append(" ad=").append(ad));
        adBindData(result.getDiagnosticMessage())
                .ifPresent(d -> raw.append(" data=").append(d));
        ppolicyError(result).ifPresent(p -> raw.append(" ppolicy=").append(p.name()));
        tlsProblem(result.getDiagnosticMessage())
                .ifPresent(t -> raw.append(" tls=").append(t));
        return raw.toString();
    }

    /**
     * Why a TLS connection was refused on our side, from the SDK's message: {@code hostname} (the certificate does not
     * name the host of the URL) or {@code certificate} (not trusted, expired …). Admins see it in the provider's test
     * and health answers, where "connect error" alone would send them looking at the network.
     */
    public static Optional<String> tlsProblem(String message) {
        if (message == null) {
            return Optional.empty();
        }
        if (message.contains("Hostname verification failed")) {
            return Optional.of("hostname");
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (lower.contains("pkix")
                || lower.contains("certificate")
                || lower.contains("sslhandshake")
                || lower.contains("handshake_failure")) {
            return Optional.of("certificate");
        }
        return Optional.empty();
    }

    /** The password-policy error of a result, when the server sent the ppolicy response control. */
    public static Optional<DraftBeheraLDAPPasswordPolicy10ErrorType> ppolicyError(LDAPResult result) {
        try {
            DraftBeheraLDAPPasswordPolicy10ResponseControl control =
                    DraftBeheraLDAPPasswordPolicy10ResponseControl.get(result);
            return control == null ? Optional.empty() : Optional.ofNullable(control.getErrorType());
        } catch (LDAPException e) {
            return Optional.empty();
        }
    }

    /** The typed failure of a password write. */
    public static DirectoryException writeFailure(LDAPException e) {
        return new DirectoryException(writeFailureType(e.toLDAPResult()), rawCode(e.toLDAPResult()), e);
    }

    static DirectoryFailure writeFailureType(LDAPResult result) {
        ResultCode code = result.getResultCode();
        if (unreachable(code)) {
            return DirectoryFailure.UNREACHABLE;
        }
        Optional<DraftBeheraLDAPPasswordPolicy10ErrorType> ppolicy = ppolicyError(result);
        if (ppolicy.isPresent()) {
            return switch (ppolicy.get()) {
                case PASSWORD_IN_HISTORY -> DirectoryFailure.PASSWORD_IN_HISTORY;
                case PASSWORD_TOO_SHORT -> DirectoryFailure.PASSWORD_TOO_SHORT;
                case PASSWORD_TOO_YOUNG -> DirectoryFailure.PASSWORD_TOO_YOUNG;
                case INSUFFICIENT_PASSWORD_QUALITY -> DirectoryFailure.PASSWORD_QUALITY;
                case ACCOUNT_LOCKED -> DirectoryFailure.ACCOUNT_LOCKED;
                case PASSWORD_MOD_NOT_ALLOWED, MUST_SUPPLY_OLD_PASSWORD -> DirectoryFailure.ACCESS_DENIED;
                default -> DirectoryFailure.OTHER;
            };
        }
        Optional<String> ad = adError(result.getDiagnosticMessage());
        if (ad.isPresent()) {
            switch (ad.get()) {
                case "0000052D": // ERROR_PASSWORD_RESTRICTION: length, complexity, history or minimum age
                    return DirectoryFailure.PASSWORD_POLICY;
                case "00000005": // ERROR_ACCESS_DENIED
                    return DirectoryFailure.ACCESS_DENIED;
                case "0000001F": // ERROR_GEN_FAILURE: AD's answer to a password write without TLS
                    return DirectoryFailure.TLS_REQUIRED;
                case "00000775": // ERROR_ACCOUNT_LOCKED_OUT
                    return DirectoryFailure.ACCOUNT_LOCKED;
                default:
                    break;
            }
        }
        if (code == ResultCode.NO_SUCH_OBJECT) {
            return DirectoryFailure.NO_SUCH_USER;
        }
        if (code == ResultCode.INSUFFICIENT_ACCESS_RIGHTS) {
            return DirectoryFailure.ACCESS_DENIED;
        }
        if (code == ResultCode.CONFIDENTIALITY_REQUIRED) {
            return DirectoryFailure.TLS_REQUIRED;
        }
        if (code == ResultCode.CONSTRAINT_VIOLATION) {
            return DirectoryFailure.PASSWORD_POLICY;
        }
        return DirectoryFailure.OTHER;
    }

    /** A failed read: unreachable when the connection failed, otherwise "other", with the directory's raw code. */
    static DirectoryException readFailure(LDAPException e) {
        DirectoryFailure failure =
                unreachable(e.getResultCode()) ? DirectoryFailure.UNREACHABLE : DirectoryFailure.OTHER;
        return new DirectoryException(failure, rawCode(e.toLDAPResult()), e);
    }
}
