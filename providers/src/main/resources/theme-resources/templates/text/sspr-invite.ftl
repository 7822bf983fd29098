<#ftl output_format="plainText">
<#import "sspr-mail.ftl" as mail>
<#assign orgName = ssprBrand.orgName>
<@mail.layout>
${msg("sspr.invite.body", orgName)}

${msg("sspr.invite.action")}: ${inviteLink}

${msg("sspr.invite.why")}
</@mail.layout>
