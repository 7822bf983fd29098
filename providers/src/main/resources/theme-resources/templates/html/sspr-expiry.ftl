<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
<p>${msg("sspr.expiry.body", orgName, expiryDate)}</p>
<p><a href="${changeLink}">${msg("sspr.expiry.action")}</a></p>
<p>${msg("sspr.expiry.why")}</p>
</@mail.layout>
