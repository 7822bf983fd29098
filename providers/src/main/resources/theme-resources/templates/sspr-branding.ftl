<#--
  SSPR branding for pages, from the realm's SSPR policy: the attribute `ssprBrand` (io.github.sspr.branding.Branding,
  put on the page by Branding.forRealm(realm).applyTo(form)). A theme resource, so it works in any login theme
  (keycloak.v2, keycloak, the `sspr` theme, a customer's own): what it needs to look right comes with it.

    <#import "sspr-branding.ftl" as brand>
    ... in the form section: <@brand.banner/> first, <@brand.helpdesk/> last, <@brand.fieldError name="x"/> under
    each input.

  Without the attribute the banner and helpdesk render nothing. Values are escaped by FreeMarker's HTML auto-escaping
  and were validated when the policy was saved (colour #rrggbb, logo https or a server path, helpdesk http(s) or
  mailto:), and again by Branding. keycloak.v2's template.ftl has no hook in <head>, so the colour comes as a <style>
  element in the body (every browser applies it; Keycloak's default CSP does not restrict styles). It sets
  PatternFly 5's (keycloak.v2) and PatternFly 4's (keycloak) primary and link colours for this page only.
-->
<#macro banner>
  <#if ssprBrand??>
    <style>
      <#if ssprBrand.primaryColor??>
      :root {
        --sspr-primary: ${ssprBrand.primaryColor};
        --pf-v5-global--primary-color--100: ${ssprBrand.primaryColor};
        --pf-v5-global--primary-color--200: ${ssprBrand.primaryColor};
        --pf-v5-global--link--Color: ${ssprBrand.primaryColor};
        --pf-global--primary-color--100: ${ssprBrand.primaryColor};
        --pf-global--link--Color: ${ssprBrand.primaryColor};
        --keycloak-card-top-color: ${ssprBrand.primaryColor};
      }
      <#-- keycloak.v2 draws the card's top bar in --keycloak-card-top-color; keycloak (PatternFly 4) in its own rule. -->
      .pf-c-login__main-header { border-top-color: ${ssprBrand.primaryColor}; }
      #kc-header-wrapper { border-bottom: 4px solid ${ssprBrand.primaryColor}; }
      </#if>
      <#if ssprBrand.headerCss??>
      <#-- The page header shows the realm's name (Keycloak's template): the policy's organization replaces it. The
           realm's name is hidden from view and from screen readers; the organization's is read instead. -->
      #kc-header-wrapper { visibility: hidden; font-size: 0; }
      #kc-header-wrapper > * { display: none; }
      #kc-header-wrapper::before { content: "${ssprBrand.headerCss}"; visibility: visible; font-size: 1.75rem; }
      </#if>
      .sspr-brand { display: flex; align-items: center; gap: 0.5rem; margin-bottom: 0.5rem; }
      .sspr-brand .sspr-logo { max-height: 2.5rem; max-width: 12rem; }
      .sspr-brand .sspr-org { margin: 0; font-weight: 700; color: var(--sspr-primary, inherit); }
      .sspr-helpdesk { margin-top: 1rem; font-size: 0.875rem; }
      <#-- Phones (390 px wide): no SSPR page scrolls sideways or cuts text, however long the masked destination.
           Buttons and masked values wrap instead of overflowing (PatternFly buttons do not wrap). Keycloak's tooltip
           of the "restart login" button next to the username sits, hidden, to the right of the card and widens the
           page: it is taken out of the layout until hovered or focused, and then opens to the left. -->
      .sspr-brand ~ * button, #sspr-options button, .sspr-masked, .sspr-method-value { white-space: normal; overflow-wrap: anywhere; }
      .sspr-brand ~ * button { height: auto; }
      .kc-login-tooltip .kc-tooltip-text { display: none; }
      .kc-login-tooltip:hover .kc-tooltip-text, .kc-login-tooltip:focus .kc-tooltip-text { display: block; left: auto; right: 110%; }
      .kc-login-tooltip .kc-tooltip-text::after { right: auto; left: 100%; border-color: transparent transparent transparent black; }
    </style>
    <div class="sspr-brand" id="sspr-brand"<#if ssprBrand.primaryColor??> data-primary-color="${ssprBrand.primaryColor}"</#if>>
      <#if ssprBrand.logoUrl??>
        <img class="sspr-logo" src="${ssprBrand.logoUrl}" alt="${msg("sspr.brand.logoAlt", ssprBrand.orgName!"")}" height="40"/>
      </#if>
      <#if ssprBrand.orgName??><p class="sspr-org" id="sspr-org">${ssprBrand.orgName}</p></#if>
    </div>
  </#if>
</#macro>

<#macro helpdesk>
  <#if ssprBrand?? && ssprBrand.helpdeskLink??>
    <p class="sspr-helpdesk" id="sspr-helpdesk"><a href="${ssprBrand.helpdeskLink}" rel="noopener noreferrer">${msg("sspr.helpdesk")}</a></p>
  </#if>
</#macro>

<#-- A field error next to its field, in keycloak.v2's markup, announced to screen readers. -->
<#macro fieldError name>
  <div id="input-error-container-${name}">
    <#if messagesPerField.existsError(name)>
      <div class="${properties.kcFormHelperTextClass!}" aria-live="polite">
        <div class="${properties.kcInputHelperTextClass!}">
          <div class="${properties.kcInputHelperTextItemClass!} ${properties.kcError!}" id="input-error-${name}">
            <span class="${properties.kcInputErrorMessageClass!}">${kcSanitize(messagesPerField.get(name))?no_esc}</span>
          </div>
        </div>
      </div>
    </#if>
  </div>
</#macro>
