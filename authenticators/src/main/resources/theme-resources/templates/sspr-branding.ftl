<#-- SSPR branding from the realm's policy: organisation name, logo, primary colour, helpdesk link. -->
<#macro banner>
  <div class="sspr-brand" id="sspr-brand"<#if sspr.primaryColor?has_content> style="--sspr-primary: ${sspr.primaryColor}; --pf-v5-global--primary-color--100: ${sspr.primaryColor};"</#if>>
    <#if sspr.logoUrl?has_content>
      <img class="sspr-logo" src="${sspr.logoUrl}" alt="${msg("sspr.brand.logoAlt", sspr.orgName)}" height="40"/>
    </#if>
    <p class="sspr-org" id="sspr-org">${sspr.orgName}</p>
  </div>
</#macro>

<#macro helpdesk>
  <#if sspr.helpdeskLink?has_content>
    <p class="sspr-helpdesk" id="sspr-helpdesk"><a href="${sspr.helpdeskLink}">${msg("sspr.helpdesk")}</a></p>
  </#if>
</#macro>

<#-- A field error next to its field, in keycloak.v2's markup, announced to screen readers. -->
<#macro fieldError name>
  <div id="input-error-container-${name}">
    <#if messagesPerField.existsError(name)>
      <div class="${properties.kcFormHelperTextClass}" aria-live="polite">
        <div class="${properties.kcInputHelperTextClass}">
          <div class="${properties.kcInputHelperTextItemClass} ${properties.kcError}" id="input-error-${name}">
            <span class="${properties.kcInputErrorMessageClass}">${kcSanitize(messagesPerField.get(name))?no_esc}</span>
          </div>
        </div>
      </div>
    </#if>
  </div>
</#macro>
