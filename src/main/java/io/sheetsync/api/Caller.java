package io.sheetsync.api;

/**
 * Who made an API call: the name of a named token, or the role's code for a role token; the audit trail records it.
 */
public record Caller(String name, Role role) {
}
