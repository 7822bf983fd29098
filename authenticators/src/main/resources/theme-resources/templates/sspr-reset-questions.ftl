<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: sspr-reset-questions.ftl -->
    <#if section = "header">
        ${msg("sspr.reset.questionsTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <#-- The total is shown only once a gate is passed: before that it would tell a privileged account (2 gates)
             from others, and a real account from a decoy, to anyone who types a name. -->
        <#if (ssprStepNumber > 1)><p id="sspr-progress">${msg("sspr.reset.progress", ssprStepNumber, ssprStepCount)}</p></#if>
        <p id="sspr-intro">${msg("sspr.reset.questionsIntro")}</p>
        <form id="sspr-questions-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <#list ssprQuestions as q>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="answer-${q.index}" class="${properties.kcFormLabelClass!}" id="sspr-question-${q.index}"><span class="${properties.kcFormLabelTextClass!}">${q.text}</span></label>
                </div>
                <span class="${properties.kcInputClass!}">
                    <input id="answer-${q.index}" name="answer-${q.index}" type="password" autocomplete="off" value="" maxlength="256" <#if q?is_first>autofocus</#if>/>
                </span>
            </div>
            </#list>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-wrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="answer" id="sspr-answer">${msg("sspr.reset.verify")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="other" id="sspr-other">${msg("sspr.reset.otherWay")}</button>
                    <button type="submit" class="${properties.kcButtonLinkClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="cancel" id="sspr-cancel">${msg("sspr.reset.cancel")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
