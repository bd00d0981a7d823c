package io.sheetsync.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.ParserConfigurationException;

import io.sheetsync.sheet.XlsxSheetHandler.DateStyles;
import io.sheetsync.sheet.XlsxSheetHandler.SharedStrings;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.XMLReader;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads one worksheet of an XLSX workbook into a {@link SheetData}, streaming the sheet XML so that a large workbook
 * needs memory for its values only, not for POI's object model of every cell.
 *
 * <p>Cell values are stored values, converted by {@link XlsxCellText}: no number formats applied, formulas not
 * recalculated. Row numbers are Excel's (the header is Excel row 1).
 */
final class XlsxExport {

    private static final String WORKSHEET_CONTENT_TYPE =
            "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml";

    /** A worksheet of the workbook, by title, in workbook order. */
    record Worksheet(String title, PackagePart part) {
    }

    private XlsxExport() {
    }

    /**
     * Reads the worksheet titled like the sheet part of {@code range} (see {@link #sheetTitle(String)}), else the
     * first worksheet.
     */
    static SheetData read(Path file, String range) throws ExportFormatException {
        OPCPackage pkg;
        try {
            ExportLimits.checkInflation(file);
            pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
        } catch (OLE2NotOfficeXmlFileException e) {
            throw new ExportFormatException("is an Excel 97-2003 (.xls) or password-protected workbook, not an XLSX", e);
        } catch (OpenXML4JException | RuntimeException e) {
            throw corrupt(e);
        }
        try {
            XSSFReader reader = new XSSFReader(pkg);
            Worksheet sheet = choose(worksheets(reader), sheetTitle(range));
            SharedStrings strings = new SharedStrings(new ReadOnlySharedStringsTable(pkg, false));
            DateStyles dateStyles = isDate1904(reader) ? new DateStyles(reader.getStylesTable()) : null;
            XlsxSheetHandler handler = new XlsxSheetHandler(strings, dateStyles);
            try (InputStream xml = sheet.part().getInputStream()) {
                XMLReader parser = XMLHelper.newXMLReader();
                parser.setContentHandler(handler);
                parser.parse(new InputSource(xml));
            }
            return handler.sheet.build();
        } catch (IOException | OpenXML4JException | SAXException | ParserConfigurationException | RuntimeException e) {
            // the file itself was opened: a failure now is in its content (broken zip entry, bad XML, zip bomb guard)
            if (e instanceof SAXException && e.getCause() instanceof ExportFormatException cause) {
                throw cause;
            }
            throw corrupt(e);
        } finally {
            pkg.revert(); // closes a read-only package without trying to save it
        }
    }

    /**
     * The sheet title in a Sheets-style range: {@code Sellers} for {@code Sellers}, {@code Sellers!A1:L} and
     * {@code 'Sellers'!A:L}; {@code It's} for {@code 'It''s'!A1}. Null for a blank range.
     */
    static String sheetTitle(String range) {
        return range == null || range.isBlank() ? null : SheetRange.parse(range).sheetTitle();
    }

    /** The sheet with exactly this title, else one whose title differs only in case (as Excel sees it), else the first. */
    static Worksheet choose(List<Worksheet> worksheets, String title) throws ExportFormatException {
        if (worksheets.isEmpty()) {
            throw new ExportFormatException("has no worksheet");
        }
        if (title != null) {
            for (Worksheet w : worksheets) {
                if (w.title().equals(title)) {
                    return w;
                }
            }
            for (Worksheet w : worksheets) {
                if (w.title().equalsIgnoreCase(title)) {
                    return w;
                }
            }
        }
        return worksheets.get(0);
    }

    private static List<Worksheet> worksheets(XSSFReader reader) throws IOException, OpenXML4JException {
        List<Worksheet> worksheets = new ArrayList<>();
        XSSFReader.SheetIterator it = reader.getSheetIterator();
        while (it.hasNext()) {
            try (InputStream ignored = it.next()) {
                // chart sheets and dialog sheets hold no cells
                if (WORKSHEET_CONTENT_TYPE.equals(it.getSheetPart().getContentType())) {
                    worksheets.add(new Worksheet(it.getSheetName(), it.getSheetPart()));
                }
            }
        }
        return worksheets;
    }

    /** Workbooks made by old Mac Excel count days from 1904-01-01; their date cells are shifted to Sheets' count. */
    private static boolean isDate1904(XSSFReader reader)
            throws IOException, OpenXML4JException, SAXException, ParserConfigurationException {
        boolean[] date1904 = {false};
        try (InputStream xml = reader.getWorkbookData()) {
            XMLReader parser = XMLHelper.newXMLReader();
            parser.setContentHandler(new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) {
                    if ("workbookPr".equals(localName)) {
                        String value = attributes.getValue("date1904");
                        date1904[0] = "1".equals(value) || "true".equalsIgnoreCase(value);
                    }
                }
            });
            parser.parse(new InputSource(xml));
        }
        return date1904[0];
    }

    private static ExportFormatException corrupt(Exception e) {
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof POIXMLException && e.getCause() != null && e.getCause().getMessage() != null) {
            detail = e.getCause().getMessage();
        }
        return new ExportFormatException("could not be read as an XLSX workbook (" + detail + ")", e);
    }
}
