<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<@mail.layout>
${msg("sspr.adminReset.email.body", ssprBrand.orgName, link, ttl)}
</@mail.layout>
