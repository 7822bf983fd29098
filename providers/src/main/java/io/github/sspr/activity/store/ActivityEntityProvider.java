package io.github.sspr.activity.store;

import java.util.List;
import org.keycloak.connections.jpa.entityprovider.JpaEntityProvider;

/** Adds {@link SsprActivityEntity} and its changelog to Keycloak's persistence unit. */
public class ActivityEntityProvider implements JpaEntityProvider {

    /** The master changelog; it includes one dated file per schema change, never edited once released. */
    static final String CHANGELOG = "META-INF/sspr-activity-changelog.xml";

    @Override
    public List<Class<?>> getEntities() {
        return List.of(SsprActivityEntity.class);
    }

    @Override
    public String getChangelogLocation() {
        return CHANGELOG;
    }

    @Override
    public String getFactoryId() {
        return ActivityEntityProviderFactory.ID;
    }

    @Override
    public void close() {}
}
