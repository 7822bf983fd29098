package io.github.sspr.activity.dashboard;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import org.keycloak.headers.SecurityHeadersProvider;
import org.keycloak.models.KeycloakSession;

/**
 * The dashboard's files. They hold no data and no secret: everything the page shows comes from the admin REST API,
 * called with the signed-in admin's token. A fixed list of files, so no path from the request reaches the class path.
 *
 * <p>The Content-Security-Policy allows scripts, styles and connections from this origin only: no inline script, no
 * {@code eval}, no third-party host. The page builds every text node with {@code textContent}; the policy is the
 * second line of defence should a value ever reach the DOM as markup.
 */
public class DashboardResource {

    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; form-action 'none'; frame-ancestors 'self'; base-uri 'none'";

    /** File name → media type. */
    static final Map<String, String> FILES = Map.ofEntries(
            Map.entry("index.html", "text/html; charset=utf-8"),
            Map.entry("dashboard.js", "text/javascript; charset=utf-8"),
            Map.entry("policy-editor.js", "text/javascript; charset=utf-8"),
            Map.entry("not-ready.js", "text/javascript; charset=utf-8"),
            Map.entry("dashboard.css", "text/css; charset=utf-8"),
            Map.entry("messages_en.json", "application/json; charset=utf-8"),
            Map.entry("messages_de.json", "application/json; charset=utf-8"),
            Map.entry("messages_fr.json", "application/json; charset=utf-8"),
            Map.entry("messages_es.json", "application/json; charset=utf-8"),
            Map.entry("messages_pt_BR.json", "application/json; charset=utf-8"),
            Map.entry("messages_ja.json", "application/json; charset=utf-8"));

    private static final String ROOT = "sspr-dashboard/";

    private final KeycloakSession session;

    DashboardResource(KeycloakSession session) {
        this.session = session;
    }

    /**
     * {@code /realms/{realm}/sspr-dashboard}: redirect to the trailing-slash form, so that the page's relative links
     * resolve inside the dashboard; with the slash, the page itself.
     */
    @GET
    public Response index() {
        String path = session.getContext().getUri().getRequestUri().getRawPath();
        if (!path.endsWith("/")) {
            String query = session.getContext().getUri().getRequestUri().getRawQuery();
            return Response.status(Response.Status.FOUND)
                    .location(URI.create(path + "/" + (query == null ? "" : "?" + query)))
                    .build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String file) {
        String type = FILES.get(file);
        if (type == null) {
            throw new NotFoundException();
        }
        // Keycloak's security-headers filter would replace our policy with the realm's (made for its login pages, which
        // allow inline scripts): it is told to stay out, and this response sets the whole set itself.
        SecurityHeadersProvider headers = session.getProvider(SecurityHeadersProvider.class);
        if (headers != null) {
            headers.options().skipHeaders();
        }
        return Response.ok(read(file), type)
                .header("Content-Security-Policy", CSP)
                .header("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
                .header("X-Robots-Tag", "none")
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "SAMEORIGIN")
                // Small files, and a new JAR must show its new page at once.
                .header("Cache-Control", "no-cache")
                .build();
    }

    static byte[] read(String file) {
        try (InputStream in = DashboardResource.class.getClassLoader().getResourceAsStream(ROOT + file)) {
            if (in == null) {
                throw new NotFoundException();
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
