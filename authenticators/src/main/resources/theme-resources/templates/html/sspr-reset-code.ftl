<#import "sspr-mail.ftl" as mail>
<@mail.layout>
${kcSanitize(msg("sspr.reset.email.bodyHtml", ssprBrand.orgName, code, ttl))?no_esc}
</@mail.layout>
