package io.sheetsync.dashboard;

import io.sheetsync.support.Browser;
import io.sheetsync.support.RunningService;
import io.sheetsync.support.TestService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's Settings panel in a real browser, as an admin: the settings in force with their source, a refused
 * value explained next to its field, a change saved (the next scheduled sync moving with it) and listed among the
 * latest changes, then reset to its start-up value. The schedule is on, weekly, so a new interval shows.
 */
class DashboardSettingsBrowserTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(() -> Map.of("SYNC_SCHEDULE_ENABLED", "true",
            "SYNC_INTERVAL_MINUTES", "10080"));

    private WebDriver browser;

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_admin_changes_the_interval_sees_a_refusal_explained_and_resets_it() throws Exception {
        browser = Browser.open(1280, 1400);
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        browser.get("http://127.0.0.1:" + SYNC.service().port() + "/");
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(TestService.ADMIN);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("settings-panel")));
        WebElement interval = browser.findElement(By.id("setting-syncIntervalMinutes"));
        wait.until(driver -> interval.getAttribute("value").equals("10080"));
        wait.until(driver -> !driver.findElement(By.id("next-run")).getText().equals("–"));
        String weeklyNextRun = browser.findElement(By.id("next-run")).getText();

        assertThat(browser.findElement(By.id("settings-role")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("sync-now")).isEnabled()).isTrue();
        assertThat(source("syncIntervalMinutes")).isEqualTo("start-up");
        assertThat(browser.findElements(By.cssSelector("#settings-table tbody tr"))).extracting(WebElement::getText)
                .anyMatch(row -> row.startsWith("retryConfig.maxRetries 3 start-up"))
                .anyMatch(row -> row.startsWith("consecutiveFailureThreshold 3 start-up"));
        assertThat(browser.findElement(By.id("config-history")).getText()).contains("No setting has been changed");

        interval.clear();
        interval.sendKeys("0");
        browser.findElement(By.cssSelector("#settings-form button[type=submit]")).click();
        WebElement intervalError = browser.findElement(By.id("setting-error-syncIntervalMinutes"));
        wait.until(driver -> !intervalError.getText().isEmpty());
        assertThat(intervalError.getText()).contains("syncIntervalMinutes");
        assertThat(browser.findElement(By.id("setting-error-consecutiveFailureThreshold")).getText()).isEmpty();
        assertThat(SYNC.database().query("SELECT count(*) FROM sync_config_history")).containsExactly("0");
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-settings-refused.png"));

        interval.clear();
        interval.sendKeys("15");
        browser.findElement(By.cssSelector("#settings-form button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-history"),
                "syncIntervalMinutes: 10080 → 15"));
        assertThat(browser.findElement(By.id("config-history")).getText()).contains("admin").doesNotContain(
                "consecutiveFailureThreshold");
        assertThat(intervalError.getText()).isEmpty();
        wait.until(driver -> source("syncIntervalMinutes").equals("changed through the API"));
        wait.until(driver -> !driver.findElement(By.id("next-run")).getText().equals(weeklyNextRun));
        assertThat(SYNC.database().query("SELECT setting || ' ' || new_value::text FROM sync_config_history"))
                .containsExactly("syncIntervalMinutes 15");
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-settings.png"));

        browser.findElement(By.cssSelector("#settings-table tr[data-setting=syncIntervalMinutes] button.reset"))
                .click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("config-history"),
                "syncIntervalMinutes: 15 → 10080"));
        wait.until(driver -> source("syncIntervalMinutes").equals("start-up"));
        assertThat(interval.getAttribute("value")).isEqualTo("10080");
        assertThat(browser.findElements(By.cssSelector("#settings-table button.reset"))).isEmpty();
    }

    private String source(String setting) {
        return browser.findElement(By.cssSelector("#settings-form [data-setting=" + setting + "] .source")).getText();
    }
}
