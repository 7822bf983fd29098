package io.github.sspr.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPResult;
import com.unboundid.ldap.sdk.ResultCode;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LdapErrorsTest {

    private static LDAPException bindError(String diagnostic) {
        return new LDAPException(result(ResultCode.INVALID_CREDENTIALS, diagnostic));
    }

    private static String adBind(String data) {
        return "80090308: LdapErr: DSID-0C09042A, comment: AcceptSecurityContext error, data " + data + ", v3839";
    }

    @Test
    void adBindSubCodes() {
        assertEquals(BindOutcome.INVALID_CREDENTIALS, LdapErrors.bindOutcome(bindError(adBind("52e"))));
        assertEquals(BindOutcome.INVALID_CREDENTIALS, LdapErrors.bindOutcome(bindError(adBind("525"))));
        assertEquals(BindOutcome.ACCOUNT_UNUSABLE, LdapErrors.bindOutcome(bindError(adBind("775"))));
        assertEquals(BindOutcome.MUST_CHANGE, LdapErrors.bindOutcome(bindError(adBind("773"))));
        assertEquals(BindOutcome.ACCOUNT_UNUSABLE, LdapErrors.bindOutcome(bindError(adBind("533"))));
        assertEquals(BindOutcome.MUST_CHANGE, LdapErrors.bindOutcome(bindError(adBind("532"))));
        assertEquals(Optional.of("775"), LdapErrors.adBindData(adBind("775")));
    }

    @Test
    void plainInvalidCredentialsAndOutages() {
        assertEquals(BindOutcome.INVALID_CREDENTIALS, LdapErrors.bindOutcome(bindError("Invalid credentials")));
        assertEquals(
                BindOutcome.UNREACHABLE,
                LdapErrors.bindOutcome(new LDAPException(ResultCode.CONNECT_ERROR, "Connection refused")));
        assertEquals(BindOutcome.UNREACHABLE, LdapErrors.bindOutcome(new LDAPException(ResultCode.TIMEOUT, "")));
        assertEquals(BindOutcome.UNREACHABLE, LdapErrors.bindOutcome(new LDAPException(ResultCode.SERVER_DOWN, "")));
    }

    private static LDAPResult result(ResultCode code, String diagnostic) {
        return new LDAPResult(1, code, diagnostic, null, (String[]) null, (com.unboundid.ldap.sdk.Control[]) null);
    }

    @Test
    void adWriteErrors() {
        String restriction = "0000052D: AtrErr: DSID-03191083, #1:\n\t0: 0000052D: DSID-03191083, problem 1005"
                + " (CONSTRAINT_ATT_TYPE), data 0, Att 9005a (unicodePwd)";
        assertEquals(
                DirectoryFailure.PASSWORD_POLICY,
                LdapErrors.writeFailureType(result(ResultCode.CONSTRAINT_VIOLATION, restriction)));
        assertEquals("ldap=19 ad=0000052D", LdapErrors.rawCode(result(ResultCode.CONSTRAINT_VIOLATION, restriction)));
        assertEquals(
                DirectoryFailure.TLS_REQUIRED,
                LdapErrors.writeFailureType(result(
                        ResultCode.UNWILLING_TO_PERFORM,
                        "0000001F: SvcErr: DSID-031A12D2, problem 5003 (WILL_NOT_PERFORM), data 0")));
        assertEquals(
                DirectoryFailure.ACCESS_DENIED,
                LdapErrors.writeFailureType(result(
                        ResultCode.INSUFFICIENT_ACCESS_RIGHTS,
                        "00000005: SecErr: DSID-031A11E2, problem 4003 (INSUFF_ACCESS_RIGHTS), data 0")));
    }

    @Test
    void genericWriteErrors() {
        assertEquals(DirectoryFailure.NO_SUCH_USER, LdapErrors.writeFailureType(result(ResultCode.NO_SUCH_OBJECT, "")));
        assertEquals(DirectoryFailure.UNREACHABLE, LdapErrors.writeFailureType(result(ResultCode.SERVER_DOWN, "")));
        assertEquals(
                DirectoryFailure.ACCESS_DENIED,
                LdapErrors.writeFailureType(result(ResultCode.INSUFFICIENT_ACCESS_RIGHTS, "")));
        assertEquals(DirectoryFailure.OTHER, LdapErrors.writeFailureType(result(ResultCode.OTHER, "")));
    }
}
