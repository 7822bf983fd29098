package io.github.sspr.delivery.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.sspr.policy.Method;
import io.github.sspr.policy.SsprPolicy;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DestinationsTest {

    @ParameterizedTest(name = "{0} {1} with countries [{2}] -> {3}")
    @CsvSource(
            nullValues = "-",
            value = {
                "sms,   +4915112345678, DE US, -",
                "voice, +4915112345678, DE US, -",
                "sms,   +4915112345678, US,    country_not_allowed",
                "voice, +4915112345678, US,    country_not_allowed",
                "sms,   +14155550100,   -,     -",
                "voice, +19005550100,   -,     number_type_refused", // US premium rate
                "sms,   +19005550100,   -,     -", // the number type guard is for calls
                "voice, +447700900123,  -,     number_type_refused", // a type libphonenumber does not know
                "voice, +493012345678,  DE,    -", // a landline
                "email, someone@example.org, US, -",
            })
    void refusesWhatThePolicyAndTheNumberTypeRuleOut(String method, String to, String countries, String expected) {
        SsprPolicy policy = SsprPolicy.builder()
                .phoneCountries(countries == null ? List.of() : List.of(countries.split(" ")))
                .build();

        assertEquals(
                Optional.ofNullable(expected),
                Destinations.refusal(policy, Method.fromId(method).orElseThrow(), to));
    }
}
