<#import "sspr-mail.ftl" as mail>
<@mail.layout>
${kcSanitize(msg("sspr.register.email.bodyHtml", ssprBrand.orgName, code, ttlMinutes))?no_esc}
</@mail.layout>
