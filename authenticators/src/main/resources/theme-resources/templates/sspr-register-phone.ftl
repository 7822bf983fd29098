<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('phone','channel'); section>
<!-- template: sspr-register-phone.ftl -->
    <#if section = "header">
        ${msg("sspr.register.phoneTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">${msg("sspr.register.phoneIntro")}</p>
        <form id="sspr-phone-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="phone" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.register.phoneLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('phone')>${properties.kcError!}</#if>">
                    <input id="phone" name="phone" type="tel" autocomplete="tel" autofocus value="${(ssprForm.phone)!''}"
                           aria-describedby="phone-help<#if messagesPerField.existsError('phone')> input-error-phone</#if>"
                           aria-invalid="<#if messagesPerField.existsError('phone')>true<#else>false</#if>"/>
                </span>
                <div class="${properties.kcFormHelperTextClass!}"><div class="${properties.kcInputHelperTextClass!}"><div class="${properties.kcInputHelperTextItemClass!}">
                    <span class="${properties.kcInputHelperTextItemTextClass!}" id="phone-help">${msg("sspr.register.phoneHelp")}</span>
                </div></div></div>
                <@brand.fieldError name="phone"/>
            </div>
            <fieldset class="${properties.kcFormGroupClass!}" aria-describedby="<#if messagesPerField.existsError('channel')>input-error-channel</#if>">
                <legend class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.register.channelLabel")}</span></legend>
                <#assign chosen = (ssprForm.channel)!(ssprSms?then('sms','voice'))>
                <#if ssprSms>
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="channel-sms" name="channel" value="sms" <#if chosen == "sms">checked</#if>/>
                    <label class="pf-v5-c-radio__label" for="channel-sms">${msg("sspr.register.channel.sms")}</label>
                </div>
                </#if>
                <#if ssprVoice>
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="channel-voice" name="channel" value="voice" <#if chosen == "voice">checked</#if>/>
                    <label class="pf-v5-c-radio__label" for="channel-voice">${msg("sspr.register.channel.voice")}</label>
                </div>
                </#if>
                <@brand.fieldError name="channel"/>
            </fieldset>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-nowrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="send-phone" id="sspr-send">${msg("sspr.register.sendCode")}</button>
                    <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="back" id="sspr-back">${msg("sspr.register.back")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
