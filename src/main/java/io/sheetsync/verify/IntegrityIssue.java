package io.sheetsync.verify;

/**
 * One data-integrity problem, with the seller, the field and a description a person can act on (seed
 * DataIntegrityIssue).
 *
 * @param sellerId   the stored seller's id, or null when the problem is in the sheet (the row was not stored)
 * @param issueType  missing_required_field, invalid_format, missing_property, unexpected_property or duplicate_key
 * @param fieldName  the field at fault, or null for the whole row
 */
public record IntegrityIssue(String sellerId, String sellerNumber, String issueType, String fieldName,
                             String description) {
}
