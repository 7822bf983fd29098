<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#assign color = (ssprBrand.primaryColor)!"#0066cc">
<html>
<body style="font-family: sans-serif; line-height: 1.5;">
<#if (ssprBrand.logoUrl)??><p><img src="${ssprBrand.logoUrl}" alt="${orgName}" height="40"/></p></#if>
<p style="font-weight: bold; color: ${color};">${orgName}</p>
<p>${msg("sspr.notify.admins.body", orgName, actor)}</p>
<p>${msg("sspr.notify.when", when)}<br/>
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#else>${msg("sspr.notify.fromUnknown")}</#if></p>
<p>${msg("sspr.notify.admins.advice", actor)}</p>
<#if helpdesk?has_content><p>${msg("sspr.notify.helpdesk", helpdesk)}</p></#if>
</body>
</html>
