package io.sheetsync.db;

import java.util.Collection;
import java.util.UUID;
import java.util.function.BiConsumer;

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
        return literal(ids, UUID_LENGTH, StringBuilder::append);
    }

    /** An {@code int[]} of non-null numbers. */
    public static String integers(Collection<Integer> numbers) {
        return literal(numbers, 3, (text, number) -> text.append(number.intValue()));
    }

    /** A {@code varchar[]} or {@code text[]} of non-null elements, each quoted (so that none reads as NULL). */
    public static String texts(Collection<String> elements) {
        return literal(elements, 10, ArrayLiterals::appendQuoted);
    }

    private static <T> String literal(Collection<T> elements, int elementLength,
                                      BiConsumer<StringBuilder, T> appendElement) {
        StringBuilder text = new StringBuilder(2 + elements.size() * (elementLength + 1));
        text.append('{');
        for (T element : elements) {
            if (text.length() > 1) {
                text.append(',');
            }
            appendElement.accept(text, element);
        }
        return text.append('}').toString();
    }

    private static void appendQuoted(StringBuilder text, String element) {
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
}
