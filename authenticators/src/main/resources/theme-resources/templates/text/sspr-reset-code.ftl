<#ftl output_format="plainText">
${msg("sspr.reset.email.body", orgName, code, ttlMinutes)}
