package io.github.sspr.access;

import io.github.sspr.access.rule.PolicyImpact;
import io.github.sspr.access.rule.PolicyImpact.Effect;
import io.github.sspr.policy.SsprPolicy;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.keycloak.common.util.Time;
import org.keycloak.models.KeycloakSessionFactory;

/**
 * What saving a draft policy would do to the realm's users (docs/insight.md, "Policy impact"): every user is asked
 * {@link PolicyForUser} under the stored policy and under the draft, page by page ({@link UserWalk}), and the
 * differences ({@link PolicyImpact}) are counted, with a few users of each as examples.
 */
public final class ImpactSimulation {

    /** Example users kept per effect by default, and at most. */
    public static final int DEFAULT_SAMPLE = 20;

    public static final int MAX_SAMPLE = 100;

    private ImpactSimulation() {}

    /** One example user. */
    public record Example(String userId, String username) {}

    /**
     * The outcome: users walked, users able to reset now and under the draft, and per effect its count and examples.
     */
    public record Result(
            int users, int readyNow, int readyDraft, Map<String, Integer> counts, Map<String, List<Example>> samples) {

        /** The counts alone, for the admin event of a policy saved despite its effects. */
        public Map<String, Object> summary() {
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("users", users);
            summary.put("readyNow", readyNow);
            summary.put("readyDraft", readyDraft);
            summary.putAll(counts);
            return summary;
        }
    }

    /** Walks every user of {@code realmId} with {@code draft}; keeps up to {@code sample} examples per effect. */
    public static Result run(KeycloakSessionFactory factory, String realmId, SsprPolicy draft, int sample) {
        long now = Time.currentTimeMillis();
        Map<Effect, Integer> counts = new EnumMap<>(Effect.class);
        Map<Effect, List<Example>> samples = new EnumMap<>(Effect.class);
        for (Effect effect : Effect.values()) {
            counts.put(effect, 0);
            samples.put(effect, new ArrayList<>());
        }
        int[] totals = new int[3];
        new UserWalk(factory, realmId, null).walk(0, Integer.MAX_VALUE, Integer.MAX_VALUE, draft, seen -> {
            totals[0]++;
            totals[1] += seen.current().canReset() ? 1 : 0;
            totals[2] += seen.draft().canReset() ? 1 : 0;
            Set<Effect> effects = PolicyImpact.of(seen.current(), seen.draft(), now);
            for (Effect effect : effects) {
                counts.merge(effect, 1, Integer::sum);
                List<Example> examples = samples.get(effect);
                if (examples.size() < sample) {
                    examples.add(new Example(seen.user().getId(), seen.user().getUsername()));
                }
            }
            return null;
        });
        Map<String, Integer> countsById = new LinkedHashMap<>();
        Map<String, List<Example>> samplesById = new LinkedHashMap<>();
        counts.forEach((effect, count) -> countsById.put(effect.id(), count));
        samples.forEach((effect, examples) -> samplesById.put(effect.id(), List.copyOf(examples)));
        return new Result(totals[0], totals[1], totals[2], countsById, samplesById);
    }
}
