<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<@mail.layout>
${msg("sspr.helpdesk.email.body", ssprBrand.orgName, code, ttl)}
</@mail.layout>
