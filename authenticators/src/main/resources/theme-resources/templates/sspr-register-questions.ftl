<#import "template.ftl" as layout>
<#import "sspr-branding.ftl" as brand>
<@layout.registrationLayout displayMessage=true; section>
<!-- template: sspr-register-questions.ftl -->
    <#if section = "header">
        ${msg("sspr.register.questionsTitle")}
    <#elseif section = "form">
        <@brand.banner/>
        <p id="sspr-intro">${msg("sspr.register.questionsIntro", ssprSlots?size, ssprAnswerMin, ssprAnswerMax)}</p>
        <form id="sspr-questions-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <@brand.fieldError name="questions"/>
            <#list ssprSlots as i>
            <fieldset class="${properties.kcFormGroupClass!} sspr-question" id="sspr-question-${i}">
                <#-- The legend is the select's one label (aria-labelledby): a second, visible label would say it twice. -->
                <legend class="sspr-question-legend" id="sspr-question-legend-${i}">${msg("sspr.register.questionN", i + 1)}</legend>
                <#assign qField = "question-" + i>
                <#assign aField = "answer-" + i>
                <#assign chosen = (ssprForm[qField])!''>
                <span class="${properties.kcInputClass!} pf-m-select <#if messagesPerField.existsError(qField)>${properties.kcError!}</#if>">
                    <select id="${qField}" name="${qField}" aria-labelledby="sspr-question-legend-${i}" aria-invalid="<#if messagesPerField.existsError(qField)>true<#else>false</#if>"
                            <#if messagesPerField.existsError(qField)>aria-describedby="input-error-${qField}"</#if>>
                        <option value="">${msg("sspr.register.chooseQuestion")}</option>
                        <#list ssprQuestions as q>
                            <option value="${q.id}" <#if chosen == q.id>selected</#if>>${q.text}</option>
                        </#list>
                    </select>
                </span>
                <@brand.fieldError name=qField/>
                <div class="${properties.kcFormGroupLabelClass!}">
                    <label for="${aField}" class="${properties.kcFormLabelClass!}"><span class="${properties.kcFormLabelTextClass!}">${msg("sspr.register.answerLabel")}</span></label>
                </div>
                <span class="${properties.kcInputClass!} <#if messagesPerField.existsError(aField)>${properties.kcError!}</#if>">
                    <input id="${aField}" name="${aField}" type="text" autocomplete="off" spellcheck="false" maxlength="200" value="${(ssprForm[aField])!''}"
                           aria-invalid="<#if messagesPerField.existsError(aField)>true<#else>false</#if>"
                           <#if messagesPerField.existsError(aField)>aria-describedby="input-error-${aField}"</#if>/>
                </span>
                <@brand.fieldError name=aField/>
            </fieldset>
            </#list>
            <div class="${properties.kcFormGroupClass!}">
                <div class="${properties.kcFormActionGroupClass!} pf-v5-u-flex-nowrap">
                    <button type="submit" class="${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="save-questions" id="sspr-save">${msg("sspr.register.saveQuestions")}</button>
                    <button type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}" name="sspr-action" value="back" id="sspr-back">${msg("sspr.register.back")}</button>
                </div>
            </div>
        </form>
        <@brand.helpdesk/>
    </#if>
</@layout.registrationLayout>
