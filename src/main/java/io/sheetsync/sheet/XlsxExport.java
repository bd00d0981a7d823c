package io.sheetsync.sheet;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.ParserConfigurationException;

import org.apache.poi.ooxml.POIXMLException;
import org.apache.poi.openxml4j.exceptions.OLE2NotOfficeXmlFileException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
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
            SheetHandler handler = new SheetHandler(strings, dateStyles);
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

    /** Shared strings, decoded once each: a big sheet refers to the same few statuses and types again and again. */
    private static final class SharedStrings {
        private final ReadOnlySharedStringsTable table;
        private final Map<Integer, String> decoded = new HashMap<>();

        SharedStrings(ReadOnlySharedStringsTable table) {
            this.table = table;
        }

        String get(int index) {
            return decoded.computeIfAbsent(index, i -> table.getItemAt(i).getString());
        }
    }

    /** Which cell styles show a date or time, asked only for 1904-system workbooks. */
    private static final class DateStyles {
        private final StylesTable styles;
        private final Map<Integer, Boolean> isDate = new HashMap<>();

        DateStyles(StylesTable styles) {
            this.styles = styles;
        }

        boolean isDate(String styleIndex) {
            int index = styleIndex == null ? 0 : Integer.parseInt(styleIndex.trim());
            return isDate.computeIfAbsent(index, i -> {
                if (styles == null || i >= styles.getNumCellStyles()) {
                    return false;
                }
                XSSFCellStyle style = styles.getStyleAt(i);
                return style != null && DateUtil.isADateFormat(style.getDataFormat(), style.getDataFormatString());
            });
        }
    }

    /**
     * SAX handler for a worksheet part: {@code <sheetData><row r="5"><c r="B5" t="s" s="3"><v>..</v></c>...}.
     * Row and cell references may be omitted (Excel then means "the next one"), so positions are tracked too.
     */
    private static final class SheetHandler extends DefaultHandler {
        private final SharedStrings strings;
        private final DateStyles dateStyles;
        final SheetDataBuilder sheet = new SheetDataBuilder();

        private boolean inSheetData;
        private int rowNumber;
        private final List<String> cells = new ArrayList<>();
        private int column;
        private String cellType;
        private String cellStyle;
        private boolean inCell;
        private boolean inValue;
        private boolean inInlineString;
        private boolean inText;
        private boolean inPhonetic;
        private final StringBuilder value = new StringBuilder();
        private boolean hasValue;

        SheetHandler(SharedStrings strings, DateStyles dateStyles) {
            this.strings = strings;
            this.dateStyles = dateStyles;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if ("sheetData".equals(localName)) {
                inSheetData = true;
                return;
            }
            if (!inSheetData) {
                return;
            }
            switch (localName) {
                case "row" -> {
                    String r = attributes.getValue("r");
                    rowNumber = r == null ? rowNumber + 1 : Integer.parseInt(r.trim());
                    cells.clear();
                    column = -1;
                }
                case "c" -> {
                    String ref = attributes.getValue("r");
                    column = ref == null ? column + 1 : new CellReference(ref).getCol();
                    cellType = attributes.getValue("t");
                    cellStyle = attributes.getValue("s");
                    inCell = true;
                    hasValue = false;
                    value.setLength(0);
                }
                case "v" -> {
                    inValue = inCell;
                    hasValue = inCell;
                }
                case "is" -> {
                    inInlineString = inCell;
                    hasValue = inCell;
                }
                case "rPh" -> inPhonetic = true; // furigana Japanese Excel keeps beside the text: not part of it
                case "t" -> inText = inInlineString && !inPhonetic;
                default -> {
                }
            }
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (inValue || inText) {
                value.append(ch, start, length);
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            if (!inSheetData) {
                return;
            }
            switch (localName) {
                case "v" -> inValue = false;
                case "t" -> inText = false;
                case "rPh" -> inPhonetic = false;
                case "is" -> inInlineString = false;
                case "c" -> {
                    inCell = false;
                    String text = hasValue ? cellText() : "";
                    while (cells.size() < column) {
                        cells.add("");
                    }
                    if (cells.size() == column) {
                        cells.add(text);
                    } else {
                        cells.set(column, text);
                    }
                }
                case "row" -> {
                    // like the Sheets API, a row ends at its last non-empty cell
                    int end = cells.size();
                    while (end > 0 && cells.get(end - 1).isEmpty()) {
                        end--;
                    }
                    try {
                        sheet.add(rowNumber, List.copyOf(cells.subList(0, end)));
                    } catch (ExportFormatException e) {
                        throw new SAXException(e);
                    }
                }
                case "sheetData" -> inSheetData = false;
                default -> {
                }
            }
        }

        private String cellText() {
            boolean numeric = cellType == null || "n".equals(cellType);
            int dayOffset = numeric && dateStyles != null && dateStyles.isDate(cellStyle)
                    ? XlsxCellText.DAYS_FROM_1900_TO_1904_SYSTEM : 0;
            return XlsxCellText.of(cellType, value.toString(), strings::get, dayOffset);
        }
    }
}
