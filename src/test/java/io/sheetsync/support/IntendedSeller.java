package io.sheetsync.support;

import io.sheetsync.seller.Seller;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a generated sheet row means, before it is typed messily into cells: the values a sync must store for it. The
 * oracle of a property test compares the database with these, never with what the service parsed.
 *
 * @param updatedAt the row's updated_at, or null when the row has none (or the sheet has no such column)
 */
public record IntendedSeller(
        String sellerNumber,
        String name,
        LocalDate inquiryDate,
        String phone,
        String email,
        String address,
        String status,
        String propertyAddress,
        String propertyType,
        BigDecimal landArea,
        BigDecimal buildingArea,
        Instant updatedAt) {

    public IntendedSeller {
        Objects.requireNonNull(sellerNumber, "sellerNumber");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(inquiryDate, "inquiryDate");
    }

    /** A property record must exist for this seller (CONTRACT section 5: any property or area cell filled). */
    public boolean hasProperty() {
        return propertyAddress != null || propertyType != null || landArea != null || buildingArea != null;
    }

    /** The same seller with another name: a change every stored form of the row shows. */
    public IntendedSeller renamed(String newName) {
        return new IntendedSeller(sellerNumber, newName, inquiryDate, phone, email, address, status, propertyAddress,
                propertyType, landArea, buildingArea, updatedAt);
    }

    /** The same seller with another inquiry date. */
    public IntendedSeller withInquiryDate(LocalDate date) {
        return new IntendedSeller(sellerNumber, name, date, phone, email, address, status, propertyAddress,
                propertyType, landArea, buildingArea, updatedAt);
    }

    /** Asserts that the parser read this seller's row as this seller. */
    public void assertParsedAs(Seller seller) {
        assertThat(seller.name()).isEqualTo(name);
        assertThat(seller.inquiryDate()).isEqualTo(inquiryDate);
        assertThat(seller.phone()).isEqualTo(phone);
        assertThat(seller.email()).isEqualTo(email);
        assertThat(seller.address()).isEqualTo(address);
        assertThat(seller.status()).isEqualTo(status);
        assertThat(seller.sourceUpdatedAt() == null ? null : seller.sourceUpdatedAt().toInstant()).isEqualTo(updatedAt);
        assertThat(seller.property() != null).isEqualTo(hasProperty());
        if (hasProperty()) {
            assertThat(seller.property().address()).isEqualTo(propertyAddress);
            assertThat(seller.property().propertyType()).isEqualTo(propertyType);
            assertSameNumber(seller.property().landArea(), landArea);
            assertSameNumber(seller.property().buildingArea(), buildingArea);
        }
    }

    private static void assertSameNumber(BigDecimal actual, BigDecimal expected) {
        if (expected == null) {
            assertThat(actual).isNull();
        } else {
            assertThat(actual).isEqualByComparingTo(expected);
        }
    }

    @Override
    public String toString() {
        return sellerNumber + "{" + name + ", " + inquiryDate
                + (phone == null ? "" : ", phone " + phone)
                + (hasProperty() ? ", property " + propertyType + "/" + propertyAddress + "/" + landArea + "/"
                + buildingArea : "")
                + (updatedAt == null ? "" : ", updated " + updatedAt) + "}";
    }
}
