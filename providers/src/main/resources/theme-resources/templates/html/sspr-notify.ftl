<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<#assign methodList = methodIds?map(m -> msg("sspr.notify.method." + m))?join(", ")>
<@mail.layout>
<p>${msg("sspr.notify.body." + notice, orgName, methodList)}<#if methodList?has_content && !notice?starts_with("method")><br/>${msg("sspr.notify.verifiedWith", methodList)}</#if></p>
<p>${msg("sspr.notify.when", when)}<br/>
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#else>${msg("sspr.notify.fromUnknown")}</#if></p>
<p>${msg("sspr.notify.ifYou")}</p>
<p>${msg("sspr.notify.notMe")}</p>
<p><a href="${notMeLink}" style="display: inline-block; padding: 8px 16px; background: ${mail.color}; color: #ffffff; text-decoration: none; border-radius: 4px;">${msg("sspr.notify.notMeButton")}</a></p>
<p style="font-size: smaller;">${msg("sspr.notify.notMeExpiry", notMeDays)}</p>
</@mail.layout>
