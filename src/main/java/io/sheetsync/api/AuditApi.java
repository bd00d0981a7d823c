package io.sheetsync.api;

import io.sheetsync.audit.AuditLog;
import io.sheetsync.audit.AuditQuery;
import io.sheetsync.audit.AuditTrail;
import io.sheetsync.audit.ErrorKind;
import io.sheetsync.audit.ErrorLog;
import io.sheetsync.audit.InvalidQueryException;
import io.sheetsync.audit.RecordLog;
import io.sheetsync.audit.SellerRun;
import io.sheetsync.config.ConfigProvider;
import org.apache.camel.Exchange;

import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The audit trail over HTTP (CONTRACT section 3): runs by filter and one run with its record and error logs (admin),
 * and a seller's history (viewer).
 */
public final class AuditApi {

    /** Record and error logs answered per page of GET /api/audit/{id}, unless {@code limit} says otherwise. */
    public static final int DEFAULT_LOG_PAGE = 1000;
    public static final int MAX_LOG_PAGE = 10_000;

    private final AuditTrail audit;
    private final ConfigProvider config;
    private final JsonResponses responses;

    public AuditApi(AuditTrail audit, ConfigProvider config, JsonResponses responses) {
        this.audit = audit;
        this.config = config;
        this.responses = responses;
    }

    /** GET /api/audit?startDate&endDate&success&sellerNumber&limit */
    public void list(Exchange exchange) throws SQLException {
        QueryParams params = QueryParams.of(exchange, "startDate", "endDate", "success", "sellerNumber", "limit");
        AuditQuery query;
        try {
            query = AuditQuery.parse(params.asMap(), config.current().timeZone());
        } catch (InvalidQueryException e) {
            throw ApiException.badRequest(e.field(), e.problem());
        }
        List<AuditLog> logs = audit.query(query);
        Map<String, Object> filters = new LinkedHashMap<>();
        filters.put("from", query.from());
        filters.put("before", query.before());
        filters.put("success", query.success());
        filters.put("sellerNumber", query.sellerNumber());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("count", logs.size());
        body.put("limit", query.limit());
        body.put("filters", filters);
        body.put("auditLogs", logs.stream().map(AuditApi::auditLog).toList());
        responses.write(exchange, 200, body);
    }

    /** GET /api/audit/{id}?limit&offset: the run, a page of its record logs and a page of its error logs. */
    public void detail(Exchange exchange) throws SQLException {
        UUID id = QueryParams.pathId(exchange, "id");
        QueryParams params = QueryParams.of(exchange, "limit", "offset");
        int limit = params.integer("limit", DEFAULT_LOG_PAGE, 1, MAX_LOG_PAGE);
        int offset = params.integer("offset", 0, 0, Integer.MAX_VALUE);
        AuditLog log = audit.find(id).orElseThrow(() -> ApiException.notFound("audit log " + id));
        AuditTrail.LogCounts counts = audit.logCounts(id);
        Map<String, Object> body = auditLog(log);
        body.put("recordCount", counts.records());
        body.put("errorCount", counts.errors());
        body.put("limit", limit);
        body.put("offset", offset);
        body.put("records", audit.recordLogs(id, limit, offset).stream().map(AuditApi::record).toList());
        body.put("errors", audit.errorLogs(id, limit, offset).stream()
                .map(error -> error(error, ErrorDisclosure.FULL, true)).toList());
        responses.write(exchange, 200, body);
    }

    /** GET /api/sellers/{sellerNumber}/history?limit: every run that touched the seller, newest first. */
    public void sellerHistory(Exchange exchange) throws SQLException {
        String raw = exchange.getMessage().getHeader("sellerNumber", String.class);
        int limit = QueryParams.of(exchange, "limit").integer("limit", AuditQuery.DEFAULT_LIMIT, 1,
                AuditQuery.MAX_LIMIT);
        String seller;
        try {
            seller = AuditQuery.sellerNumber("sellerNumber", raw == null ? "" : raw);
        } catch (InvalidQueryException e) {
            throw ApiException.badRequest(e.field(), e.problem());
        }
        List<SellerRun> history = audit.sellerHistory(seller, limit);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sellerNumber", seller);
        body.put("count", history.size());
        body.put("limit", limit);
        ErrorDisclosure disclosure = ErrorDisclosure.of(exchange);
        body.put("runs", history.stream().map(run -> sellerRun(run, disclosure)).toList());
        responses.write(exchange, 200, body);
    }

    private static Map<String, Object> auditLog(AuditLog log) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", log.id().toString());
        body.put("status", log.status().code());
        body.put("triggerSource", log.triggerSource().code());
        body.put("triggeredBy", log.triggeredBy());
        body.put("startTime", log.startTime());
        body.put("endTime", log.endTime());
        body.put("source", log.source());
        body.put("totalRecords", log.counts().total());
        body.put("createdCount", log.counts().created());
        body.put("updatedCount", log.counts().updated());
        body.put("unchangedCount", log.counts().unchanged());
        body.put("successCount", log.counts().succeeded());
        body.put("failureCount", log.counts().failed());
        ErrorDisclosure.FULL.putRunError(body, log.errorMessage(), log.errorKind());
        body.put("verification", log.verificationJson() == null ? null : new SyncApi.RawJson(log.verificationJson()));
        return body;
    }

    /**
     * One run of a seller's history. Below admin a failed record's message is the sentence of the kind of the seller's
     * error log in that run (the record logs store no kind of their own).
     */
    private static Map<String, Object> sellerRun(SellerRun entry, ErrorDisclosure disclosure) {
        AuditLog run = entry.run();
        ErrorKind recordKind = entry.errors().isEmpty() ? null : entry.errors().get(0).kind();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("syncId", run.id().toString());
        body.put("status", run.status().code());
        body.put("triggerSource", run.triggerSource().code());
        body.put("startTime", run.startTime());
        body.put("endTime", run.endTime());
        body.put("records", entry.records().stream().map(record -> record(record, recordKind, disclosure)).toList());
        body.put("errors", entry.errors().stream().map(error -> error(error, disclosure, false)).toList());
        return body;
    }

    private static Map<String, Object> record(RecordLog log) {
        return record(log, null, ErrorDisclosure.FULL);
    }

    private static Map<String, Object> record(RecordLog log, ErrorKind kind, ErrorDisclosure disclosure) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sellerNumber", log.sellerNumber());
        body.put("operation", log.operation().code());
        body.put("result", log.success() ? "success" : "failure");
        body.put("errorMessage", disclosure.text(log.errorMessage(), log.errorMessage() == null ? null : kind));
        body.put("timestamp", log.timestamp());
        return body;
    }

    /** An error log; the (sanitised) stack trace only in the audit log of a run, for admins, who diagnose with it. */
    private static Map<String, Object> error(ErrorLog log, ErrorDisclosure disclosure, boolean withStackTrace) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sellerNumber", log.sellerNumber());
        disclosure.putErrorLog(body, log);
        if (withStackTrace) {
            body.put("stackTrace", log.stackTrace());
        }
        body.put("timestamp", log.timestamp());
        return body;
    }
}
