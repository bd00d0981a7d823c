package io.sheetsync.alert;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes alerts to the console log: one line each, with timestamp and severity, at a level matching the severity. */
public final class AlertConsole {

    private static final Logger LOG = LoggerFactory.getLogger("io.sheetsync.alert");

    /** The console line of an alert. */
    public static String line(Alert alert) {
        return "ALERT " + alert.timestamp() + " severity=" + alert.severity() + " type=" + alert.type() + " id="
                + alert.id() + (alert.syncId() == null ? "" : " syncId=" + alert.syncId()) + ": "
                + oneLine(alert.message());
    }

    /**
     * A message as part of one log line: its line breaks (sheet cells may carry them into a message) are written as
     * {@code \r} and {@code \n}, so a message can neither split the line nor forge another one.
     */
    static String oneLine(String message) {
        return message == null ? null : message.replace("\r", "\\r").replace("\n", "\\n");
    }

    public void log(Alert alert) {
        if ("high".equals(alert.severity())) {
            LOG.error(line(alert));
        } else {
            LOG.warn(line(alert));
        }
    }

    /** An alert that could not be stored is still shown, so it is never lost silently. */
    public void notStored(NewAlert alert, Throwable error) {
        LOG.error("ALERT (not stored: {}) severity={} type={}: {}", error == null ? "unknown error" : error.getMessage(),
                alert.severity().code(), alert.type().code(), oneLine(alert.message()));
    }
}
