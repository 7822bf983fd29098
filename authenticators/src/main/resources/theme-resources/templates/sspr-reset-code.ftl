<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: sspr-reset-code.ftl -->
    <#if section = "header">
        ${msg("sspr.reset.codeTitle." + ssprMethod)}
    <#elseif section = "form">
        <@brand.banner/>
        <#-- The total is shown only once a gate is passed: before that it would tell a privileged account (2 gates)
             from others, and a real account from a decoy, to anyone who types a name. -->
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.codeIntro." + ssprMethod)} <span class="sspr-masked" id="sspr-destination">${ssprMasked}</span></p>
        <form id="sspr-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="code" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.codeLabel", ssprCodeLength)}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                    <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" autofocus value=""
                           maxlength="32" aria-invalid="<#if messagesPerField.existsError('code')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('code')>aria-describedby="input-error-code"</#if>/>
                </span>
                <@brand.fieldError name="code"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="verify" id="sspr-verify">${msg("sspr.reset.verify")}</button>
                    <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="resend" id="sspr-resend">${msg("sspr.reset.resend")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="other" id="sspr-other">${msg("sspr.reset.otherWay")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
