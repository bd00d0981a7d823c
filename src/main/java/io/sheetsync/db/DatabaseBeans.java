package io.sheetsync.db;

import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;

import javax.sql.DataSource;

/** The pool the JDBC steps of the routes use; the database closes after Camel has stopped. */
@Configuration
public final class DatabaseBeans implements CamelConfiguration {

    private final Database database;

    public DatabaseBeans(Database database) {
        this.database = database;
    }

    @BindToRegistry(value = "database", destroyMethod = "close")
    public Database database() {
        return database;
    }

    @BindToRegistry("dataSource")
    public DataSource dataSource() {
        return database.dataSource();
    }
}
