package io.sheetsync.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

import java.util.Map;

/**
 * The service's logging, found by logback through {@code META-INF/services}: every message on one line
 * ({@link OneLineMessageConverter}), on stderr, so that the standard output of {@code --once} and {@code --plan}
 * carries only their JSON line; INFO, with the libraries that talk most at WARN. Set up in code rather than in a
 * {@code logback.xml}: parsing the XML was 0.12 s of every {@code --once} run's start-up. A configuration file named by
 * {@code -Dlogback.configurationFile}, or a {@code logback-test.xml} on the class path (the tests'), still wins.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_LOW_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {

    static final String PATTERN = "%d{yyyy-MM-dd'T'HH:mm:ss.SSSXXX} %-5level [%thread] %logger{36} - %msg%n";

    /** Libraries whose INFO lines say nothing an operator needs. */
    static final Map<String, Level> QUIETER = Map.of("org.flywaydb", Level.WARN, "com.zaxxer.hikari", Level.WARN,
            "io.zonky", Level.WARN);

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || LogSetup.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        configureService(context);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** Sets up the service's logging in {@code context}, whatever else is on the class path. */
    static void configureService(LoggerContext context) {
        PatternLayout layout = new PatternLayout();
        layout.setContext(context);
        layout.getInstanceConverterMap().put("msg", OneLineMessageConverter::new);
        layout.setPattern(PATTERN);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(stderr);
        QUIETER.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
