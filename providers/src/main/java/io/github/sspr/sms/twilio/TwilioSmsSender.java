package io.github.sspr.sms.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.sspr.credentials.phone.PhoneNumbers;
import io.github.sspr.delivery.rule.Channel;
import io.github.sspr.policy.store.SsprPolicies;
import io.github.sspr.sms.OutboundMessage;
import io.github.sspr.sms.SmsSendException;
import io.github.sspr.sms.SmsSendException.Reason;
import io.github.sspr.sms.SmsSender;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.http.NameValuePair;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.client.entity.UrlEncodedFormEntity;
import org.apache.http.client.methods.CloseableHttpResponse;
import org.apache.http.client.methods.HttpPost;
import org.apache.http.conn.ConnectTimeoutException;
import org.apache.http.message.BasicNameValuePair;
import org.jboss.logging.Logger;
import org.keycloak.connections.httpclient.HttpClientProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.util.JsonSerialization;
import org.keycloak.vault.VaultStringSecret;

/**
 * Sends SMS through Twilio's Messages API and places voice calls through its Calls API (TwiML {@code <Say>}).
 *
 * <p>Traffic goes through Keycloak's own outbound HTTP client, so the server's proxy and trust-store settings
 * apply. Every call has a hard deadline ({@code timeout-millis}): a hung Twilio never holds a login thread longer.
 */
final class TwilioSmsSender implements SmsSender {

    private static final Logger LOG = Logger.getLogger(TwilioSmsSender.class);
    private static final long MAX_RESPONSE_BYTES = 64 * 1024;

    private final KeycloakSession session;
    private final TwilioConfig server;

    TwilioSmsSender(KeycloakSession session, TwilioConfig server) {
        this.session = session;
        this.server = server;
    }

    @Override
    public SendReceipt send(RealmModel realm, OutboundMessage message) throws SmsSendException {
        String to = PhoneNumbers.toE164(message.to(), null)
                .orElseThrow(() -> new SmsSendException(Reason.INVALID_NUMBER, "Destination is not an E.164 number"));
        // The realm's own account and sender, where its policy names them; else the server's options.
        TwilioConfig config =
                server.forRealm(SsprPolicies.forRequest(session, realm).twilio());
        HttpPost post = buildRequest(config, realm, message, to);
        long started = System.nanoTime();
        // Socket and connect timeouts alone do not bound a response that trickles in; abort() does.
        CompletableFuture.runAsync(
                post::abort, CompletableFuture.delayedExecutor(config.timeoutMillis(), TimeUnit.MILLISECONDS));
        try (CloseableHttpResponse response =
                session.getProvider(HttpClientProvider.class).getHttpClient().execute(post)) {
            int status = response.getStatusLine().getStatusCode();
            JsonNode body = readBody(
                    response.getEntity() == null ? null : response.getEntity().getContent());
            if (status >= 200 && status < 300) {
                String sid = body == null ? null : body.path("sid").asText(null);
                LOG.debugf(
                        "Twilio accepted %s to %s in %d ms (sid %s)",
                        message.channel().id(), PhoneNumbers.mask(to), elapsedMillis(started), sid);
                return new SendReceipt("twilio", sid);
            }
            throw failureFor(status, body, to, message.channel());
        } catch (SmsSendException e) {
            throw e;
        } catch (ConnectTimeoutException | SocketTimeoutException e) {
            throw timeout(config, to, started, e);
        } catch (IOException e) {
            if (post.isAborted()) {
                throw timeout(config, to, started, e);
            }
            if (e instanceof ConnectException || e instanceof UnknownHostException) {
                throw new SmsSendException(
                        Reason.PROVIDER_UNAVAILABLE,
                        "Twilio could not be reached: " + e.getClass().getSimpleName(),
                        null,
                        e);
            }
            if (e instanceof InterruptedIOException) {
                throw timeout(config, to, started, e);
            }
            LOG.warnf(
                    "Twilio call for %s failed: %s",
                    PhoneNumbers.mask(to), e.getClass().getSimpleName());
            throw new SmsSendException(
                    Reason.PROVIDER_UNAVAILABLE,
                    "Twilio call failed: " + e.getClass().getSimpleName(),
                    null,
                    e);
        } finally {
            // Releases the pooled connection early when the deadline fired after the response arrived.
            post.releaseConnection();
        }
    }

    private static SmsSendException timeout(TwilioConfig config, String to, long started, Exception cause) {
        LOG.warnf("Twilio did not answer within %d ms for %s", elapsedMillis(started), PhoneNumbers.mask(to));
        return new SmsSendException(
                Reason.TIMEOUT, "Twilio did not answer within " + config.timeoutMillis() + " ms", null, cause);
    }

    private HttpPost buildRequest(TwilioConfig config, RealmModel realm, OutboundMessage message, String to)
            throws SmsSendException {
        if (config.accountSid() == null) {
            throw new SmsSendException(Reason.NOT_CONFIGURED, "Twilio account-sid is not configured");
        }
        String secret = resolveSecret(config, realm);
        List<NameValuePair> form = new ArrayList<>();
        form.add(new BasicNameValuePair("To", to));
        String resource;
        if (message.channel() == Channel.SMS) {
            resource = "Messages.json";
            if (config.messagingServiceSid() != null) {
                form.add(new BasicNameValuePair("MessagingServiceSid", config.messagingServiceSid()));
            } else if (config.fromNumber() != null) {
                form.add(new BasicNameValuePair("From", config.fromNumber()));
            } else {
                throw new SmsSendException(
                        Reason.NOT_CONFIGURED, "Twilio needs from-number or messaging-service-sid to send SMS");
            }
            form.add(new BasicNameValuePair("Body", message.text()));
        } else {
            resource = "Calls.json";
            if (config.fromNumber() == null) {
                throw new SmsSendException(Reason.NOT_CONFIGURED, "Twilio needs from-number to place voice calls");
            }
            form.add(new BasicNameValuePair("From", config.fromNumber()));
            form.add(
                    new BasicNameValuePair("Twiml", TwiML.say(message.text(), message.locale(), config.voiceRepeat())));
        }
        HttpPost post = new HttpPost(config.baseUrl() + "/2010-04-01/Accounts/" + config.accountSid() + "/" + resource);
        post.setEntity(new UrlEncodedFormEntity(form, StandardCharsets.UTF_8));
        String credentials = config.basicAuthUser() + ":" + secret;
        post.setHeader(
                "Authorization",
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        post.setHeader("Accept", "application/json");
        post.setConfig(RequestConfig.custom()
                .setConnectTimeout(config.connectTimeoutMillis())
                .setConnectionRequestTimeout(config.connectTimeoutMillis())
                .setSocketTimeout(config.timeoutMillis())
                .build());
        return post;
    }

    private String resolveSecret(TwilioConfig config, RealmModel realm) throws SmsSendException {
        boolean apiKey = config.apiKeySid() != null;
        String vaultKey = apiKey ? config.apiKeySecretVaultKey() : config.authTokenVaultKey();
        String plain = apiKey ? config.apiKeySecret() : config.authToken();
        if (vaultKey != null) {
            // The vault resolves "${vault.<key>}" in the context of the session's realm.
            RealmModel previous = session.getContext().getRealm();
            try {
                session.getContext().setRealm(realm);
                try (VaultStringSecret secret = session.vault().getStringSecret("${vault." + vaultKey + "}")) {
                    return secret.get()
                            .orElseThrow(() -> new SmsSendException(
                                    Reason.NOT_CONFIGURED,
                                    "Vault secret '" + vaultKey + "' for realm '" + realm.getName() + "' is missing"));
                }
            } finally {
                session.getContext().setRealm(previous);
            }
        }
        if (plain == null) {
            throw new SmsSendException(
                    Reason.NOT_CONFIGURED,
                    apiKey ? "Twilio api-key-secret is not configured" : "Twilio auth-token is not configured");
        }
        return plain;
    }

    private static JsonNode readBody(InputStream in) {
        if (in == null) {
            return null;
        }
        try (InputStream limited = in) {
            byte[] bytes = limited.readNBytes((int) MAX_RESPONSE_BYTES);
            return bytes.length == 0 ? null : JsonSerialization.readValue(bytes, JsonNode.class);
        } catch (IOException e) {
            return null;
        }
    }

    private static SmsSendException failureFor(int status, JsonNode body, String to, Channel channel) {
        String code = body == null ? null : body.path("code").asText(null);
        Reason reason = TwilioErrors.classify(status, code);
        LOG.warnf(
                "Twilio refused %s to %s: HTTP %d, code %s (%s)",
                channel.id(), PhoneNumbers.mask(to), status, code, reason.id());
        // Twilio's message can quote the destination number: keep only the status and code in the exception.
        String text = "Twilio answered HTTP " + status + (code == null ? "" : " with error " + code);
        return new SmsSendException(reason, text, code, null);
    }

    private static long elapsedMillis(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
