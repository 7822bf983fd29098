package io.github.sspr.sms;

import io.github.sspr.spi.SsprSpi;

/** The {@code sspr-sms-sender} SPI: how SSPR reaches phones. */
public class SmsSenderSpi extends SsprSpi {

    public static final String NAME = "sspr-sms-sender";

    public SmsSenderSpi() {
        super(NAME, SmsSender.class, SmsSenderFactory.class);
    }
}
