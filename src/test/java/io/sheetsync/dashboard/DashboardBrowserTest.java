package io.sheetsync.dashboard;

import io.sheetsync.support.Browser;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person's visit to the dashboard, in a real browser: sign in, read the status and why, sync now, acknowledge an
 * alert; a viewer is offered neither; the page fits a phone. The settings panel: DashboardSettingsBrowserTest.
 */
class DashboardBrowserTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private WebDriver browser;

    @BeforeEach
    void emptyTables() {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_operator_signs_in_acknowledges_an_alert_syncs_now_and_watches_it_finish() throws Exception {
        TestService service = SYNC.service();
        service.sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,,2024-01-02"));
        service.syncNow(); // leaves a data_integrity alert (row 3 has no name)
        service.sheet(List.of("seller_number,name,inquiry_date,property_type", "AA1,One,2024-01-01,土地",
                "AA2,Two,2024-01-02,", "AA12679,山田 太郎,2024-01-03,戸建て"));
        browser = Browser.open(1280, 1000);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get("http://127.0.0.1:" + service.port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(TestService.OPERATOR);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        wait.until(driver -> !driver.findElement(By.id("status-word")).getText().equals("…"));
        assertThat(browser.findElement(By.id("status-word")).getText()).isEqualToIgnoringCase("degraded");
        assertThat(browser.findElements(By.cssSelector("#alerts li.open"))).hasSize(1);
        assertThat(browser.findElement(By.id("status-reason")).getText()).startsWith("1 open alert, the newest");
        assertThat(browser.findElement(By.id("settings-role")).getText()).contains("admin token only",
                "an operator's");
        assertThat(browser.findElement(By.id("settings-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("sync-role")).isDisplayed()).isFalse();

        browser.findElement(By.cssSelector("#alerts li.open button.ack")).click();
        wait.until(driver -> driver.findElements(By.cssSelector("#alerts li.open")).isEmpty());
        assertThat(SYNC.database().query("SELECT acknowledged_by FROM sync_alerts")).containsExactly("operator");

        browser.findElement(By.id("sync-now")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Sync completed"));
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("2 created", "1 updated");
        assertThat(SYNC.database().query("SELECT seller_number FROM sellers ORDER BY 1"))
                .containsExactly("AA1", "AA12679", "AA2");

        wait.until(ExpectedConditions.textToBe(By.id("status-word"), "HEALTHY"));

        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0);");
        Path shot = Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard.png"));
        assertThat(Files.size(shot)).isPositive();

        browser.findElement(By.id("seller-number")).sendKeys("ａａ１２６７９");
        browser.findElement(By.cssSelector("#seller-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("seller-history"), "create · success"));
        assertThat(browser.findElement(By.id("seller-history")).getText()).contains("AA12679: 1 run(s)");

        browser.findElement(By.cssSelector("#runs tbody tr:first-child button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-detail"), "Verification:"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-detail"), "need an admin token"));

        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-run-and-seller.png"));
    }

    @Test
    void a_viewer_sees_why_sync_is_failing_by_category_and_is_offered_no_operator_action() throws Exception {
        TestService service = SYNC.service();
        service.sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01"));
        service.syncNow();
        service.sheet(List.of("seller_number,name,inquiry_date"));
        service.syncNow();
        service.syncNow(); // two failed runs in a row: the sheet has no valid rows
        String lastError = SYNC.database().query("SELECT error_message FROM sync_audit_logs"
                + " ORDER BY start_time DESC LIMIT 1").get(0);
        browser = Browser.open(1280, 1000);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        signIn(wait, TestService.VIEWER);
        wait.until(driver -> !driver.findElement(By.id("status-word")).getText().equals("…"));

        assertThat(browser.findElement(By.id("status-word")).getText()).isEqualToIgnoringCase("failing");
        // a viewer learns the category of the error, never its text (that is for admins)
        assertThat(browser.findElement(By.id("status-reason")).getText())
                .startsWith("the last 2 runs failed: validation error").doesNotContain(lastError.substring(0, 20));
        browser.findElements(By.cssSelector("#runs tbody tr")).stream()
                .filter(row -> row.getText().contains("failed")).findFirst().orElseThrow()
                .findElement(By.tagName("button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#run-detail .error-kind")));
        assertThat(browser.findElement(By.cssSelector("#run-detail .error-kind")).getText()).isEqualTo("validation");
        assertThat(browser.findElement(By.id("run-detail")).getText()).doesNotContain(lastError.substring(0, 20));
        WebElement syncNow = browser.findElement(By.id("sync-now"));
        assertThat(syncNow.isEnabled()).isFalse();
        assertThat(syncNow.getAttribute("title")).contains("operator");
        assertThat(browser.findElement(By.id("sync-role")).getText()).contains("needs an operator or admin token");
        assertThat(browser.findElements(By.cssSelector("#alerts li.open"))).isNotEmpty();
        assertThat(browser.findElements(By.cssSelector("#alerts button.ack"))).isEmpty();
        assertThat(browser.findElement(By.id("ack-role")).getText()).contains("needs an operator or admin token");
        assertThat(browser.findElement(By.id("settings-panel")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("settings-role")).getText()).contains("admin token only", "a viewer's");
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-viewer-failing.png"));
    }

    @Test
    void the_page_and_its_runs_table_fit_a_phone_and_a_wrong_token_is_refused() throws Exception {
        TestService service = SYNC.service();
        service.sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01", "AA2,,2024-01-02"));
        service.syncNow();
        service.syncNow();
        browser = Browser.phone(375, 812);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get("http://127.0.0.1:" + SYNC.service().port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("wrong");
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not accepted"));
        assertThat(browser.findElement(By.id("app")).isDisplayed()).isFalse();

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(TestService.VIEWER);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        wait.until(driver -> driver.findElements(By.cssSelector("#runs tbody tr")).size() == 2);

        JavascriptExecutor script = (JavascriptExecutor) browser;
        assertThat(((Number) script.executeScript("return window.innerWidth;")).intValue()).isEqualTo(375);
        assertThat(((Number) script.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(375);
        // the runs table needs no sideways scrolling in its own box either: a phone stacks each run into a card
        assertThat(((Number) script.executeScript("const box = document.querySelector('#runs').closest('.table-wrap');"
                + " return box.scrollWidth - box.clientWidth;")).intValue()).isNotPositive();
        WebElement newest = browser.findElement(By.cssSelector("#runs tbody tr:first-child"));
        assertThat(newest.getCssValue("display")).isEqualTo("grid");
        assertThat(newest.findElement(By.cssSelector("td[data-label='Status']")).getText()).isEqualTo("completed");
        assertThat(newest.findElement(By.cssSelector("td[data-label='Failed rows']")).getText()).isEqualTo("1");
        assertThat(boxesPastTheEdge(script, 375)).isEmpty();

        browser.findElement(By.cssSelector("#runs tbody tr:first-child button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("run-detail"), "Verification:"));
        assertThat(((Number) script.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(375);
        assertThat(boxesPastTheEdge(script, 375)).isEmpty();
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-phone.png"));
    }

    /** Every element of the page whose box ends right of the screen's edge, named for the failure message. */
    private static List<?> boxesPastTheEdge(JavascriptExecutor script, int width) {
        return (List<?>) script.executeScript("return Array.from(document.querySelectorAll('body *'))"
                + ".filter(e => e.getBoundingClientRect().right > arguments[0] + 0.5)"
                + ".map(e => e.tagName + '#' + e.id + '.' + e.className);", width);
    }

    private void signIn(WebDriverWait wait, String token) {
        browser.get("http://127.0.0.1:" + SYNC.service().port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }
}
