<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<#assign methodList = methodIds?map(m -> msg("sspr.notify.method." + m))?join(", ")>
<@mail.layout>
${msg("sspr.notify.body." + notice, orgName, methodList)}
<#if methodList?has_content && !notice?starts_with("method")>${msg("sspr.notify.verifiedWith", methodList)}
</#if>

${msg("sspr.notify.when", when)}
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#else>${msg("sspr.notify.fromUnknown")}</#if>

${msg("sspr.notify.ifYou")}

${msg("sspr.notify.notMe")}
${notMeLink}

${msg("sspr.notify.notMeExpiry", notMeDays)}
</@mail.layout>
