<#-- Escaped by Keycloak's HTML output format; no message here may hold markup. -->
<html>
<body style="font-family: sans-serif; line-height: 1.5;">
<p>${msg("sspr.adminReset.email.intro", orgName)}</p>
<p><a href="${link}">${link}</a></p>
<p>${msg("sspr.adminReset.email.expiry", ttlMinutes)}</p>
</body>
</html>
