package io.sheetsync.app;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class OneLineMessageConverterTest {

    @Test
    void line_breaks_and_other_controls_are_escaped_and_tabs_and_text_kept() {
        assertThat(OneLineMessageConverter.escape("AA1\r\nERROR forged\u2028x\u0085y\u001b[31m\tz 売主 🌸"))
                .isEqualTo("AA1\\r\\nERROR forged\\u2028x\\u0085y\\u001b[31m\tz 売主 🌸");
        assertThat(OneLineMessageConverter.escape("plain")).isEqualTo("plain");
        assertThat(OneLineMessageConverter.escape(null)).isNull();
    }

    @Test
    void the_services_logging_writes_a_message_with_line_breaks_as_one_line_on_stderr() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            // the console appender takes System.err when it starts
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            LogSetup.configureService(context);
            context.getLogger("io.sheetsync.sync.SheetParse").warn("skipped row 3: seller_number '{}'",
                    "AA2\r\n2026-11-28T10:00:00.000+09:00 ERROR [main] io.sheetsync - run failed");
        } finally {
            context.stop();
            System.setErr(stderr);
        }

        String log = captured.toString(StandardCharsets.UTF_8);
        assertThat(log.lines()).hasSize(1);
        assertThat(log).contains(" WARN ", "seller_number 'AA2\\r\\n2026-11-28T10:00:00.000+09:00 ERROR [main]");
    }

    @Test
    void a_logback_configuration_of_the_operators_or_the_tests_wins_over_the_services() {
        LoggerContext context = new LoggerContext();
        LogSetup setup = new LogSetup();
        setup.setContext(context);
        // the tests' logback-test.xml is on the class path
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.INVOKE_NEXT_IF_ANY);
        assertThat(context.getLogger("ROOT").iteratorForAppenders().hasNext()).isFalse();
    }
}
