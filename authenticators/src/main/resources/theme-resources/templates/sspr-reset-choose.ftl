<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: sspr-reset-choose.ftl -->
    <#if section = "header">
        ${msg("sspr.reset.chooseTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <#-- The total is shown only once a gate is passed: before that it would tell a privileged account (2 gates)
             from others, and a real account from a decoy, to anyone who types a name. -->
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.chooseIntro")}</p>
        <form id="sspr-choose-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <input type="hidden" name="sspr-action" value="choose"/>
            <ul class="pf-v5-c-list pf-m-plain" id="sspr-options" aria-label="${msg("sspr.reset.chooseTitle")}">
            <#list ssprOptions as option>
                <li class="${properties.kcFormGroupClass!}">
                    <button type="submit" name="method" value="${option.id}" id="sspr-choose-${option.id}"
                            class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}"
                            <#if option.blocked>disabled aria-describedby="sspr-blocked-${option.id}"</#if>>
                        ${msg("sspr.reset.option." + option.id, option.masked)}
                    </button>
                    <#if option.blocked><span class="${properties.kcInputHelperTextItemTextClass!}" id="sspr-blocked-${option.id}">${msg(option.reason, option.wait)}</span></#if>
                </li>
            </#list>
            </ul>
            <@brand.fieldError name="method"/>
        </form>
        <form class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <button type="submit" class="${properties.kcButtonLinkClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
