package id.pantau.enforcement.audit;

/**
 * Records an action that changes no back-office row but belongs in the trail (a login, an evidence view, a letter
 * download, a camera geometry save): one entry, appended in a transaction of its own.
 */
@FunctionalInterface
public interface AuditRecorder {
    void record(String actor, String action, String entity, String entityId, Object before, Object after);
}
