package io.sheetsync.metrics;

import io.sheetsync.audit.ErrorType;
import io.sheetsync.sync.SyncStage;

import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The performance record of one run, as stored in {@code sync_metrics}: time per stage, throughput, errors by
 * category. Computed from what the run measured, without Camel or a database, so it can be checked on its own.
 */
public record SyncMetrics(ExecutionTime executionTime, Throughput throughput, ErrorCounts errors) {

    /**
     * Milliseconds per stage and in total. A stage a failed run never reached (a run that failed in its fetch has no
     * compare, update or verify) is null, never a made-up 0.
     */
    public record ExecutionTime(Long fetch, Long compare, Long update, Long verify, long total) {

        public ExecutionTime {
            if (total < 0 || Stream.of(fetch, compare, update, verify).anyMatch(ms -> ms != null && ms < 0)) {
                throw new IllegalArgumentException("execution times cannot be negative");
            }
        }

        /** The time of one stage, if the run reached it. */
        public Optional<Long> of(SyncStage stage) {
            return Optional.ofNullable(switch (stage) {
                case FETCH -> fetch;
                case COMPARE -> compare;
                case UPDATE -> update;
                case VERIFY -> verify;
            });
        }

        /** The stage that took longest (the earlier one on a tie), or empty when no stage ran. */
        public Optional<SyncStage> bottleneck() {
            return Stream.of(SyncStage.values())
                    .filter(stage -> of(stage).isPresent())
                    .max(Comparator.comparingLong((SyncStage stage) -> of(stage).orElseThrow())
                            .thenComparing(Comparator.reverseOrder()));
        }
    }

    /** Rows read per second of the whole run. */
    public record Throughput(double recordsPerSecond, int totalRecords) {

        public Throughput {
            if (totalRecords < 0 || !(recordsPerSecond >= 0) || Double.isInfinite(recordsPerSecond)) {
                throw new IllegalArgumentException(
                        "throughput must be a finite, non-negative rate of a non-negative count");
            }
        }

        /**
         * The rate of {@code records} rows over {@code elapsed}; 0 when no time was measured, because a rate over no
         * time says nothing.
         */
        public static Throughput of(int records, Duration elapsed) {
            long nanos = elapsed.toNanos();
            double perSecond = nanos <= 0 ? 0 : records / (nanos / 1_000_000_000.0);
            return new Throughput(perSecond, records);
        }
    }

    /** Error log entries of the run by category (sync_error_logs.error_type). */
    public record ErrorCounts(int network, int validation, int database, int unknown) {

        public static final ErrorCounts NONE = new ErrorCounts(0, 0, 0, 0);

        public ErrorCounts {
            if (network < 0 || validation < 0 || database < 0 || unknown < 0) {
                throw new IllegalArgumentException("error counts cannot be negative");
            }
        }

        public static ErrorCounts of(Map<ErrorType, Integer> byType) {
            return new ErrorCounts(byType.getOrDefault(ErrorType.NETWORK, 0),
                    byType.getOrDefault(ErrorType.VALIDATION, 0), byType.getOrDefault(ErrorType.DATABASE, 0),
                    byType.getOrDefault(ErrorType.UNKNOWN, 0));
        }

        public int of(ErrorType type) {
            return switch (type) {
                case NETWORK -> network;
                case VALIDATION -> validation;
                case DATABASE -> database;
                case UNKNOWN -> unknown;
            };
        }

        public int total() {
            return network + validation + database + unknown;
        }
    }

    /**
     * The metrics of a run from its measurements.
     *
     * @param stages  time per stage the run reached
     * @param total   from the run's start to its end
     * @param records data rows read from the sheet
     * @param errors  error log entries by category
     */
    public static SyncMetrics measure(Map<SyncStage, Duration> stages, Duration total, int records,
                                      Map<ErrorType, Integer> errors) {
        ExecutionTime time = new ExecutionTime(millis(stages.get(SyncStage.FETCH)),
                millis(stages.get(SyncStage.COMPARE)), millis(stages.get(SyncStage.UPDATE)),
                millis(stages.get(SyncStage.VERIFY)), millis(total));
        return new SyncMetrics(time, Throughput.of(records, total.isNegative() ? Duration.ZERO : total),
                ErrorCounts.of(errors));
    }

    /** Whole milliseconds; a clock stepped backwards mid-run reads as 0, not as a negative time. */
    private static Long millis(Duration duration) {
        return duration == null ? null : Math.max(0, duration.toMillis());
    }
}
