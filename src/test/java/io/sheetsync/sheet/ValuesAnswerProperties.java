package io.sheetsync.sheet;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.jackson2.JacksonFactory;
import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.Spreadsheet;
import com.google.api.services.sheets.v4.model.ValueRange;
import io.sheetsync.support.PropertyTests;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.quicktheories.generators.Generate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Sheets client reads a values:batchGet answer with {@link ValuesAnswer} instead of Google's data model: for
 * generated answers (text with escapes, Japanese and emoji, numbers of every JSON form, booleans, nulls, empty and
 * ragged rows, missing values, fields the service does not know at every level) it must make exactly the objects
 * Google's own reader makes of the same text, which is the oracle.
 */
@SuppressWarnings("deprecation") // Google's JacksonFactory is the oracle
class ValuesAnswerProperties {

    private static final JsonFactory GOOGLE = JacksonFactory.getDefaultInstance();
    private static final JsonFactory OURS = new SheetsJsonFactory();
    private static final com.fasterxml.jackson.core.JsonFactory JSON = new com.fasterxml.jackson.core.JsonFactory();
    private static final String[] TEXT = {"", " ", "AA12679", "佐藤 花子", "東京都港区芝公園4-2-8", "NaN", "Infinity",
        "TRUE", "\"quoted\" \\ back", "tab\tline\nbreak\r", "\u0000\u001f", "😀 🌸", "ｶﾀｶﾅ", "0123", "1e3"};
    private static final String[] NUMBERS = {"0", "-0", "-0.0", "1", "42", "2.50", "1e3", "1E+3", "-1.5e-7",
        "45292.5", "123456789012345678901234567890", "0.000001", "9.99E+300"};

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 50: a values answer of the Sheets API is read into"
            + " exactly what Google's client reads of it")
    void a_values_answer_is_read_as_googles_client_reads_it() {
        PropertyTests.pure().forAll(Generate.longRange(Long.MIN_VALUE, Long.MAX_VALUE)).checkAssert(seed -> {
            String answer = answer(new Random(seed));

            BatchGetValuesResponse expected = read(GOOGLE, answer);
            BatchGetValuesResponse actual = read(OURS, answer);

            assertThat(actual.getSpreadsheetId()).isEqualTo(expected.getSpreadsheetId());
            List<ValueRange> ranges = expected.getValueRanges();
            if (ranges == null) {
                assertThat(actual.getValueRanges()).as(answer).isNull();
                return;
            }
            assertThat(actual.getValueRanges()).as(answer).hasSameSizeAs(ranges);
            for (int i = 0; i < ranges.size(); i++) {
                ValueRange want = ranges.get(i);
                ValueRange got = actual.getValueRanges().get(i);
                assertThat(got.getRange()).isEqualTo(want.getRange());
                assertThat(got.getMajorDimension()).isEqualTo(want.getMajorDimension());
                assertThat(got.getValues()).as(answer).isEqualTo(want.getValues());
            }
        });
    }

    @Test
    void other_documents_are_read_by_googles_data_model_as_before() throws IOException {
        String metadata = "{\"spreadsheetId\":\"s\",\"sheets\":[{\"properties\":{\"sheetId\":0,\"title\":\"売主\","
                + "\"index\":0,\"gridProperties\":{\"rowCount\":1000,\"columnCount\":14}}}],"
                + "\"other\":[1,{\"a\":null}]}";

        Spreadsheet ours = OURS.createJsonObjectParser().parseAndClose(stream(metadata), StandardCharsets.UTF_8,
                Spreadsheet.class);

        assertThat(ours).isEqualTo(GOOGLE.createJsonObjectParser().parseAndClose(stream(metadata),
                StandardCharsets.UTF_8, Spreadsheet.class));
        assertThat(ours.getSheets().get(0).getProperties().getGridProperties().getColumnCount()).isEqualTo(14);
    }

    @Test
    void an_answer_that_is_not_a_values_answer_is_refused_with_where() {
        assertThatThrownBy(() -> read(OURS, "{\"valueRanges\":[{\"values\":{\"a\":1}}]}"))
                .isInstanceOf(UncheckedIOException.class).hasMessageContaining("START_ARRAY")
                .hasMessageContaining("column");
        assertThatThrownBy(() -> read(OURS, "[1]")).hasMessageContaining("START_OBJECT");
    }

    private static BatchGetValuesResponse read(JsonFactory factory, String answer) {
        try {
            return factory.createJsonObjectParser().parseAndClose(stream(answer), StandardCharsets.UTF_8,
                    BatchGetValuesResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteArrayInputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A generated answer, written by Jackson so that its text is valid JSON. */
    private static String answer(Random random) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            unknownField(json, random);
            if (random.nextInt(8) > 0) {
                json.writeStringField("spreadsheetId", "sheet-" + random.nextInt(100));
            }
            if (random.nextInt(20) == 0) {
                json.writeNullField("valueRanges");
            } else {
                json.writeArrayFieldStart("valueRanges");
                for (int r = random.nextInt(4); r > 0; r--) {
                    range(json, random);
                }
                json.writeEndArray();
            }
            unknownField(json, random);
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    private static void range(JsonGenerator json, Random random) throws IOException {
        json.writeStartObject();
        if (random.nextInt(6) > 0) {
            json.writeStringField("range", "Sellers!A" + (random.nextInt(1000) + 1) + ":N");
        }
        unknownField(json, random);
        if (random.nextBoolean()) {
            json.writeStringField("majorDimension", "ROWS");
        }
        if (random.nextInt(6) > 0) {
            json.writeArrayFieldStart("values");
            for (int row = random.nextInt(30); row > 0; row--) {
                json.writeStartArray();
                for (int cell = random.nextInt(16); cell > 0; cell--) {
                    cell(json, random);
                }
                json.writeEndArray();
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }

    private static void cell(JsonGenerator json, Random random) throws IOException {
        switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> json.writeString(TEXT[random.nextInt(TEXT.length)] + text(random));
            case 4, 5 -> json.writeNumber(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 6 -> json.writeNumber(new BigDecimal(random.nextLong()).movePointLeft(random.nextInt(12)));
            case 7 -> json.writeBoolean(random.nextBoolean());
            case 8 -> json.writeNull();
            default -> json.writeString(text(random));
        }
    }

    private static String text(Random random) {
        StringBuilder text = new StringBuilder();
        for (int i = random.nextInt(12); i > 0; i--) {
            text.appendCodePoint(switch (random.nextInt(4)) {
                case 0 -> 0x20 + random.nextInt(0x5f);
                case 1 -> 0x3041 + random.nextInt(0x56); // hiragana
                case 2 -> 0x4e00 + random.nextInt(0x5000); // kanji
                default -> random.nextInt(0x20);
            });
        }
        return text.toString();
    }

    /** Sometimes a field the service does not read, as the API may add one. */
    private static void unknownField(JsonGenerator json, Random random) throws IOException {
        if (random.nextInt(4) == 0) {
            json.writeFieldName("x" + random.nextInt(5));
            json.writeStartObject();
            json.writeArrayFieldStart("nested");
            json.writeNumber(1);
            json.writeString("two");
            json.writeNull();
            json.writeEndArray();
            json.writeEndObject();
        }
    }
}
