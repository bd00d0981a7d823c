package io.sheetsync.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * XLSX files a hostile or broken exporter could produce: a real workbook made by POI whose first worksheet's XML is
 * replaced by XML written here, streamed into the zip so a test can craft a bomb without holding it in memory.
 */
public final class CraftedXlsx {

    private static final String SHEET_PART = "xl/worksheets/sheet1.xml";
    private static final String SHEET_START = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>";
    private static final String SHEET_END = "</sheetData></worksheet>";

    /** Writes the sheet's rows between {@code <sheetData>} and {@code </sheetData>}. */
    @FunctionalInterface
    public interface Rows {
        void write(Writer xml) throws IOException;
    }

    private CraftedXlsx() {
    }

    /** A well-formed workbook with a header and these rows, sheet "Sellers". */
    public static Path valid(Path file, List<List<String>> rows) throws IOException {
        try (XSSFWorkbook workbook = new XSSFWorkbook(); OutputStream out = Files.newOutputStream(file)) {
            Sheet sheet = workbook.createSheet("Sellers");
            for (int r = 0; r < rows.size(); r++) {
                Row row = sheet.createRow(r);
                for (int c = 0; c < rows.get(r).size(); c++) {
                    row.createCell(c).setCellValue(rows.get(r).get(c));
                }
            }
            workbook.write(out);
        }
        return file;
    }

    /** A workbook whose sheet "Sellers" holds exactly the rows written by {@code rows}, as inline strings. */
    public static Path withSheetXml(Path file, Rows rows) throws IOException {
        Path template = valid(Files.createTempFile(file.toAbsolutePath().getParent(), "template", ".xlsx"),
                List.of(List.of("seller_number")));
        try (ZipFile source = new ZipFile(template.toFile());
             ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.setLevel(9);
            for (Enumeration<? extends ZipEntry> entries = source.entries(); entries.hasMoreElements(); ) {
                ZipEntry entry = entries.nextElement();
                zip.putNextEntry(new ZipEntry(entry.getName()));
                if (entry.getName().equals(SHEET_PART)) {
                    Writer xml = new OutputStreamWriter(zip, StandardCharsets.UTF_8);
                    xml.write(SHEET_START);
                    rows.write(xml);
                    xml.write(SHEET_END);
                    xml.flush();
                } else {
                    try (InputStream in = source.getInputStream(entry)) {
                        in.transferTo(zip);
                    }
                }
                zip.closeEntry();
            }
        } finally {
            Files.delete(template);
        }
        return file;
    }

    /** One row of inline-string cells, for {@link #withSheetXml}. */
    public static String row(long rowNumber, String... cells) {
        StringBuilder xml = new StringBuilder("<row r=\"").append(rowNumber).append("\">");
        for (String cell : cells) {
            xml.append("<c t=\"inlineStr\"><is><t>").append(cell).append("</t></is></c>");
        }
        return xml.append("</row>").toString();
    }

    /**
     * A zip bomb: a few kilobytes of file whose sheet XML expands to {@code expandedBytes} of one repeated row, the
     * shape of a file made to exhaust a reader's memory.
     */
    public static Path bomb(Path file, long expandedBytes) throws IOException {
        // rows without a number follow one another: unguarded, this would be a million rows of cells in memory
        String filler = "<row><c t=\"inlineStr\"><is><t>AA1</t></is></c><c t=\"inlineStr\"><is><t>x</t></is></c></row>";
        return withSheetXml(file, xml -> {
            xml.write(row(1, "seller_number", "name"));
            for (long written = 0; written < expandedBytes; written += filler.length()) {
                xml.write(filler);
            }
        });
    }
}
