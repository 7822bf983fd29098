<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<#import "sspr-mail.ftl" as mail>
<@mail.layout>
<p>${msg("sspr.adminReset.email.intro", ssprBrand.orgName)}</p>
<p><a href="${link}">${link}</a></p>
<p>${msg("sspr.adminReset.email.expiry", ttl)}</p>
</@mail.layout>
