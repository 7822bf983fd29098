package io.github.sspr.themes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import freemarker.cache.ClassTemplateLoader;
import freemarker.cache.MultiTemplateLoader;
import freemarker.cache.StringTemplateLoader;
import freemarker.cache.TemplateLoader;
import freemarker.core.HTMLOutputFormat;
import freemarker.template.Configuration;
import freemarker.template.TemplateMethodModelEx;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** sspr-brand.ftl rendered as Keycloak renders login templates: FreeMarker 2.3.32 with HTML auto-escaping. */
class BrandMacrosTest {

    /** The getters of io.github.sspr.branding.Branding, which templates see as properties. */
    public static final class Brand {
        private final String orgName;
        private final String logoUrl;
        private final String primaryColor;
        private final String helpdeskLink;

        Brand(String orgName, String logoUrl, String primaryColor, String helpdeskLink) {
            this.orgName = orgName;
            this.logoUrl = logoUrl;
            this.primaryColor = primaryColor;
            this.helpdeskLink = helpdeskLink;
        }

        public String getOrgName() {
            return orgName;
        }

        public String getLogoUrl() {
            return logoUrl;
        }

        public String getPrimaryColor() {
            return primaryColor;
        }

        public String getHelpdeskLink() {
            return helpdeskLink;
        }
    }

    private static String render(Brand brand) throws Exception {
        StringTemplateLoader page = new StringTemplateLoader();
        page.putTemplate(
                "page.ftl", "<#import \"sspr-brand.ftl\" as brand><@brand.style/>|<@brand.header/>|<@brand.helpdesk/>");
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setTemplateLoader(new MultiTemplateLoader(
                new TemplateLoader[] {page, new ClassTemplateLoader(BrandMacrosTest.class, "/theme/sspr/login")}));
        Map<String, Object> model = new HashMap<>();
        if (brand != null) {
            model.put("ssprBrand", brand);
        }
        model.put("realm", Map.of("name", "demo"));
        model.put("msg", (TemplateMethodModelEx) args -> "Contact the helpdesk");
        StringWriter out = new StringWriter();
        cfg.getTemplate("page.ftl").process(model, out);
        return out.toString();
    }

    @Test
    void withoutBrandingNothingIsRendered() throws Exception {
        assertEquals("||", render(null).replaceAll("\\s", ""));
    }

    @Test
    void rendersColourLogoNameAndHelpdesk() throws Exception {
        String html =
                render(new Brand("SSPR Demo", "/resources/logo.png", "#0b5cad", "mailto:helpdesk@demo.sspr.test"));
        assertTrue(html.contains("--pf-v5-global--primary-color--100: #0b5cad;"), html);
        assertTrue(
                html.contains("<img class=\"sspr-brand__logo\" src=\"/resources/logo.png\" alt=\"SSPR Demo\"/>"), html);
        assertTrue(html.contains("<span class=\"sspr-brand__name\">SSPR Demo</span>"), html);
        assertTrue(html.contains("href=\"mailto:helpdesk@demo.sspr.test\""), html);
    }

    @Test
    void escapesWhatAnAdminTyped() throws Exception {
        String html = render(new Brand("<script>alert(1)</script> & Co", null, null, null));
        assertFalse(html.contains("<script>"), html);
        assertTrue(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"), html);
        assertFalse(html.contains("<style>"), "no colour, no style block: " + html);
    }
}
