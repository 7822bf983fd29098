package io.github.sspr.demo;

/** A reason the demo cannot go on, worded for the person who started it; printed without a stack trace. */
final class DemoException extends Exception {

    private static final long serialVersionUID = 1L;

    DemoException(String message) {
        super(message);
    }

    DemoException(String message, Throwable cause) {
        super(message, cause);
    }
}
