package io.github.sspr.activity;

import io.github.sspr.activity.model.ActivityRecord;
import io.github.sspr.activity.model.ActivityResult;
import io.github.sspr.activity.model.ActivityType;
import io.github.sspr.activity.store.ActivityStore;
import io.github.sspr.spi.AdminResource;
import java.util.List;
import org.keycloak.common.util.Time;
import org.keycloak.models.ClientModel;
import org.keycloak.models.UserModel;

/** The activity row of an admin's action on a user (a helpdesk verification, an invitation, a lifted block). */
public final class AdminActivity {

    private AdminActivity() {}

    /**
     * Records an admin's action on {@code user} as an activity row (from the admin's address and client); nothing
     * when no activity store is deployed.
     */
    public static void record(
            AdminResource.Context admin,
            UserModel user,
            ActivityType type,
            ActivityResult result,
            List<String> methods,
            String reason,
            String step) {
        ActivityStore store = admin.session().getProvider(ActivityStore.class);
        if (store == null) {
            return;
        }
        ClientModel client = admin.auth().adminAuth().getClient();
        store.add(new ActivityRecord(
                ActivityRecord.newId(),
                admin.realm().getId(),
                Time.currentTimeMillis(),
                user == null ? null : user.getId(),
                user == null ? null : user.getUsername(),
                type,
                result,
                methods,
                reason,
                step,
                admin.session().getContext().getConnection() == null
                        ? null
                        : admin.session().getContext().getConnection().getRemoteAddr(),
                client == null ? null : client.getClientId()));
    }
}
