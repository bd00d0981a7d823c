package io.sheetsync.api;

/** API roles, each including the ones below it: viewer ⊂ operator ⊂ admin. */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    public boolean includes(Role required) {
        return compareTo(required) >= 0;
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
