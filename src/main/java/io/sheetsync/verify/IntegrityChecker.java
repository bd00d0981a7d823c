package io.sheetsync.verify;

import io.sheetsync.seller.RowRejection;
import io.sheetsync.seller.SellerDefect;
import io.sheetsync.sheet.SheetField;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns what the parser set aside and what the database shows into integrity issues a person can act on: one per
 * problem, each naming the seller, the field and what is wrong.
 */
public final class IntegrityChecker {

    /** Issues for the sheet rows that were not stored, and for stored rows that break the rules. */
    public List<IntegrityIssue> issues(List<RowRejection> rejections, List<SellerDefect> defects) {
        List<IntegrityIssue> issues = new ArrayList<>(rejections.size() + defects.size());
        for (RowRejection rejection : rejections) {
            issues.add(new IntegrityIssue(null, rejection.sellerNumber(), sheetIssueType(rejection),
                    rejection.field(), rejection.message()));
        }
        for (SellerDefect defect : defects) {
            issues.add(new IntegrityIssue(defect.sellerId() == null ? null : defect.sellerId().toString(),
                    defect.sellerNumber(), defect.kind().name().toLowerCase(Locale.ROOT), defect.field(),
                    describe(defect)));
        }
        return issues;
    }

    static String sheetIssueType(RowRejection rejection) {
        if (rejection.kind() == RowRejection.Kind.DUPLICATE_KEY) {
            return "duplicate_key";
        }
        boolean requiredField = rejection.field() != null && SheetField.byId(rejection.field())
                .map(SheetField::required).orElse(false);
        boolean missing = rejection.reason().contains(" is missing");
        return requiredField && missing ? "missing_required_field" : "invalid_format";
    }

    private static String describe(SellerDefect defect) {
        return switch (defect.kind()) {
            case MISSING_REQUIRED_FIELD -> "stored seller " + defect.sellerNumber() + " has no " + defect.field();
            case INVALID_FORMAT -> "stored seller number '" + defect.sellerNumber()
                    + "' does not match AA followed by digits";
            case MISSING_PROPERTY -> "seller " + defect.sellerNumber()
                    + " has property data in the sheet but no property record";
            case UNEXPECTED_PROPERTY -> "seller " + defect.sellerNumber()
                    + " has a property record but no property data in the sheet";
        };
    }
}
