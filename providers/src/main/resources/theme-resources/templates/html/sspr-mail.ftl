<#--
  Layout of every SSPR email (HTML part), branded from the realm's SSPR policy: the body attribute `ssprBrand`
  (io.github.sspr.branding.Branding, put by Branding.addTo(attributes)). Inline styles only: mail clients drop
  <style> blocks. Values are escaped by Keycloak's HTML output format and were validated by the policy and Branding.

    <#import "sspr-mail.ftl" as mail>
    <@mail.layout> ...the message... </@mail.layout>     (mail.color is the brand colour, for buttons)
-->
<#assign color = (ssprBrand.primaryColor)!"#0066cc">
<#macro layout>
<html lang="${locale.language}" dir="${(ltr!true)?then('ltr','rtl')}">
<body style="font-family: sans-serif; line-height: 1.5;">
<div id="sspr-mail-brand" style="border-bottom: 3px solid ${color}; padding-bottom: 8px; margin-bottom: 16px;">
<#if (ssprBrand.logoUrl)??><p style="margin: 0 0 8px 0;"><img src="${ssprBrand.logoUrl}" alt="${msg("sspr.brand.logoAlt", (ssprBrand.orgName)!"")}" height="40"/></p></#if>
<#if (ssprBrand.orgName)??><p style="margin: 0; font-weight: bold; color: ${color};">${ssprBrand.orgName}</p></#if>
</div>
<#nested>
<#if (ssprBrand.helpdeskText)??><p style="font-size: smaller;">${msg("sspr.notify.helpdesk", ssprBrand.helpdeskText)}</p></#if>
</body>
</html>
</#macro>
