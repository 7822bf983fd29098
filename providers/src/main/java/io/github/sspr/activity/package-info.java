/**
 * SSPR activity: who reset, unlocked, changed or registered what, how it ended, with which methods and how far they
 * got.
 *
 * <ul>
 *   <li>{@link io.github.sspr.activity.ActivityEventListenerProvider} ({@code sspr-activity}, enable it among the
 *       realm's event listeners) turns Keycloak's events into rows — UPDATE_CREDENTIAL of passwords (reset or change)
 *       and of {@code sspr-*} credentials (registration), RESET_PASSWORD_ERROR, SEND_RESET_PASSWORD_ERROR, lockouts,
 *       and the admin event of {@code PUT users/{id}/reset-password} — in the transaction of the change. Logins are
 *       ignored after one enum switch.
 *   <li>{@link io.github.sspr.activity.store.ActivityStore} ({@code sspr-activity-store} SPI, {@code jpa}) keeps the
 *       rows in {@code SSPR_ACTIVITY} (Liquibase changelog {@code META-INF/sspr-activity-changelog.xml}); rows go with
 *       their realm and after {@code --spi-sspr-activity-store--jpa--retention-days} (1–365, default 30).
 *   <li>Admin REST under {@code /admin/realms/{realm}/sspr}:
 *       <ul>
 *         <li>{@code GET activity?type=&result=&user=&method=&from=&to=&after=&max=} (view-events): newest first,
 *             keyset pages ({@code next} → {@code after}), {@code max} ≤ 200; {@code type=registration} is the
 *             registration activity;
 *         <li>{@code GET activity/summary?from=&to=} (view-events): per-day counts by result and method, drop-off by
 *             step, failure reasons ranked;
 *         <li>{@code GET activity.csv?…} (view-events): the same filters as CSV, streamed in keyset batches, cells
 *             neutralized against formula injection ({@link io.github.sspr.activity.CsvCells});
 *         <li>{@code GET activity/readiness?user=} (view-users): whether the user could reset by themselves today;
 *         <li>{@code GET activity/readiness/summary?max=} (view-users): how many users could, in a bounded count.
 *       </ul>
 *   <li>{@link io.github.sspr.activity.dashboard} ({@code /realms/{realm}/sspr-dashboard/}): a static page that signs
 *       the admin in (public client {@code sspr-dashboard}, code + PKCE) and draws the REST answers.
 *   <li>{@link io.github.sspr.activity.ActivityMetrics}: activities, resets by method, gate failures, blocks, sends and
 *       directory writeback latency on Keycloak's {@code /metrics}.
 * </ul>
 */
package io.github.sspr.activity;
