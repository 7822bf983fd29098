<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('code'); section>
<!-- template: sspr-reset-factor.ftl -->
    <#-- A code from the user's own Keycloak factor: nothing is sent, so there is no "send a new code" (docs/reset.md). -->
    <#if section = "header">
        ${msg("sspr.reset.factorTitle." + ssprMethod)}
    <#elseif section = "form">
        <@brand.banner/>
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.factorIntro." + ssprMethod, ssprMasked)}</p>
        <form id="sspr-code-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="code" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.factorLabel." + ssprMethod, ssprMasked)}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('code')>${properties.kcError!}</#if>">
                    <input id="code" name="code" type="text" <#if ssprMethod == "otp">inputmode="numeric" autocomplete="one-time-code"<#else>autocomplete="off" autocapitalize="characters" spellcheck="false"</#if> autofocus value=""
                           maxlength="32" aria-invalid="<#if messagesPerField.existsError('code')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('code')>aria-describedby="input-error-code"</#if>/>
                </span>
                <@brand.fieldError name="code"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="verify" id="sspr-verify">${msg("sspr.reset.verify")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="other" id="sspr-other">${msg("sspr.reset.otherWay")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
