<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
${msg("sspr.expiry.body", orgName, expiryDate)}

${msg("sspr.expiry.action")}: ${changeLink}

${msg("sspr.expiry.why")}
</@mail.layout>
