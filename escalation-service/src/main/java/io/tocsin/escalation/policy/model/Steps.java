package io.tocsin.escalation.policy.model;

/**
 * Escalation step maths: where a policy run goes after a level fired. Levels are 0-based here; events carry the
 * 1-based step. {@code loop} counts every pass over a policy for the incident (it never goes back, so a
 * (step, loop) pair is never reused); {@code loopStart} is the loop at which the current policy run began.
 */
public final class Steps {

    /** The next level to fire, or {@link #exhausted} when the policy and its repeats are done. */
    public record Position(int level, int loop, int loopStart, boolean exhausted) {
    }

    private Steps() {
    }

    public static Position after(int levels, int repeat, int firedLevel, int loop, int loopStart) {
        if (firedLevel + 1 < levels) {
            return new Position(firedLevel + 1, loop, loopStart, false);
        }
        if (loop - loopStart < repeat) {
            return new Position(0, loop + 1, loopStart, false);
        }
        return new Position(firedLevel, loop, loopStart, true);
    }

    /** Round robin: the target index a level pages on {@code loop}. */
    public static int roundRobinIndex(int targets, int loop) {
        return Math.floorMod(loop, targets);
    }
}
