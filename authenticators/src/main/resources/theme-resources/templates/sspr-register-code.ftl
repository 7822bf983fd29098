<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: sspr-register-code.ftl -->
    <#if section = "header">
        ${msg("sspr.register.codeTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">${msg("sspr.register.codeIntro." + (ssprPendingChannel!"sms"))} <span class="sspr-masked" id="sspr-destination">${ssprPendingMasked}</span></p>
        <form id="sspr-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="code" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.register.codeLabel", ssprCodeLength)}</span></label>
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
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="verify" id="sspr-verify">${msg("sspr.register.verify")}</button>
                    <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="resend" id="sspr-resend">${msg("sspr.register.resend")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="back" id="sspr-back">${msg("sspr.register.back")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
