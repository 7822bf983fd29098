package io.github.sspr.registration.machine;

import io.github.sspr.flow.Msg;
import java.util.List;
import java.util.Map;

/**
 * What a registration request answers, decided by {@link RegistrationMachine}.
 *
 * @param step the page to show ({@code overview}, {@code phone}, {@code email}, {@code code}, {@code questions})
 * @param messages the page's messages (errors on fields, or a banner)
 * @param form the typed values to show again (only those worth correcting; never an answer)
 * @param finished the registration is complete: the sign-in goes on
 */
public record RegView(String step, List<Msg> messages, Map<String, String> form, boolean finished) {

    public RegView {
        messages = List.copyOf(messages);
        form = Map.copyOf(form);
    }

    static RegView page(String step, Msg... messages) {
        return new RegView(step, List.of(messages), Map.of(), false);
    }

    static RegView finish() {
        return new RegView(RegistrationMachine.STEP_OVERVIEW, List.of(), Map.of(), true);
    }
}
