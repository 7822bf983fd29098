package io.github.sspr.activity.model;

/**
 * Filters of an activity query; null means "any". {@code from} is inclusive, {@code to} exclusive (epoch ms). At most
 * one of {@code userId} and {@code username} is used (user id first): each has its own index.
 */
public record ActivityFilter(
        ActivityType type, ActivityResult result, String userId, String username, String method, Long from, Long to) {

    public static ActivityFilter none() {
        return new ActivityFilter(null, null, null, null, null, null, null);
    }
}
