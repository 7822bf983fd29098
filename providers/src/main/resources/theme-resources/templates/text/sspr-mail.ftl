<#ftl output_format="plainText">
<#--
  Layout of every SSPR email (plain-text part): the message, then the helpdesk from the realm's SSPR policy (the body
  attribute `ssprBrand`, io.github.sspr.branding.Branding, put by Branding.addTo(attributes)).
-->
<#macro layout>
<#nested>
<#if (ssprBrand.helpdeskText)??>

${msg("sspr.notify.helpdesk", ssprBrand.helpdeskText)}
</#if>
</#macro>
