package io.sheetsync.sheet;

import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.JsonGenerator;
import com.google.api.client.json.JsonParser;
import com.google.api.client.json.jackson2.JacksonFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The JSON of the Sheets client: Jackson's tokens, as with Google's own Jackson binding, read by
 * {@link SheetsJsonParser}, which takes a {@code values:batchGet} answer straight off them (see {@link ValuesAnswer})
 * and leaves every other document (metadata, errors, key files) to Google's data model. Writing is Google's.
 */
@SuppressWarnings("deprecation") // JacksonFactory is what camel-google-sheets 4.17 builds on
public final class SheetsJsonFactory extends JsonFactory {

    private final com.fasterxml.jackson.core.JsonFactory jackson = new com.fasterxml.jackson.core.JsonFactory();
    private final JsonFactory writer = JacksonFactory.getDefaultInstance();

    @Override
    public JsonParser createJsonParser(InputStream in) throws IOException {
        return new SheetsJsonParser(this, jackson.createParser(in));
    }

    /** Jackson finds UTF-8 (the Sheets API's) and the other Unicode encodings itself; any other is decoded first. */
    @Override
    public JsonParser createJsonParser(InputStream in, Charset charset) throws IOException {
        if (charset == null || StandardCharsets.UTF_8.equals(charset)) {
            return createJsonParser(in);
        }
        return createJsonParser(new InputStreamReader(in, charset));
    }

    @Override
    public JsonParser createJsonParser(String value) throws IOException {
        return new SheetsJsonParser(this, jackson.createParser(value));
    }

    @Override
    public JsonParser createJsonParser(Reader reader) throws IOException {
        return new SheetsJsonParser(this, jackson.createParser(reader));
    }

    @Override
    public JsonGenerator createJsonGenerator(OutputStream out, Charset enc) throws IOException {
        return writer.createJsonGenerator(out, enc);
    }

    @Override
    public JsonGenerator createJsonGenerator(Writer out) throws IOException {
        return writer.createJsonGenerator(out);
    }
}
