package io.github.sspr.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyConfig;
import io.github.sspr.policy.StoredPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrandingTest {

    @Test
    void takesTheValidatedValuesOfThePolicy() {
        Branding brand = Branding.of(
                SsprPolicy.builder()
                        .orgName(" SSPR Demo ")
                        .logoUrl("https://cdn.example.com/logo.svg")
                        .primaryColor("#0B5CAD")
                        .helpdeskLink("mailto:helpdesk@demo.sspr.test")
                        .build(),
                "Demo realm",
                "demo");
        assertEquals("SSPR Demo", brand.getOrgName(), "the policy's name wins over the realm's");
        assertEquals("https://cdn.example.com/logo.svg", brand.getLogoUrl());
        assertEquals("#0b5cad", brand.getPrimaryColor());
        assertEquals("mailto:helpdesk@demo.sspr.test", brand.getHelpdeskLink());
        assertTrue(brand.isHelpdeskMail());
        assertEquals("helpdesk@demo.sspr.test", brand.getHelpdeskText(), "mails print the bare address");
    }

    @Test
    void withoutAnOrgNameTheRealmsDisplayNameThenItsNameIsShown() {
        SsprPolicy policy = SsprPolicy.defaults();
        assertEquals("Demo realm", Branding.of(policy, "Demo realm", "demo").getOrgName());
        assertEquals("demo", Branding.of(policy, "  ", "demo").getOrgName(), "a blank display name is no name");
        assertEquals("demo", Branding.of(policy, null, "demo").getOrgName());
        assertEquals(
                "demo",
                Branding.of(policy, "Evil\u0007name", "demo").getOrgName(),
                "control characters in the display name");
    }

    /** The admin REST view shows what the policy configures, not the fallback. */
    @Test
    void asConfiguredHasNoFallbackName() {
        assertNull(Branding.of(SsprPolicy.defaults()).getOrgName());
        assertEquals(
                "Example Corp",
                Branding.of(SsprPolicy.builder().orgName("Example Corp").build())
                        .getOrgName());
    }

    @Test
    void noPolicyMeansTheThemesOwnLook() {
        Branding brand = Branding.of(SsprPolicy.defaults(), null, "demo");
        assertNull(brand.getPrimaryColor());
        assertNull(brand.getLogoUrl());
        assertNull(brand.getHelpdeskLink());
        assertNull(brand.getHelpdeskText());
        assertFalse(brand.isHelpdeskMail());
    }

    @Test
    void webHelpdeskLinksStayLinksInMails() {
        Branding brand = Branding.of(
                SsprPolicy.builder().helpdeskLink("https://help.example.com/it").build(), null, "demo");
        assertFalse(brand.isHelpdeskMail());
        assertEquals("https://help.example.com/it", brand.getHelpdeskText());
    }

    /** A value stored around the validator (hand-edited export) is dropped, never put on a page. */
    @Test
    void storedValuesTheValidatorWouldRefuseNeverReachAPage() {
        SsprPolicy policy = StoredPolicy.read(Map.of(
                SsprPolicyConfig.PRIMARY_COLOR, List.of("red;}body{display:none"),
                SsprPolicyConfig.LOGO_URL, List.of("javascript:alert(1)"),
                SsprPolicyConfig.HELPDESK_LINK, List.of("javascript:alert(1)")));
        Branding brand = Branding.of(policy, null, "demo");
        assertNull(brand.getPrimaryColor());
        assertNull(brand.getLogoUrl());
        assertNull(brand.getHelpdeskLink());
        assertNull(brand.getHelpdeskText());
    }

    @Test
    void logosOnOtherHostsNeedHttps() {
        for (String stored : List.of("http://cdn.example.com/logo.png", "//cdn.example.com/logo.png")) {
            SsprPolicy policy = StoredPolicy.read(Map.of(SsprPolicyConfig.LOGO_URL, List.of(stored)));
            assertNull(Branding.of(policy).getLogoUrl(), stored);
        }
    }

    @Test
    void relativeLogosStayOnThisServer() {
        assertEquals(
                "/resources/logo.png",
                Branding.of(SsprPolicy.builder().logoUrl("/resources/logo.png").build())
                        .getLogoUrl());
    }

    /** Emails get the brand through the body attributes: Keycloak's provider ignores setAttribute for custom sends. */
    @Test
    void emailsGetTheSameAttributeAsPages() {
        Branding brand = Branding.of(SsprPolicy.defaults(), null, "demo");
        Map<String, Object> attributes = new HashMap<>();
        assertSame(attributes, brand.addTo(attributes));
        assertSame(brand, attributes.get(Branding.ATTRIBUTE));
        assertEquals("ssprBrand", Branding.ATTRIBUTE);
    }
}
