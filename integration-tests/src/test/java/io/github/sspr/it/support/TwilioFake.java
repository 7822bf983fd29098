package io.github.sspr.it.support;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

/** WireMock playing Twilio's REST API on {@link SsprServerConfig#TWILIO_PORT}. */
public final class TwilioFake {

    private TwilioFake() {}

    public static WireMockExtension extension() {
        return WireMockExtension.newInstance()
                .options(wireMockConfig().port(SsprServerConfig.TWILIO_PORT).bindAddress("127.0.0.1"))
                .build();
    }

    public static String messagesPath() {
        return "/2010-04-01/Accounts/" + SsprServerConfig.TWILIO_ACCOUNT_SID + "/Messages.json";
    }

    public static String callsPath() {
        return "/2010-04-01/Accounts/" + SsprServerConfig.TWILIO_ACCOUNT_SID + "/Calls.json";
    }
}
