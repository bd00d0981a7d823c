package io.sheetsync.app;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The {@code %msg} of every log line, with its control characters escaped: sheet cells and headers end up in log
 * messages (a skipped row names its seller number), and a line break in a cell must neither split the line nor forge
 * a line of its own ({@code \nERROR ... run failed}). Line breaks become {@code \r} and {@code \n}, tabs stay, any other
 * control or line separator becomes {@code \}{@code uXXXX}. {@link LogSetup} makes it the converter of {@code msg}.
 */
public final class OneLineMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return escape(super.convert(event));
    }

    /** The text as part of one log line. */
    public static String escape(String text) {
        if (text == null || text.codePoints().noneMatch(OneLineMessageConverter::isControl)) {
            return text;
        }
        StringBuilder line = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == '\r') {
                line.append("\\r");
            } else if (c == '\n') {
                line.append("\\n");
            } else if (isControl(c)) {
                line.append(String.format("\\u%04x", c));
            } else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

    private static boolean isControl(int c) {
        return c != '\t' && (Character.isISOControl(c) || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }
}
