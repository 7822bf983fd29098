package io.github.sspr.access.rule;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a draft policy would change for one user (docs/insight.md, "Policy impact"): the rule's answer under the stored
 * policy next to its answer under the draft. Pure; the simulator walks the users and counts these effects.
 */
public final class PolicyImpact {

    private PolicyImpact() {}

    /** One consequence of saving the draft. */
    public enum Effect {
        /** Can reset today, could not under the draft: the reset flow would refuse them (decoy path). */
        UNABLE_TO_RESET,
        /** Nothing asked of them at sign-in today; the draft would ask them to register or re-confirm methods. */
        ASKED_TO_REGISTER,
        /** A method they may use today would no longer count under the draft. */
        LOSES_METHOD;

        /** {@code unable-to-reset}, {@code asked-to-register}, {@code loses-method}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The effects of moving one user from {@code current} to {@code draft} at {@code now} (epoch millis). */
    public static Set<Effect> of(ResetAccess current, ResetAccess draft, long now) {
        Set<Effect> effects = EnumSet.noneOf(Effect.class);
        if (current.canReset() && !draft.canReset()) {
            effects.add(Effect.UNABLE_TO_RESET);
        }
        if (current.need(now) == ResetAccess.Need.NONE && draft.need(now) != ResetAccess.Need.NONE) {
            effects.add(Effect.ASKED_TO_REGISTER);
        }
        if (!draft.methods().containsAll(current.methods())) {
            effects.add(Effect.LOSES_METHOD);
        }
        return effects;
    }
}
