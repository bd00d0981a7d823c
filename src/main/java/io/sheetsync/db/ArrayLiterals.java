package io.sheetsync.db;

import java.util.Collection;
import java.util.UUID;

/**
 * Array parameters as PostgreSQL's array text, bound as text and cast in the statement ({@code ?::uuid[]},
 * {@code ?::varchar[]}). The driver's own arrays ({@code createArrayOf}) append every element character by
 * character: for the keys and ids of a batch of 500, that was a sixth of a batch writer's CPU. Here an element is
 * appended whole, and escaped only when it holds a quote or a backslash.
 */
public final class ArrayLiterals {

    private static final int UUID_LENGTH = 36;

    private ArrayLiterals() {
    }

    /** A {@code uuid[]}: an id's text never needs quotes. */
    public static String uuids(Collection<UUID> ids) {
        StringBuilder text = new StringBuilder(2 + ids.size() * (UUID_LENGTH + 1));
        text.append('{');
        for (UUID id : ids) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(id);
        }
        return text.append('}').toString();
    }

    /** An {@code int[]} of non-null numbers. */
    public static String integers(Collection<Integer> numbers) {
        StringBuilder text = new StringBuilder(2 + numbers.size() * 4);
        text.append('{');
        for (Integer number : numbers) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append(number.intValue());
        }
        return text.append('}').toString();
    }

    /** A {@code varchar[]} or {@code text[]} of non-null elements, each quoted (so that none reads as NULL). */
    public static String texts(Collection<String> elements) {
        StringBuilder text = new StringBuilder(2 + elements.size() * 12);
        text.append('{');
        for (String element : elements) {
            if (text.length() > 1) {
                text.append(',');
            }
            text.append('"');
            if (element.indexOf('"') < 0 && element.indexOf('\\') < 0) {
                text.append(element);
            } else {
                for (int i = 0; i < element.length(); i++) {
                    char c = element.charAt(i);
                    if (c == '"' || c == '\\') {
                        text.append('\\');
                    }
                    text.append(c);
                }
            }
            text.append('"');
        }
        return text.append('}').toString();
    }
}
