<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
<p>${msg("sspr.invite.body", orgName)}</p>
<p><a href="${inviteLink}">${msg("sspr.invite.action")}</a></p>
<p>${msg("sspr.invite.why")}</p>
</@mail.layout>
