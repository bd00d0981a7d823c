package io.sheetsync.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One run as recorded in {@code sync_audit_logs}. {@code verificationJson} is the stored JSON text, or null;
 * {@code outcome} says why a stopped run stopped (cancelled, timed_out, shutdown, lock_lost), else null;
 * {@code triggeredBy} who started a manual run through the API (a token's name, or its role), else null;
 * {@code errorKind} the category and SQLSTATE of a failed run's error (unknown for a run failed before they were
 * stored), null for a run that has not failed.
 */
public record AuditLog(UUID id, TriggerSource triggerSource, RunStatus status, Instant startTime, Instant endTime,
                       RunCounts counts, String source, String errorMessage, ErrorKind errorKind,
                       String verificationJson,
                       String outcome, String triggeredBy) {
}
