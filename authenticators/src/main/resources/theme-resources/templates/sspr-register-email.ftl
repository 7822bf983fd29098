<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('email'); section>
<!-- template: sspr-register-email.ftl -->
    <#if section = "header">
        ${msg("sspr.register.emailTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">${msg("sspr.register.emailIntro")}</p>
        <form id="sspr-email-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="email" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.register.emailLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('email')>${properties.kcError!}</#if>">
                    <input id="email" name="email" type="email" autocomplete="email" autofocus value="${(ssprForm.email)!''}"
                           aria-describedby="email-help<#if messagesPerField.existsError('email')> input-error-email</#if>"
                           aria-invalid="<#if messagesPerField.existsError('email')>true<#else>false</#if>"/>
                </span>
                <div class="${properties.kcFormHelperTextClass!}"><div class="${properties.kcInputHelperTextClass!}"><div class="${properties.kcInputHelperTextItemClass!}">
                    <span class="${properties.kcInputHelperTextItemTextClass!}" id="email-help">${msg("sspr.register.emailHelp")}</span>
                </div></div></div>
                <@brand.fieldError name="email"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-nowrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="send-email" id="sspr-send">${msg("sspr.register.sendCode")}</button>
                    <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="back" id="sspr-back">${msg("sspr.register.back")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
