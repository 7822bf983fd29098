<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: sspr-reset-passkey.ftl -->
    <#-- The passkey gate (docs/reset.md, "Passkey"): Keycloak's own webauthnAuthenticate.js runs the ceremony and posts
         the assertion in the fields it fills; Keycloak's WebAuthn credential provider checks it. The page is the same for
         every name typed: only the credential ids differ, and the decoy path's are made up. -->
    <#if section = "header">
        ${msg("sspr.reset.factorTitle.passkey")}
    <#elseif section = "form">
        <@brand.banner/>
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.factorIntro.passkey")}</p>
        <#if messagesPerField.existsError('code')>
            <div class="${properties.kcFormGroupClass!}"><@brand.fieldError name="code"/></div>
        </#if>
        <form id="webauth" action="${url.loginAction}" method="post" hidden="hidden">
            <input type="hidden" name="sspr-action" value="verify"/>
            <input type="hidden" id="clientDataJSON" name="clientDataJSON"/>
            <input type="hidden" id="authenticatorData" name="authenticatorData"/>
            <input type="hidden" id="signature" name="signature"/>
            <input type="hidden" id="credentialId" name="credentialId"/>
            <input type="hidden" id="userHandle" name="userHandle"/>
            <input type="hidden" id="error" name="error"/>
        </form>
        <form id="authn_select" hidden="hidden">
            <#list ssprPasskey.ids as id>
                <input type="hidden" name="authn_use_chk" value="${id}"/>
            </#list>
        </form>
        <form id="sspr-passkey-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="button" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="sspr-passkey" autofocus>${msg("sspr.reset.passkeyButton")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="other" id="sspr-other">${msg("sspr.reset.otherWay")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
        <script type="module">
            <#outputformat "JavaScript">
            import { authenticateByWebAuthn } from "${url.resourcesPath}/js/webauthnAuthenticate.js";
            document.getElementById("sspr-passkey").addEventListener("click", function () {
                authenticateByWebAuthn({
                    isUserIdentified: true,
                    challenge: ${ssprPasskey.challenge?c},
                    userVerification: ${ssprPasskey.userVerification?c},
                    rpId: ${ssprPasskey.rpId?c},
                    createTimeout: ${ssprPasskey.timeout?c},
                    errmsg: ${msg("webauthn-unsupported-browser-text")?c}
                });
            }, { once: true });
            </#outputformat>
        </script>
    </#if>
</@layout.registrationLayout>
