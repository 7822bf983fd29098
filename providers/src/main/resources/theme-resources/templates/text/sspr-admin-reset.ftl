<#ftl output_format="plainText">
${msg("sspr.adminReset.email.body", orgName, link, ttlMinutes)}
