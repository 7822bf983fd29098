<html>
<body>
${kcSanitize(msg("sspr.register.email.bodyHtml", orgName, code, ttlMinutes))?no_esc}
</body>
</html>
