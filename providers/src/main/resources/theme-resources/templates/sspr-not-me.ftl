<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=false; section>
<!-- template: sspr-not-me.ftl -->
    <#if section = "header">
        ${msg("sspr.notify.page.title." + ssprNotMe)}
    <#elseif section = "form">
        <@brand.banner/>
        <div id="sspr-not-me" data-state="${ssprNotMe}">
            <p id="sspr-not-me-text">${msg("sspr.notify.page.text." + ssprNotMe)}</p>
            <#if ssprNotMe = "confirm">
                <form id="sspr-not-me-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
                    <input type="hidden" name="key" value="${ssprNotMeKey}"/>
                    <div class="${properties.kcFormGroupClass!}">
                        <div class="${properties.kcFormActionGroupClass!}">
                            <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" id="sspr-not-me-confirm">${msg("sspr.notify.page.confirm")}</button>
                        </div>
                    </div>
                </form>
            </#if>
        </div>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
