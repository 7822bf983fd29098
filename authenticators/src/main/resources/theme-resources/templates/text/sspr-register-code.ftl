<#ftl output_format="plainText">
${msg("sspr.register.email.body", orgName, code, ttlMinutes)}
