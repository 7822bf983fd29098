<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
<p>${msg("sspr.notify.admins.body." + alert, orgName, actor)}</p>
<p>${msg("sspr.notify.when", when)}<br/>
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#elseif !(realmAlert!false)>${msg("sspr.notify.fromUnknown")}</#if></p>
<p>${msg("sspr.notify.admins.advice." + alert, actor)}</p>
</@mail.layout>
