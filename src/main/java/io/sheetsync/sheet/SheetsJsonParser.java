package io.sheetsync.sheet;

import com.google.api.client.json.CustomizeJsonParser;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.JsonParser;
import com.google.api.client.json.JsonToken;
import com.google.api.services.sheets.v4.model.BatchGetValuesResponse;

import java.io.IOException;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * Google's parser interface over Jackson's tokens (what Google's {@code JacksonParser} does), but for one document:
 * a {@code values:batchGet} answer goes to {@link ValuesAnswer} before Google's data model has read a token of it.
 */
final class SheetsJsonParser extends JsonParser {

    private final JsonFactory factory;
    private final com.fasterxml.jackson.core.JsonParser jackson;

    SheetsJsonParser(JsonFactory factory, com.fasterxml.jackson.core.JsonParser jackson) {
        this.factory = factory;
        this.jackson = jackson;
    }

    @Override
    public Object parse(Type dataType, boolean close, CustomizeJsonParser customizeParser) throws IOException {
        if (dataType != BatchGetValuesResponse.class || customizeParser != null || jackson.currentToken() != null) {
            return super.parse(dataType, close, customizeParser);
        }
        try {
            return ValuesAnswer.read(jackson);
        } finally {
            if (close) {
                close();
            }
        }
    }

    @Override
    public JsonFactory getFactory() {
        return factory;
    }

    @Override
    public void close() throws IOException {
        jackson.close();
    }

    @Override
    public JsonToken nextToken() throws IOException {
        return token(jackson.nextToken());
    }

    @Override
    public JsonToken getCurrentToken() {
        return token(jackson.currentToken());
    }

    @Override
    public String getCurrentName() throws IOException {
        return jackson.currentName();
    }

    @Override
    public JsonParser skipChildren() throws IOException {
        jackson.skipChildren();
        return this;
    }

    @Override
    public String getText() throws IOException {
        return jackson.getText();
    }

    @Override
    public byte getByteValue() throws IOException {
        return jackson.getByteValue();
    }

    @Override
    public short getShortValue() throws IOException {
        return jackson.getShortValue();
    }

    @Override
    public int getIntValue() throws IOException {
        return jackson.getIntValue();
    }

    @Override
    public float getFloatValue() throws IOException {
        return jackson.getFloatValue();
    }

    @Override
    public long getLongValue() throws IOException {
        return jackson.getLongValue();
    }

    @Override
    public double getDoubleValue() throws IOException {
        return jackson.getDoubleValue();
    }

    @Override
    public BigInteger getBigIntegerValue() throws IOException {
        return jackson.getBigIntegerValue();
    }

    @Override
    public BigDecimal getDecimalValue() throws IOException {
        return jackson.getDecimalValue();
    }

    private static JsonToken token(com.fasterxml.jackson.core.JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case START_ARRAY -> JsonToken.START_ARRAY;
            case END_ARRAY -> JsonToken.END_ARRAY;
            case START_OBJECT -> JsonToken.START_OBJECT;
            case END_OBJECT -> JsonToken.END_OBJECT;
            case FIELD_NAME -> JsonToken.FIELD_NAME;
            case VALUE_STRING -> JsonToken.VALUE_STRING;
            case VALUE_NUMBER_INT -> JsonToken.VALUE_NUMBER_INT;
            case VALUE_NUMBER_FLOAT -> JsonToken.VALUE_NUMBER_FLOAT;
            case VALUE_TRUE -> JsonToken.VALUE_TRUE;
            case VALUE_FALSE -> JsonToken.VALUE_FALSE;
            case VALUE_NULL -> JsonToken.VALUE_NULL;
            default -> JsonToken.NOT_AVAILABLE;
        };
    }
}
