<#ftl output_format="plainText">
${msg("sspr.notify.admins.body", orgName, actor)}

${msg("sspr.notify.when", when)}
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#else>${msg("sspr.notify.fromUnknown")}</#if>

${msg("sspr.notify.admins.advice", actor)}
<#if helpdesk?has_content>${msg("sspr.notify.helpdesk", helpdesk)}
</#if>
