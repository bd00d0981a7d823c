package io.sheetsync.sheet;

import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * SAX handler for a worksheet part: {@code <sheetData><row r="5"><c r="B5" t="s" s="3"><v>..</v></c>...}.
 * Row and cell references may be omitted (Excel then means "the next one"), so positions are tracked too.
 */
final class XlsxSheetHandler extends DefaultHandler {
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

    XlsxSheetHandler(SharedStrings strings, DateStyles dateStyles) {
        this.strings = strings;
        this.dateStyles = dateStyles;
    }

    @Override
    public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
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
                rowNumber = r == null ? rowNumber + 1 : rowNumber(r);
                cells.clear();
                column = -1;
            }
            case "c" -> {
                String ref = attributes.getValue("r");
                column = ref == null ? column + 1 : columnIndex(ref);
                // checked before the row is padded up to it: a cell in column 2,000,000,000 must cost nothing
                limit(() -> ExportLimits.checkColumn(column));
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

    /** The r attribute of a row, refused past the last sheet row before the rows up to it are made. */
    private static int rowNumber(String r) throws SAXException {
        long number;
        try {
            number = Long.parseLong(r.trim());
        } catch (NumberFormatException e) {
            throw new SAXException(new ExportFormatException("has a row numbered '" + r + "', which is not a row number"));
        }
        limit(() -> ExportLimits.checkRow(number));
        return (int) number;
    }

    /** The 0-based column of a cell reference such as {@code XFD7}; a reference of four letters or more is past XFD. */
    private static int columnIndex(String ref) throws SAXException {
        int letters = 0;
        while (letters < ref.length() && Character.isLetter(ref.charAt(letters))) {
            letters++;
        }
        if (letters > 3) {
            limit(() -> ExportLimits.checkColumn(ExportLimits.MAX_COLUMNS));
        }
        return new CellReference(ref).getCol();
    }

    /** Runs a limit check inside SAX, carrying its refusal out through the parser. */
    private static void limit(LimitCheck check) throws SAXException {
        try {
            check.run();
        } catch (ExportLimitException e) {
            throw new SAXException(e);
        }
    }

    @FunctionalInterface
    private interface LimitCheck {
        void run() throws ExportLimitException;
    }

    private String cellText() {
        boolean numeric = cellType == null || "n".equals(cellType);
        int dayOffset = numeric && dateStyles != null && dateStyles.isDate(cellStyle)
                ? XlsxCellText.DAYS_FROM_1900_TO_1904_SYSTEM : 0;
        return XlsxCellText.of(cellType, value.toString(), strings::get, dayOffset);
    }

    /** Shared strings, decoded once each: a big sheet refers to the same few statuses and types again and again. */
    static final class SharedStrings {
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
    static final class DateStyles {
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
}
