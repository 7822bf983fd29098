<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('methods'); section>
<!-- template: sspr-register.ftl -->
    <#if section = "header">
        <#if ssprNeed == "reconfirm">${msg("sspr.register.confirmTitle")}<#else>${msg("sspr.register.title")}</#if>
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">
            <#if ssprNeed == "reconfirm">${msg("sspr.register.confirmIntro")}<#else>${ssprIntro}</#if>
        </p>
        <form id="sspr-register-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <h2 class="sspr-methods-title" id="sspr-methods-title">${msg("sspr.register.methodsTitle")}</h2>
                <ul class="sspr-methods" aria-labelledby="sspr-methods-title"<#if messagesPerField.existsError('methods')> aria-describedby="input-error-methods"</#if>>
                <#list ssprMethods as m>
                    <li class="sspr-method" id="sspr-method-${m.id}">
                        <div class="sspr-method-text">
                            <span class="sspr-method-name">${msg("sspr.register.method." + m.id)}</span>
                            <#if m.registered>
                                <#if m.id == "questions">
                                    <span class="sspr-method-value" id="sspr-value-${m.id}">${msg("sspr.register.questionsRegistered", m.masked)}</span>
                                <#else>
                                    <span class="sspr-method-value sspr-masked" id="sspr-value-${m.id}">${m.masked}</span>
                                </#if>
                            <#else>
                                <span class="sspr-method-value sspr-none" id="sspr-value-${m.id}">${msg("sspr.register.notRegistered")}</span>
                            </#if>
                        </div>
                        <div class="sspr-method-actions">
                            <#if m.registered>
                                <button type="submit" class="${properties.kcButtonSecondaryClass!}" name="sspr-action" value="add-${m.id}" id="sspr-change-${m.id}"
                                        aria-label="${msg("sspr.register.changeLabel", msg("sspr.register.method." + m.id))}">${msg("sspr.register.change")}</button>
                                <button type="submit" class="${properties.kcButtonLinkClass!}" name="sspr-action" value="remove-${m.id}" id="sspr-remove-${m.id}"
                                        aria-label="${msg("sspr.register.removeLabel", msg("sspr.register.method." + m.id))}">${msg("sspr.register.remove")}</button>
                            <#else>
                                <button type="submit" class="${properties.kcButtonSecondaryClass!}" name="sspr-action" value="add-${m.id}" id="sspr-add-${m.id}"
                                        aria-label="${msg("sspr.register.addLabel", msg("sspr.register.method." + m.id))}">${msg("sspr.register.add")}</button>
                            </#if>
                        </div>
                    </li>
                </#list>
                </ul>
                <@brand.fieldError name="methods"/>
            </div>
            <#-- The user's own Keycloak factors: they serve as reset gates too; Keycloak's own actions set them up. -->
            <#if ssprFactors?has_content>
            <div class="${properties.kcFormGroupClass!}" id="sspr-factors">
                <h2 class="sspr-methods-title" id="sspr-factors-title">${msg("sspr.register.factorsTitle")}</h2>
                <p id="sspr-factors-intro">${msg("sspr.register.factorsIntro")}</p>
                <ul class="sspr-methods" aria-labelledby="sspr-factors-title">
                <#list ssprFactors as f>
                    <li class="sspr-method" id="sspr-factor-${f.id}">
                        <div class="sspr-method-text">
                            <span class="sspr-method-name">${msg("sspr.register.factor." + f.id)}</span>
                            <#if f.registered>
                                <span class="sspr-method-value" id="sspr-factor-value-${f.id}">${msg("sspr.register.factorRegistered")}</span>
                            <#elseif f.queued>
                                <span class="sspr-method-value" id="sspr-factor-value-${f.id}">${msg("sspr.register.factorQueued", msg("sspr.register.factor." + f.id))}</span>
                            <#else>
                                <span class="sspr-method-value sspr-none" id="sspr-factor-value-${f.id}">${msg("sspr.register.notRegistered")}</span>
                            </#if>
                        </div>
                        <#if f.canSetUp>
                        <div class="sspr-method-actions">
                            <button type="submit" class="${properties.kcButtonSecondaryClass!}" name="sspr-action" value="setup-${f.id}" id="sspr-setup-${f.id}"
                                    aria-label="${msg("sspr.register.factorSetUpLabel", msg("sspr.register.factor." + f.id))}">${msg("sspr.register.factorSetUp")}</button>
                        </div>
                        </#if>
                    </li>
                </#list>
                </ul>
            </div>
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-nowrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="done" id="sspr-done">
                        <#if ssprNeed == "reconfirm">${msg("sspr.register.confirmDone")}<#else>${msg("sspr.register.done")}</#if>
                    </button>
                    <#if isAppInitiatedAction??>
                        <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="cancel-aia" value="true" id="sspr-cancel">${msg("doCancel")}</button>
                    </#if>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
