package io.github.sspr.it.support;

import io.github.sspr.captcha.ProofOfWork;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * A browser without JavaScript, on raw HTTP: one cookie jar (one person), redirects followed by hand so a test can see
 * every status and location, HTML parsed with jsoup. It solves the identify page's proof-of-work the way the page's
 * script does.
 */
public final class ResetClient {

    /** S256 of a fixed verifier: the test never redeems the code, it only needs the sign-in page. */
    private static final String CHALLENGE = "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM";

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final String realm;
    /** The server requests go to: absolute URLs in pages and redirects are sent here whatever host they name. */
    private String base;
    /** Whether requests are routed to {@link #base} (cluster tests); otherwise they go where the page says. */
    private final boolean routed;
    /**
     * One host, so one simple jar: name to value (java.net.CookieManager does not send Keycloak's cookies back to a
     * dot-less host such as localhost).
     */
    private final Map<String, String> cookies = new LinkedHashMap<>();

    /** Headers sent with every request (e.g. a forged {@code X-Forwarded-For}). */
    private final Map<String, String> headers = new LinkedHashMap<>();

    private int status;
    private String body = "";
    private String url = "";
    private final List<String> chain = new ArrayList<>();
    private Document page;
    /** Time spent waiting for the server in the last request (all its hops), without parsing the page. */
    private long lastNanos;
    /** Whether a redirect back to the application (the account console) ends a request instead of being followed. */
    private boolean stopAtApp;

    public ResetClient(String realm) {
        this(realm, AdminApi.BASE, false);
    }

    /** @param base another server than the suite's (e.g. one node of a cluster); every request goes there */
    public ResetClient(String realm, String base) {
        this(realm, base, true);
    }

    private ResetClient(String realm, String base, boolean routed) {
        this.realm = realm;
        this.base = base;
        this.routed = routed;
    }

    /**
     * From now on, sends every request to {@code base} (the same cookie jar, the same page): what a load balancer does
     * when it moves a browser to another node of a cluster.
     */
    public ResetClient via(String base) {
        if (!routed) {
            throw new IllegalStateException("only a client made with a base can move between servers");
        }
        this.base = base;
        return this;
    }

    /** Another client with a copy of this one's cookies and page, for requests that race this one's. */
    public ResetClient copy(String base) {
        ResetClient copy = new ResetClient(realm, base);
        copy.cookies.putAll(cookies);
        copy.status = status;
        copy.body = body;
        copy.url = url;
        copy.page = page;
        return copy;
    }

    /**
     * From now on, a redirect back to the application (the account console, with its code) ends the request there, as
     * the sign-in's last hop: the application's own page is not part of the flow (for timing sign-ins).
     */
    public ResetClient stopAtApp() {
        stopAtApp = true;
        return this;
    }

    /** The account console's sign-in page (the first page of a sign-in or a reset). */
    public ResetClient openSignIn() {
        get(base + "/realms/" + realm + "/protocol/openid-connect/auth?client_id=account-console"
                + "&response_type=code&scope=openid&state=" + UUID.randomUUID() + "&redirect_uri="
                + enc(appUrl())
                // The account console is a public client that requires PKCE.
                + "&code_challenge_method=S256&code_challenge=" + CHALLENGE);
        return this;
    }

    /** Whether the last request ended with the redirect back to the application, carrying an authorization code. */
    public boolean reachedApp() {
        return stopAtApp && status / 100 == 3 && url.startsWith(appUrl()) && url.contains("code=");
    }

    private String appUrl() {
        return base + "/realms/" + realm + "/account/";
    }

    /** The account console's sign-in page, then "Forgot Password?": the identify page. */
    /** Sends {@code name: value} with every request from now on. */
    public ResetClient header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public ResetClient openReset() {
        openSignIn();
        Element link = page.selectFirst("a[href*=reset-credentials]");
        if (link == null) {
            throw new AssertionError("no reset link on the sign-in page: " + body);
        }
        get(link.attr("abs:href"));
        return this;
    }

    /** Fills the identify form, solving its proof-of-work. */
    public ResetClient identify(String username, String mode) {
        Element form = form("sspr-identify-form");
        String challenge = form.attr("data-pow-challenge");
        String bits = form.attr("data-pow-bits");
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        if (mode != null) {
            fields.put("sspr-mode", mode);
        }
        fields.put("sspr-pow", challenge.isEmpty() ? "" : ProofOfWork.solve(challenge, Integer.parseInt(bits)));
        return post(form, fields);
    }

    /** Posts the form with {@code id} (or the first form when null) with these fields. */
    public ResetClient submit(String formId, Map<String, String> fields) {
        return post(formId == null ? page.selectFirst("form") : form(formId), fields);
    }

    /** Posts {@code sspr-action=action} with extra fields to the page's first form. */
    public ResetClient action(String action, String... keyValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("sspr-action", action);
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            fields.put(keyValues[i], keyValues[i + 1]);
        }
        return post(page.selectFirst("form"), fields);
    }

    /** Posts to an explicit URL (e.g. a form action kept from an earlier page). */
    public ResetClient postTo(String action, Map<String, String> fields) {
        send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
                .build());
        return this;
    }

    public String formAction(String formId) {
        return (formId == null ? page.selectFirst("form") : form(formId)).attr("abs:action");
    }

    public ResetClient get(String target) {
        send(HttpRequest.newBuilder(URI.create(target)).GET().build());
        return this;
    }

    private ResetClient post(Element form, Map<String, String> fields) {
        if (form == null) {
            throw new AssertionError("no form on " + url + ": " + body);
        }
        return postTo(form.attr("abs:action"), fields);
    }

    private void send(HttpRequest request) {
        chain.clear();
        lastNanos = 0;
        HttpRequest next = routed(request);
        try {
            for (int hops = 0; hops < 10; hops++) {
                if (!headers.isEmpty()) {
                    HttpRequest.Builder withHeaders = HttpRequest.newBuilder(next, (name, value) -> true);
                    headers.forEach(withHeaders::setHeader);
                    next = withHeaders.build();
                }
                if (!cookies.isEmpty()) {
                    next = HttpRequest.newBuilder(next, (name, value) -> true)
                            .header(
                                    "Cookie",
                                    cookies.entrySet().stream()
                                            .map(e -> e.getKey() + "=" + e.getValue())
                                            .collect(Collectors.joining("; ")))
                            .build();
                }
                long sent = System.nanoTime();
                HttpResponse<String> response = http.send(next, HttpResponse.BodyHandlers.ofString());
                lastNanos += System.nanoTime() - sent;
                for (String header : response.headers().allValues("Set-Cookie")) {
                    String pair = header.split(";", 2)[0];
                    int eq = pair.indexOf('=');
                    if (eq > 0) {
                        String value = pair.substring(eq + 1);
                        boolean expired =
                                header.toLowerCase(java.util.Locale.ROOT).contains("max-age=0");
                        if (value.isEmpty() || expired) {
                            cookies.remove(pair.substring(0, eq));
                        } else {
                            cookies.put(pair.substring(0, eq), value);
                        }
                    }
                }
                status = response.statusCode();
                url = next.uri().toString();
                chain.add(status + " " + stripTokens(url));
                if (status / 100 == 3) {
                    String location = response.headers().firstValue("Location").orElseThrow();
                    URI target = next.uri().resolve(location);
                    if (stopAtApp && target.toString().startsWith(appUrl())) {
                        url = target.toString();
                        body = "";
                        page = Jsoup.parse(body, url);
                        return;
                    }
                    next = routed(HttpRequest.newBuilder(target).GET().build());
                    continue;
                }
                body = response.body();
                page = Jsoup.parse(body, url);
                return;
            }
            throw new AssertionError("too many redirects from " + request.uri());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The request sent to {@link #base} instead of the host it names (pages carry the serving node's address). */
    private HttpRequest routed(HttpRequest request) {
        URI target = URI.create(base);
        URI uri = request.uri();
        if (!routed
                || uri.getHost() == null
                || (uri.getHost().equals(target.getHost()) && uri.getPort() == target.getPort())) {
            return request;
        }
        URI moved = URI.create(target.getScheme() + "://" + target.getRawAuthority() + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        return HttpRequest.newBuilder(request, (name, value) -> true).uri(moved).build();
    }

    private Element form(String id) {
        Element form = page.getElementById(id);
        if (form == null) {
            throw new AssertionError("no form #" + id + " on " + url + ": " + title() + "\n" + text("kc-content"));
        }
        return form;
    }

    /**
     * How long the last request took on the wire: from sending it to having the whole response, summed over its
     * redirects; the client's own work (cookies, parsing the page) is not in it.
     */
    public long lastRequestNanos() {
        return lastNanos;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    public List<String> chain() {
        return List.copyOf(chain);
    }

    /** The page title Keycloak shows (the header section). */
    public String title() {
        Element header = page.getElementById("kc-page-title");
        return header == null ? "" : header.text().strip();
    }

    /** The template marker comment our pages carry, e.g. {@code sspr-reset-choose.ftl}; empty for Keycloak's own. */
    public String template() {
        int i = body.indexOf("<!-- template: ");
        return i < 0 ? "" : body.substring(i + 15, body.indexOf(" -->", i)).strip();
    }

    public boolean has(String id) {
        return page.getElementById(id) != null;
    }

    public String text(String id) {
        Element element = page.getElementById(id);
        return element == null ? "" : element.text().strip();
    }

    public Element element(String id) {
        return page.getElementById(id);
    }

    /** The page's alert (info, success or error banner). */
    public String alert() {
        Element alert = page.selectFirst(".pf-v5-c-alert__title, .kc-feedback-text, #kc-error-message");
        return alert == null ? "" : alert.text().strip();
    }

    public String fieldError(String field) {
        return text("input-error-" + field);
    }

    /** The method buttons of the chooser: id to label. */
    public Map<String, String> options() {
        Map<String, String> options = new LinkedHashMap<>();
        for (Element button : page.select("#sspr-options button[name=method]")) {
            options.put(button.attr("value"), button.text().strip());
        }
        return options;
    }

    public String url() {
        return url;
    }

    /** The body with per-flow tokens (codes in URLs, challenges, tab ids) replaced, for comparing two flows' pages. */
    public String normalizedBody() {
        return stripTokens(body)
                .replaceAll("data-pow-challenge=\"[^\"]*\"", "data-pow-challenge=\"*\"")
                .replaceAll(
                        "(?s)<ul class=\"pf-v5-c-list pf-m-plain\" id=\"sspr-options\".*?</ul>",
                        "<ul id=\"sspr-options\">*</ul>")
                .replaceAll("value=\"[^\"]*\" id=\"username\"", "value=\"*\" id=\"username\"")
                .replaceAll("(id=\"username\"[^>]*?value=\")[^\"]*\"", "$1*\"");
    }

    static String stripTokens(String text) {
        return text.replaceAll(
                "(session_code|execution|tab_id|client_data|code|state|nonce|auth_session_id)=[^&\"'\\s]*", "$1=*");
    }

    private static String encode(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue() == null ? "" : e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
