<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
${msg("sspr.notify.admins.body." + alert, orgName, actor)}

${msg("sspr.notify.when", when)}
<#if ip?has_content>${msg("sspr.notify.from", ip)}<#elseif !(realmAlert!false)>${msg("sspr.notify.fromUnknown")}</#if>

${msg("sspr.notify.admins.advice." + alert, actor)}
</@mail.layout>
