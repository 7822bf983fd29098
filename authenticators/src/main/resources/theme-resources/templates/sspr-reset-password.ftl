<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('password-new','password-confirm'); section>
<!-- template: sspr-reset-password.ftl -->
    <#if section = "header">
        ${msg("sspr.reset.passwordTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">${msg("sspr.reset.passwordIntro")}</p>
        <style>
            .sspr-rule__mark::before { content: "\25CB\00A0"; }
            .sspr-rule--met .sspr-rule__mark::before { content: "\2713\00A0"; color: #3e8635; }
            .sspr-rule--unmet .sspr-rule__mark::before { content: "\2717\00A0"; color: #c9190b; }
        </style>
        <#if ssprRules?has_content>
        <div id="sspr-rules" aria-live="polite">
            <p id="sspr-rules-title">${msg("sspr.reset.rulesTitle")}</p>
            <ul class="pf-v5-c-list" aria-labelledby="sspr-rules-title">
            <#list ssprRules as rule>
                <li id="sspr-rule-${rule.id}" class="sspr-rule<#if rule.broken> sspr-rule--unmet</#if>" data-rule="${rule.id}" data-value="${rule.value}" data-live="${rule.live?c}" data-broken="${rule.broken?c}">
                    <span class="sspr-rule__mark" aria-hidden="true"></span>
                    <span class="sspr-rule__text">${rule.text}</span>
                    <span class="sspr-rule__state pf-v5-u-screen-reader" data-met="${msg("sspr.reset.ruleMet")}" data-unmet="${msg("sspr.reset.ruleUnmet")}"><#if rule.broken>${msg("sspr.reset.ruleUnmet")}</#if></span>
                </li>
            </#list>
            </ul>
        </div>
        </#if>
        <form id="sspr-password-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post"
              data-username="${ssprUsername}" data-email="${ssprEmail}">
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="password-new" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.newPassword")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('password-new')>${properties.kcError!}</#if>">
                    <input id="password-new" name="password-new" type="password" autocomplete="new-password" autofocus maxlength="1024"
                           aria-invalid="<#if messagesPerField.existsError('password-new')>true<#else>false</#if>"
                           aria-describedby="sspr-rules-title<#if messagesPerField.existsError('password-new')> input-error-password-new</#if>"/>
                </span>
                <@brand.fieldError name="password-new"/>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="password-confirm" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.reset.confirmPassword")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError('password-confirm')>${properties.kcError!}</#if>">
                    <input id="password-confirm" name="password-confirm" type="password" autocomplete="new-password" maxlength="1024"
                           aria-invalid="<#if messagesPerField.existsError('password-confirm')>true<#else>false</#if>"
                           <#if messagesPerField.existsError('password-confirm')>aria-describedby="input-error-password-confirm"</#if>/>
                </span>
                <@brand.fieldError name="password-confirm"/>
            </div>
            <#if ssprSignOutOthers><p id="sspr-signout-note">${msg("sspr.reset.signOutNote")}</p></#if>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="set" id="sspr-set-password">${msg("sspr.reset.setPassword")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
        <script src="${url.resourcesPath}/js/sspr-password.js"></script>
    </#if>
</@layout.registrationLayout>
