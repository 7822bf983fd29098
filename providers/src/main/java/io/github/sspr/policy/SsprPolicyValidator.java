package io.github.sspr.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Checks a policy configuration before it is saved, so that a bad value is refused in the admin console rather than
 * discovered at a user's reset. Reports every problem, one {@link PolicyError} per problem, named by its field.
 */
public final class SsprPolicyValidator {

    private SsprPolicyValidator() {}

    /** The problems of {@code config}; empty when it can be saved. */
    public static List<PolicyError> validate(Map<String, List<String>> config) {
        SsprPolicyConfig.Parsed parsed = SsprPolicyConfig.parse(config == null ? Map.of() : config);
        List<PolicyError> errors = new ArrayList<>(parsed.errors);
        List<String> unparseable = parsed.fields();
        for (PolicyError error : SsprPolicy.check(parsed.builder)) {
            // A field that could not be parsed was checked with its default; its parse error says enough.
            if (!unparseable.contains(error.field())) {
                errors.add(error);
            }
        }
        return List.copyOf(errors);
    }
}
