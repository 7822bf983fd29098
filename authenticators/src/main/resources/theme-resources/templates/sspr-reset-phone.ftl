<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone'); section>
<!-- template: sspr-reset-phone.ftl -->
    <#if section = "header">
        ${msg("sspr.reset.phoneTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <#-- The total is shown only once a gate is passed: before that it would tell a privileged account (2 gates)
             from others, and a real account from a decoy, to anyone who types a name. -->
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.phoneIntro." + ssprMethod, ssprMasked)}</p>
        <form id="sspr-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="phone" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.phoneLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phone')>${properties.kcError!}</#if>">
                    <input id="phone" name="phone" type="tel" autocomplete="tel" autofocus value="" maxlength="32"
                           aria-invalid="<#if messagesPerField.existsError('phone')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('phone')>aria-describedby="input-error-phone"</#if>/>
                </span>
                <@brand.fieldError name="phone"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="confirm-phone" id="sspr-confirm-phone">${msg("sspr.reset.sendCode")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="other" id="sspr-other">${msg("sspr.reset.otherWay")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
