package io.sheetsync;

import io.sheetsync.support.PropertyTests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/properties.md maps each of the seed design's 46 correctness properties (and the project's own, from 47 on) to
 * the test that checks it; this keeps the table and the tests in step, so no property goes unchecked and no test
 * claims a property the table does not name.
 */
class PropertyCoverageTest {

    private static final Path TABLE = Path.of("docs/properties.md");
    private static final Path TEST_SOURCES = Path.of("src/test/java");
    private static final Path TEST_CLASSES = Path.of("target/test-classes");
    /**
     * The seed design's 46, then the project's own (47: the plan; 48: the sheet staged chunk by chunk; 49: rows the
     * database holds staged without their cells; 50: the Sheets answer read without Google's data model).
     */
    private static final int PROPERTIES = 50;

    // | 12 | Email alert sending — for any ... | `io.sheetsync.alert.AlertDeliveryProperties#method` |
    private static final Pattern ROW = Pattern.compile("^\\|\\s*(\\d+)\\s*\\|\\s*(.+?)\\s*\\|\\s*(.+?)\\s*\\|\\s*$");
    private static final Pattern TEST = Pattern.compile("`([\\w.]+)#(\\w+)`");

    @Test
    void every_property_has_a_row_in_the_table() throws IOException {
        assertThat(table().keySet()).containsExactlyElementsOf(
                java.util.stream.IntStream.rangeClosed(1, PROPERTIES).boxed().toList());
    }

    @Test
    void every_row_names_a_test_whose_display_name_is_the_property() throws Exception {
        for (Map.Entry<Integer, Row> entry : table().entrySet()) {
            int number = entry.getKey();
            Row row = entry.getValue();
            Matcher test = TEST.matcher(row.test());
            assertThat(test.find()).as("property %s names a test as `package.Class#method`: %s", number, row.test())
                    .isTrue();
            Method method = Class.forName(test.group(1)).getDeclaredMethod(test.group(2));
            assertThat(method.isAnnotationPresent(Test.class)).as("%s is a JUnit test", row.test()).isTrue();
            assertThat(method.getAnnotation(DisplayName.class)).as("%s has a display name", row.test()).isNotNull();
            assertThat(method.getAnnotation(DisplayName.class).value())
                    .isEqualTo(PropertyTests.FEATURE + number + ": " + row.text());
        }
    }

    @Test
    void no_test_claims_a_property_the_table_does_not_give_it() throws Exception {
        Map<Integer, Row> table = table();
        for (Method method : testMethods()) {
            DisplayName name = method.getAnnotation(DisplayName.class);
            if (name == null || !name.value().startsWith(PropertyTests.FEATURE)) {
                continue;
            }
            int number = Integer.parseInt(name.value().substring(PropertyTests.FEATURE.length()).split(":")[0]);
            assertThat(table.get(number).test()).as("the table's test for property %s", number)
                    .contains(method.getDeclaringClass().getName() + "#" + method.getName());
        }
    }

    @Test
    void property_tests_run_with_the_project_settings_and_no_fewer_examples() throws IOException {
        for (Map.Entry<Integer, Row> entry : table().entrySet()) {
            Matcher test = TEST.matcher(entry.getValue().test());
            if (!test.find()) {
                continue;
            }
            Path source = TEST_SOURCES.resolve(test.group(1).replace('.', '/') + ".java");
            String text = Files.readString(source, StandardCharsets.UTF_8);
            assertThat(text).as("%s uses PropertyTests (at least %s examples)", source, PropertyTests.EXAMPLES)
                    .containsAnyOf("PropertyTests.runs()", "PropertyTests.pure()", "runs()", "pure()");
            assertThat(text).as("%s sets no example count or seed of its own", source)
                    .doesNotContain("withExamples(").doesNotContain("withFixedSeed(");
        }
    }

    private static Map<Integer, Row> table() throws IOException {
        Map<Integer, Row> rows = new TreeMap<>();
        for (String line : Files.readAllLines(TABLE, StandardCharsets.UTF_8)) {
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                Row previous = rows.put(Integer.parseInt(row.group(1)), new Row(row.group(2), row.group(3)));
                assertThat(previous).as("property %s has one row", row.group(1)).isNull();
            }
        }
        return rows;
    }

    private static List<Method> testMethods() throws Exception {
        List<Method> methods = new ArrayList<>();
        try (Stream<Path> files = Files.walk(TEST_CLASSES)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                String name = TEST_CLASSES.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                for (Method method : Class.forName(name, false, PropertyCoverageTest.class.getClassLoader())
                        .getDeclaredMethods()) {
                    if (method.isAnnotationPresent(Test.class)) {
                        methods.add(method);
                    }
                }
            }
        }
        return methods;
    }

    /** One row of the table: the property's text and the test that checks it. */
    private record Row(String text, String test) {
    }
}
