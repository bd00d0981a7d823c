package io.sheetsync.http;

/**
 * What may be served outside the API and the observability endpoints: the dashboard's files, nothing else. Camel's
 * static handler looks in the working directory before the classpath, so without this {@code GET
 * /application.properties} would hand out the working directory's settings, passwords included.
 */
final class StaticFiles {

    private static final String ROOT = "META-INF/resources";

    private StaticFiles() {
    }

    static boolean allowed(String path) {
        if (path == null) {
            return false;
        }
        if (path.equals("/api") || path.startsWith("/api/") || path.equals("/observe") || path.startsWith("/observe/")) {
            return true;
        }
        if (path.equals("/")) {
            return true;
        }
        if (path.contains("..") || path.contains("//") || path.contains("\\") || path.endsWith("/")) {
            return false;
        }
        return StaticFiles.class.getClassLoader().getResource(ROOT + path) != null;
    }
}
