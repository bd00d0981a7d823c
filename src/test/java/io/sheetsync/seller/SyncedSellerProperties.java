package io.sheetsync.seller;

import io.sheetsync.support.MessySheets;
import io.sheetsync.support.PropertyTests;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.SyncedSellers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real runs of messy sheets store: every seller with its required fields and its seller number in the stored
 * form, whatever blanks, widths, cases and padding the sheet was typed with.
 */
class SyncedSellerProperties {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private static SyncedSellers sellers;

    @BeforeAll
    static void connect() {
        sellers = new SyncedSellers(SYNC.service(), SYNC.database());
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 32: Required field validation — for any synced"
            + " seller record, critical fields (seller_number, name, inquiry_date) should not be null")
    void every_stored_seller_has_the_number_name_and_inquiry_date_its_row_was_typed_with() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 10)).checkAssert(sheet -> {
            sellers.reset();

            sellers.sync(sheet);

            Map<String, SyncedSellers.Stored> stored = sellers.stored();
            // Rows generated with a blank or unreadable required cell must not reach the table at all.
            assertThat(stored.keySet()).as("stored sellers").isEqualTo(sheet.expectedKeys());
            stored.values().forEach(seller -> {
                assertThat(seller.sellerNumber()).as("a seller number").isNotNull();
                assertThat(seller.name()).as("name of %s", seller.sellerNumber()).isNotNull()
                        .isEqualTo(sheet.expectedSellers().get(seller.sellerNumber()).name());
                assertThat(seller.name().replace('\u3000', ' ').replace('\u00a0', ' ')).as("name of %s",
                        seller.sellerNumber()).isNotBlank();
                assertThat(seller.inquiryDate()).as("inquiry_date of %s", seller.sellerNumber()).isNotNull()
                        .isEqualTo(sheet.expectedSellers().get(seller.sellerNumber()).inquiryDate());
            });
        });
    }

    @Test
    @DisplayName("Feature: sync-reliability-enhancement, Property 33: Seller number format validation — for any"
            + " synced seller record, the seller number should follow the expected format pattern (AA followed by"
            + " digits)")
    void every_stored_seller_number_is_aa_and_ascii_digits_however_its_cell_was_typed() {
        PropertyTests.runs().forAll(MessySheets.sheets(0, 10)).checkAssert(sheet -> {
            sellers.reset();

            sellers.sync(sheet);

            Map<String, SyncedSellers.Stored> stored = sellers.stored();
            assertThat(stored.keySet()).as("stored seller numbers").allMatch(key -> key.matches("AA[0-9]+"))
                    .isEqualTo(sheet.expectedKeys());
            // Each number is stored from the row that carries it, not from a row whose bad number was read wrongly.
            stored.values().forEach(seller -> assertThat(seller.sourceRow()).as("row of %s", seller.sellerNumber())
                    .isEqualTo(sheet.winningRows().get(seller.sellerNumber())));
        });
    }
}
