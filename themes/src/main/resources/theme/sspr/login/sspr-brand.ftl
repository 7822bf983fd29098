<#--
  Branding from the realm's SSPR policy, for SSPR pages: the attribute `ssprBrand` (io.github.sspr.branding.Branding,
  put on the page by Branding.applyTo(form)). Without it, every macro renders nothing, so keycloak.v2 pages are never
  affected. Values are escaped by FreeMarker's HTML auto-escaping and were validated when the policy was saved (colour
  #rrggbb, logo https or a server path, helpdesk http(s) or mailto:), and again by Branding.

  Use inside a page's "header" section (no template.ftl override: keycloak.v2's <head> has no hook for it):
    <#import "sspr-brand.ftl" as brand>
    <@layout.registrationLayout ...; section>
      <#if section = "header"><@brand.style/><@brand.header/>${msg("...")}
      ...
      <@brand.helpdesk/>
-->

<#macro style>
  <#if ssprBrand?? && ssprBrand.primaryColor??>
    <style>
      :root {
        --sspr-primary: ${ssprBrand.primaryColor};
        --pf-v5-global--primary-color--100: ${ssprBrand.primaryColor};
        --pf-v5-global--link--Color: ${ssprBrand.primaryColor};
      }
    </style>
  </#if>
</#macro>

<#macro header>
  <#if ssprBrand?? && (ssprBrand.logoUrl?? || ssprBrand.orgName??)>
    <span class="sspr-brand">
      <#if ssprBrand.logoUrl??>
        <img class="sspr-brand__logo" src="${ssprBrand.logoUrl}" alt="${ssprBrand.orgName!(realm.displayName!realm.name)}"/>
      </#if>
      <#if ssprBrand.orgName??>
        <span class="sspr-brand__name">${ssprBrand.orgName}</span>
      </#if>
    </span>
  </#if>
</#macro>

<#macro helpdesk>
  <#if ssprBrand?? && ssprBrand.helpdeskLink??>
    <p class="sspr-helpdesk">
      <a href="${ssprBrand.helpdeskLink}" rel="noopener noreferrer">${msg("ssprHelpdeskLink")}</a>
    </p>
  </#if>
</#macro>
