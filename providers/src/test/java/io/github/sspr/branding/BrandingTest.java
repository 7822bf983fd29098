package io.github.sspr.branding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sspr.policy.SsprPolicy;
import io.github.sspr.policy.SsprPolicyConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BrandingTest {

    @Test
    void takesTheValidatedValuesOfThePolicy() {
        Branding brand = Branding.of(SsprPolicy.builder()
                .orgName(" SSPR Demo ")
                .logoUrl("https://cdn.example.com/logo.svg")
                .primaryColor("#0B5CAD")
                .helpdeskLink("mailto:helpdesk@demo.sspr.test")
                .build());
        assertEquals("SSPR Demo", brand.getOrgName());
        assertEquals("https://cdn.example.com/logo.svg", brand.getLogoUrl());
        assertEquals("#0b5cad", brand.getPrimaryColor());
        assertEquals("mailto:helpdesk@demo.sspr.test", brand.getHelpdeskLink());
        assertTrue(brand.isHelpdeskMail());
        assertTrue(brand.isCustomized());
    }

    @Test
    void noPolicyMeansTheThemesOwnLook() {
        Branding brand = Branding.of(SsprPolicy.defaults());
        assertFalse(brand.isCustomized());
        assertNull(brand.getPrimaryColor());
    }

    /** A value stored around the validator (hand-edited export) is dropped, never put on a page. */
    @Test
    void storedValuesTheValidatorWouldRefuseNeverReachAPage() {
        SsprPolicy policy = SsprPolicyConfig.read(Map.of(
                SsprPolicyConfig.PRIMARY_COLOR, List.of("red;}body{display:none"),
                SsprPolicyConfig.LOGO_URL, List.of("javascript:alert(1)"),
                SsprPolicyConfig.HELPDESK_LINK, List.of("javascript:alert(1)")));
        Branding brand = Branding.of(policy);
        assertNull(brand.getPrimaryColor());
        assertNull(brand.getLogoUrl());
        assertNull(brand.getHelpdeskLink());
    }

    @Test
    void relativeLogosStayOnThisServer() {
        assertEquals(
                "/resources/logo.png",
                Branding.of(SsprPolicy.builder().logoUrl("/resources/logo.png").build())
                        .getLogoUrl());
    }
}
