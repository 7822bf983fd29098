<#--
  The sign-in page of the sspr theme: keycloak.v2's layout and field macros (template.ftl, field.ftl, buttons.ftl,
  inherited from the parent theme), with one addition under the password field: "Unlock my account", shown to
  everyone alike when the realm's SSPR policy allows self-service unlock (the realm attribute sspr.unlockLink,
  io.github.sspr.policy.store.UnlockLink). It opens the reset flow with the unlock choice preselected; whether an account is
  locked is never shown here (docs/reset-identify.md).
-->
<#import "template.ftl" as layout>
<#import "field.ftl" as field>
<#import "buttons.ftl" as buttons>
<#import "social-providers.ftl" as identityProviders>
<#import "passkeys.ftl" as passkeys>
<#assign ssprUnlockLink = realm.resetPasswordAllowed && ((realm.attributes["sspr.unlockLink"])!"") == "true">
<#-- Under the password field: remember me, "Forgot password?", and "Unlock my account". -->
<#macro passwordHelp>
    <#if realm.rememberMe && !usernameHidden??>
        <@field.checkbox name="rememberMe" label=msg("rememberMe") value=login.rememberMe?? />
    </#if>
    <#if realm.resetPasswordAllowed>
        <div class="${properties.kcInputHelperTextItemClass}">
            <span class="${properties.kcInputHelperTextItemTextClass}"><a href="${url.loginResetCredentialsUrl}">${msg("doForgotPassword")}</a></span>
        </div>
    </#if>
    <#if ssprUnlockLink>
        <div class="${properties.kcInputHelperTextItemClass}">
            <span class="${properties.kcInputHelperTextItemTextClass}"><a id="sspr-unlock-link" href="${url.loginResetCredentialsUrl}&amp;sspr-mode=unlock">${msg("sspr.login.unlock")}</a></span>
        </div>
    </#if>
</#macro>
<@layout.registrationLayout displayMessage=!messagesPerField.existsError('username','password') displayInfo=realm.password && realm.registrationAllowed && !registrationDisabled??; section>
<!-- template: login.ftl (sspr) -->
    <#if section = "header">
        ${msg("loginAccountTitle")}
    <#elseif section = "form">
        <div id="kc-form">
          <div id="kc-form-wrapper">
            <#if realm.password>
                <form id="kc-form-login" class="${properties.kcFormClass!}" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate="novalidate">
                    <#if !usernameHidden??>
                        <#assign label>
                            <#if !realm.loginWithEmailAllowed>${msg("username")}<#elseif !realm.registrationEmailAsUsername>${msg("usernameOrEmail")}<#else>${msg("email")}</#if>
                        </#assign>
                        <@field.input name="username" label=label error=messagesPerField.getFirstError('username','password')
                            autofocus=true autocomplete="${(enableWebAuthnConditionalUI?has_content)?then('username webauthn', 'username')}" value=login.username!'' />
                    </#if>
                    <#if !usernameHidden??>
                        <@field.password name="password" label=msg("password") error="" forgotPassword=false autofocus=false autocomplete="current-password">
                            <@passwordHelp/>
                        </@field.password>
                    <#else>
                        <@field.password name="password" label=msg("password") forgotPassword=false autofocus=true autocomplete="current-password">
                            <@passwordHelp/>
                        </@field.password>
                    </#if>
                    <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                    <@buttons.loginButton />
                </form>
            </#if>
          </div>
        </div>
        <@passkeys.conditionalUIData />
    <#elseif section = "socialProviders">
        <#if realm.password && social.providers?? && social.providers?has_content>
            <@identityProviders.show social=social/>
        </#if>
    <#elseif section = "info">
        <#if realm.password && realm.registrationAllowed && !registrationDisabled??>
            <div id="kc-registration-container">
                <div id="kc-registration">
                    <span>${msg("noAccount")} <a href="${url.registrationUrl}">${msg("doRegister")}</a></span>
                </div>
            </div>
        </#if>
    </#if>
</@layout.registrationLayout>
