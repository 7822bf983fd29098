<html>
<body>
${kcSanitize(msg("sspr.helpdesk.email.bodyHtml", orgName, code, ttlMinutes))?no_esc}
</body>
</html>
