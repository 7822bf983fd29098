package io.github.sspr.branding;

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
import io.github.sspr.policy.SsprPolicy;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The branding includes (theme resources {@code sspr-branding.ftl}, {@code html/sspr-mail.ftl}, {@code
 * text/sspr-mail.ftl}) rendered with a real {@link Branding} the way Keycloak renders templates: FreeMarker 2.3.32 with
 * HTML auto-escaping, and no theme of ours around them (they must work in any login or email theme).
 */
class BrandingTemplatesTest {

    private static final Branding BRAND = Branding.of(
            SsprPolicy.builder()
                    .orgName("SSPR Demo")
                    .logoUrl("/resources/logo.png")
                    .primaryColor("#0B5CAD")
                    .helpdeskLink("mailto:helpdesk@demo.sspr.test")
                    .build(),
            null,
            "demo");

    private static final Map<String, String> MESSAGES = Map.of(
            "sspr.brand.logoAlt", "{0} logo",
            "sspr.helpdesk", "Need help? Contact your helpdesk",
            "sspr.notify.helpdesk", "Questions? Contact your helpdesk: {0}");

    private static String render(String template, Branding brand) throws Exception {
        StringTemplateLoader pages = new StringTemplateLoader();
        pages.putTemplate("page.ftl", "<#import \"sspr-branding.ftl\" as brand><@brand.banner/>|<@brand.helpdesk/>");
        pages.putTemplate(
                "html/mail.ftl", "<#import \"sspr-mail.ftl\" as mail><@mail.layout>BODY ${mail.color}</@mail.layout>");
        pages.putTemplate(
                "text/mail.ftl",
                "<#ftl output_format=\"plainText\"><#import \"sspr-mail.ftl\" as mail><@mail.layout>BODY</@mail.layout>");
        Configuration cfg = new Configuration(Configuration.VERSION_2_3_32);
        cfg.setRecognizeStandardFileExtensions(true);
        cfg.setOutputFormat(HTMLOutputFormat.INSTANCE);
        cfg.setTemplateLoader(new MultiTemplateLoader(new TemplateLoader[] {
            pages, new ClassTemplateLoader(BrandingTemplatesTest.class, "/theme-resources/templates")
        }));
        Map<String, Object> model = new HashMap<>();
        if (brand != null) {
            brand.addTo(model);
        }
        model.put("locale", Locale.ENGLISH);
        model.put("ltr", true);
        model.put("msg", (TemplateMethodModelEx) args -> {
            String pattern = MESSAGES.get(args.get(0).toString());
            return new MessageFormat(pattern, Locale.ENGLISH)
                    .format(args.subList(1, args.size()).stream()
                            .map(Object::toString)
                            .toArray());
        });
        StringWriter out = new StringWriter();
        cfg.getTemplate(template).process(model, out);
        return out.toString();
    }

    @Test
    void pageBannerCarriesNameLogoColourAndHelpdesk() throws Exception {
        String html = render("page.ftl", BRAND);
        assertTrue(html.contains("--pf-v5-global--primary-color--100: #0b5cad;"), html);
        assertTrue(html.contains("--pf-global--primary-color--100: #0b5cad;"), "keycloak (PatternFly 4) too: " + html);
        assertTrue(html.contains("<img class=\"sspr-logo\" src=\"/resources/logo.png\" alt=\"SSPR Demo logo\""), html);
        assertTrue(html.contains("<p class=\"sspr-org\" id=\"sspr-org\">SSPR Demo</p>"), html);
        assertTrue(
                html.contains("<a href=\"mailto:helpdesk@demo.sspr.test\" rel=\"noopener noreferrer\">Need help?"),
                html);
    }

    @Test
    void theHeaderAndTheCardsTopBarTakeTheBrand() throws Exception {
        String html = render("page.ftl", BRAND);
        assertTrue(html.contains("--keycloak-card-top-color: #0b5cad;"), "keycloak.v2's card top bar: " + html);
        assertTrue(html.contains(".pf-c-login__main-header { border-top-color: #0b5cad; }"), html);
        assertTrue(html.contains("#kc-header-wrapper::before { content: \"SSPR Demo\";"), "the header's name: " + html);
    }

    @Test
    void theHeaderKeepsTheRealmsNameWhenThePolicyNamesNoOrganization() throws Exception {
        String html = render("page.ftl", Branding.of(SsprPolicy.defaults(), "Demo realm", "demo"));
        assertFalse(html.contains("kc-header-wrapper"), html);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "SSPR Demo                 | SSPR Demo",
                "Acme \"Corp\"               | 'Acme \\22 Corp\\22 '",
                "</style><script>x         | \\3c \\2f style\\3e \\3c script\\3e x",
                "Café & Co                 | Caf\\e9  \\26  Co",
                "a\\b                      | a\\5c b",
            })
    void theHeaderNameCannotEndItsCssStringOrStyleElement(String name, String css) throws Exception {
        Branding brand = Branding.of(SsprPolicy.builder().orgName(name).build(), null, "demo");
        assertEquals(css, brand.getHeaderCss());
        String html = render("page.ftl", brand);
        assertEquals(1, html.split("</style>", -1).length - 1, html);
        assertTrue(html.contains("content: \"" + css + "\";"), html);
    }

    @Test
    void pageWithoutTheAttributeRendersNothing() throws Exception {
        assertEquals("|", render("page.ftl", null).replaceAll("\\s", ""));
    }

    @Test
    void pageWithoutColourOrHelpdeskHasNeitherButStillTheName() throws Exception {
        String html = render("page.ftl", Branding.of(SsprPolicy.defaults(), "Demo realm", "demo"));
        assertFalse(html.contains(":root"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("sspr-helpdesk\""), html);
        assertTrue(html.contains(">Demo realm</p>"), html);
    }

    @Test
    void pageEscapesWhatAnAdminTyped() throws Exception {
        String html = render(
                "page.ftl",
                Branding.of(SsprPolicy.builder().orgName("<b>x</b> & Co").build(), null, "demo"));
        assertFalse(html.contains("<b>x</b>"), html);
        assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt; &amp; Co"), html);
    }

    @Test
    void htmlMailCarriesNameLogoColourAndHelpdesk() throws Exception {
        String html = render("html/mail.ftl", BRAND);
        assertTrue(html.contains("<img src=\"/resources/logo.png\" alt=\"SSPR Demo logo\" height=\"40\"/>"), html);
        assertTrue(html.contains("color: #0b5cad;\">SSPR Demo</p>"), html);
        assertTrue(html.contains("BODY #0b5cad"), "the colour for buttons: " + html);
        assertTrue(html.contains("Questions? Contact your helpdesk: helpdesk@demo.sspr.test"), html);
    }

    @Test
    void htmlMailWithoutBrandingFallsBackToANeutralColour() throws Exception {
        String html = render("html/mail.ftl", Branding.of(SsprPolicy.defaults(), null, "demo"));
        assertTrue(html.contains("color: #0066cc;\">demo</p>"), html);
        assertFalse(html.contains("<img"), html);
        assertFalse(html.contains("helpdesk"), html);
    }

    @Test
    void textMailEndsWithTheHelpdesk() throws Exception {
        List<String> lines = render("text/mail.ftl", BRAND).strip().lines().toList();
        assertEquals("BODY", lines.get(0));
        assertEquals("Questions? Contact your helpdesk: helpdesk@demo.sspr.test", lines.get(lines.size() - 1));
    }
}
