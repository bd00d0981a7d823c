package io.sheetsync.sheet;

import com.google.api.client.util.Data;
import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;
import com.google.api.services.sheets.v4.model.ValueRange;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code values:batchGet} answer read straight off Jackson's tokens, into the objects Google's client makes of it:
 * text cells as {@code String}, numbers as {@code BigDecimal}, booleans as {@code Boolean}, a JSON null as Google's
 * null marker (and its markers of a null list or text). Google's own reader builds every cell through its reflective
 * data model, and lower-cases every text cell on the way (to look for "NaN"): in a profiled read of 100 000 rows that
 * was two thirds of the fetching thread's time. Fields the service never reads (none are sent today) are skipped.
 */
final class ValuesAnswer {

    private ValuesAnswer() {
    }

    static BatchGetValuesResponse read(JsonParser json) throws IOException {
        expect(json, json.nextToken(), JsonToken.START_OBJECT);
        BatchGetValuesResponse answer = new BatchGetValuesResponse();
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            JsonToken value = json.nextToken();
            switch (field) {
                case "spreadsheetId" -> answer.setSpreadsheetId(text(json, value));
                case "valueRanges" ->
                        answer.setValueRanges(value == JsonToken.VALUE_NULL ? nullList() : ranges(json, value));
                default -> json.skipChildren();
            }
        }
        expect(json, json.currentToken(), JsonToken.END_OBJECT);
        return answer;
    }

    private static List<ValueRange> ranges(JsonParser json, JsonToken start) throws IOException {
        expect(json, start, JsonToken.START_ARRAY);
        List<ValueRange> ranges = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            expect(json, token, JsonToken.START_OBJECT);
            ValueRange range = new ValueRange();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "range" -> range.setRange(text(json, value));
                    case "majorDimension" -> range.setMajorDimension(text(json, value));
                    case "values" -> range.setValues(value == JsonToken.VALUE_NULL ? nullList() : rows(json, value));
                    default -> json.skipChildren();
                }
            }
            ranges.add(range);
        }
        return ranges;
    }

    private static List<List<Object>> rows(JsonParser json, JsonToken start) throws IOException {
        expect(json, start, JsonToken.START_ARRAY);
        List<List<Object>> rows = new ArrayList<>();
        for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
            expect(json, token, JsonToken.START_ARRAY);
            List<Object> row = new ArrayList<>();
            for (JsonToken cell = json.nextToken(); cell != JsonToken.END_ARRAY; cell = json.nextToken()) {
                row.add(value(json, cell));
            }
            rows.add(row);
        }
        return rows;
    }

    /** One JSON value as Google's client reads it into an {@code Object}. */
    private static Object value(JsonParser json, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> json.getText();
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> json.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> Data.nullOf(Object.class);
            case START_ARRAY -> {
                List<Object> list = new ArrayList<>();
                for (JsonToken item = json.nextToken(); item != JsonToken.END_ARRAY; item = json.nextToken()) {
                    list.add(value(json, item));
                }
                yield list;
            }
            case START_OBJECT -> {
                Map<String, Object> map = new LinkedHashMap<>();
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String key = json.currentName();
                    map.put(key, value(json, json.nextToken()));
                }
                yield map;
            }
            default -> throw new IOException("the Sheets API answered a malformed value (" + token + ") at "
                    + json.currentLocation());
        };
    }

    private static String text(JsonParser json, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NULL) {
            return Data.nullOf(String.class);
        }
        if (!token.isScalarValue()) {
            throw new IOException("the Sheets API answered " + token + " where text belongs, at "
                    + json.currentLocation());
        }
        return json.getText();
    }

    /** Google's marker of a JSON null where a list belongs: an empty list that {@code Data.isNull} knows. */
    @SuppressWarnings("unchecked")
    private static <T> List<T> nullList() {
        return Data.nullOf(ArrayList.class);
    }

    private static void expect(JsonParser json, JsonToken token, JsonToken expected) throws IOException {
        if (token != expected) {
            throw new IOException("the Sheets API answered " + token + " where " + expected + " belongs, at "
                    + json.currentLocation());
        }
    }
}
