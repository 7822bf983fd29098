<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('credential'); section>
<!-- template: sspr-reset-lost-factor.ftl -->
    <#-- Lost authenticator (docs/reset.md): the user's authenticators by kind and the label they gave; never a secret. -->
    <#if section = "header">
        ${msg("sspr.reset.lostFactor.title")}
    <#elseif section = "form">
        <@brand.banner/>
        <#if ssprFactors?has_content>
        <p id="sspr-intro">${msg("sspr.reset.lostFactor.intro")}</p>
        <form id="sspr-lost-factor-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="sspr-action" value="remove"/>
            <ul class="pf-v5-c-list pf-m-plain" id="sspr-factors" aria-label="${msg("sspr.reset.lostFactor.legend")}">
            <#list ssprFactors as factor>
                <li class="${properties.kcFormGroupClass!}">
                    <button type="submit" name="credential" value="${factor.id}" id="sspr-factor-${factor?index}"
                            data-kind="${factor.kind}"
                            class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">
                        ${msg("sspr.reset.lostFactor.kind." + factor.kind)}<#if factor.label?has_content>: ${factor.label}</#if>
                    </button>
                </li>
            </#list>
            </ul>
            <@brand.fieldError name="credential"/>
        </form>
        <#else>
        <p id="sspr-intro">${msg("sspr.reset.lostFactor.none")}</p>
        </#if>
        <form class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <button type="submit" class="${properties.kcButtonLinkClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
