package io.github.sspr.activity.store;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One row of {@code SSPR_ACTIVITY}. The schema (and its indexes) is owned by the Liquibase changelog
 * {@code META-INF/sspr-activity-changelog.xml}; this mapping only mirrors it. No foreign keys: rows outlive users (an
 * audit trail) and are removed with their realm by {@link JpaActivityStoreFactory}.
 */
@Entity
@Table(name = "SSPR_ACTIVITY")
public class SsprActivityEntity {

    @Id
    @Column(name = "ID", length = 36)
    private String id;

    @Column(name = "REALM_ID", length = 36, nullable = false)
    private String realmId;

    /** Epoch milliseconds. */
    @Column(name = "EVENT_TIME", nullable = false)
    private long time;

    /** UTC day number (days since 1970-01-01), so that per-day reports group in the database. */
    @Column(name = "EVENT_DAY", nullable = false)
    private int day;

    @Column(name = "USER_ID", length = 36)
    private String userId;

    @Column(name = "USERNAME")
    private String username;

    @Column(name = "ACTIVITY_TYPE", length = 32, nullable = false)
    private String type;

    @Column(name = "ACTIVITY_RESULT", length = 32, nullable = false)
    private String result;

    /** Comma-separated method ids, e.g. {@code email,sms}. */
    @Column(name = "METHODS")
    private String methods;

    @Column(name = "FAILURE_REASON")
    private String failureReason;

    @Column(name = "STEP_REACHED", length = 64)
    private String step;

    @Column(name = "IP_ADDRESS", length = 64)
    private String ipAddress;

    @Column(name = "CLIENT_ID")
    private String clientId;

    /** The reset flow whose one row this is (an opaque hash); null for rows that are not a flow's. */
    @Column(name = "FLOW_ID", length = 64)
    private String flowId;

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getRealmId() {
        return realmId;
    }

    public void setRealmId(String realmId) {
        this.realmId = realmId;
    }

    public long getTime() {
        return time;
    }

    public void setTime(long time) {
        this.time = time;
    }

    public int getDay() {
        return day;
    }

    public void setDay(int day) {
        this.day = day;
    }

    public String getUserId() {
        return userId;
    }

    public void setUserId(String userId) {
        this.userId = userId;
    }

    public String getUsername() {
        return username;
    }

    public void setUsername(String username) {
        this.username = username;
    }

    public String getType() {
        return type;
    }

    public void setType(String type) {
        this.type = type;
    }

    public String getResult() {
        return result;
    }

    public void setResult(String result) {
        this.result = result;
    }

    public String getMethods() {
        return methods;
    }

    public void setMethods(String methods) {
        this.methods = methods;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public void setFailureReason(String failureReason) {
        this.failureReason = failureReason;
    }

    public String getStep() {
        return step;
    }

    public void setStep(String step) {
        this.step = step;
    }

    public String getIpAddress() {
        return ipAddress;
    }

    public void setIpAddress(String ipAddress) {
        this.ipAddress = ipAddress;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getFlowId() {
        return flowId;
    }

    public void setFlowId(String flowId) {
        this.flowId = flowId;
    }
}
