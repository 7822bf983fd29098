<#ftl output_format="plainText">
${msg("sspr.helpdesk.email.body", orgName, code, ttlMinutes)}
