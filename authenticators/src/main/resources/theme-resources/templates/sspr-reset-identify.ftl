<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username'); section>
<!-- template: sspr-reset-identify.ftl -->
    <#if section = "header">
        <#if ssprModeFactor!false>${msg("sspr.reset.factorModeTitle")}<#else>${msg("sspr.reset.identifyTitle")}</#if>
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro"><#if ssprModeFactor!false>${msg("sspr.reset.factorModeIntro")}<#else>${msg("sspr.reset.identifyIntro")}</#if></p>
        <form id="sspr-identify-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              <#if (ssprPowBits > 0)>data-pow-challenge="${ssprPowChallenge}" data-pow-bits="${ssprPowBits}"</#if>>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="username" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.usernameLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('username')>${properties.kcError!}</#if>">
                    <input id="username" name="username" type="text" autocomplete="username" autofocus value="${ssprUsername}" maxlength="255"
                           aria-invalid="<#if messagesPerField.existsError('username')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('username')>aria-describedby="input-error-username"</#if>/>
                </span>
                <@brand.fieldError name="username"/>
            </div>
            <#if ssprModeFactor!false>
            <input type="hidden" id="sspr-mode-factor" name="sspr-mode" value="factor"/>
            <#elseif ssprUnlockOffered>
            <fieldset class="${properties.kcFormGroupClass!}" id="sspr-mode">
                <legend class="${properties.kcFormLabelClass!}">${msg("sspr.reset.modeLegend")}</legend>
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="sspr-mode-reset" name="sspr-mode" value="reset"<#if !(ssprModeUnlock!false)> checked</#if>/>
                    <label class="pf-v5-c-radio__label" for="sspr-mode-reset">${msg("sspr.reset.modeReset")}</label>
                </div>
                <div class="pf-v5-c-radio">
                    <input class="pf-v5-c-radio__input" type="radio" id="sspr-mode-unlock" name="sspr-mode" value="unlock"<#if ssprModeUnlock!false> checked</#if>/>
                    <label class="pf-v5-c-radio__label" for="sspr-mode-unlock">${msg("sspr.reset.modeUnlock")}</label>
                </div>
            </fieldset>
            </#if>
            <input type="hidden" id="sspr-pow-nonce" name="sspr-pow" value=""/>
            <#if (ssprPowBits > 0)>
            <p id="sspr-pow-status" class="${properties.kcFormHelperTextClass!}" aria-live="polite" data-done="${msg("sspr.reset.powDone")}" data-insecure="${msg("sspr.reset.powInsecure")}">${msg("sspr.reset.powWorking")}</p>
            <noscript><p class="${properties.kcError!}">${msg("sspr.reset.powNoScript")}</p></noscript>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!}">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="sspr-identify-submit">${msg("sspr.reset.continue")}</button>
                </div>
            </div>
        </form>
        <#if !(ssprModeFactor!false)>
        <form id="sspr-lost-factor" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <button type="submit" class="${properties.kcButtonLinkClass!}" name="sspr-switch-mode" value="factor" id="sspr-lost-factor-link">${msg("sspr.reset.lostFactorLink")}</button>
        </form>
        </#if>
        <p id="sspr-back-to-login"><a href="${url.loginUrl}">${msg("sspr.reset.backToLogin")}</a></p>
        <@brand.helpdesk/>
        <#if (ssprPowBits > 0)><script src="${url.resourcesPath}/js/sspr-pow.js"></script></#if>
    </#if>
</@layout.registrationLayout>
