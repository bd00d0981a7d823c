package io.sheetsync.dashboard;

import io.sheetsync.support.Browser;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A person's visit to the dashboard, in a real browser: sign in, read the status, sync now, acknowledge an alert. */
class DashboardBrowserTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    private WebDriver browser;

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
    void the_page_fits_a_phone_and_a_wrong_token_is_refused() throws Exception {
        browser = Browser.phone(390, 844);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));

        browser.get("http://127.0.0.1:" + SYNC.service().port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys("wrong");
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("login-error"), "not accepted"));

        browser.findElement(By.id("token")).clear();
        browser.findElement(By.id("token")).sendKeys(TestService.VIEWER);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        Object scrollWidth = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript("return document.documentElement.scrollWidth;");

        Object viewport = ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("return window.innerWidth;");
        assertThat(((Number) viewport).intValue()).isEqualTo(390);
        assertThat(((Number) scrollWidth).intValue()).isLessThanOrEqualTo(390);
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-phone.png"));
    }
}
