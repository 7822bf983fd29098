<html>
<body>
${kcSanitize(msg("sspr.reset.email.bodyHtml", orgName, code, ttlMinutes))?no_esc}
</body>
</html>
