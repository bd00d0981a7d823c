package io.sheetsync.dashboard;

import io.sheetsync.support.Browser;
import io.sheetsync.support.RowBlocker;
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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard's "Preview next sync" panel in a real browser: an operator previews a sheet that lost a column (the
 * guard in red, a blanking highlighted, old → new per field, a cell's markup shown as text), previews the repaired
 * sheet and runs it with the panel's Sync now, and is told when a preview meets a running sync; on a phone the
 * changes stack into cards and a list cut at 1000 says so; a viewer is offered no Preview, and sees the plan an
 * operator computed in the page.
 */
class DashboardPlanBrowserTest {

    @RegisterExtension
    static final RunningService SYNC = new RunningService(Map::of);

    static final String RED = "rgba(179, 38, 30, 1)";

    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeEach
    void syncedSheet() throws Exception {
        SYNC.database().execute("DELETE FROM sellers; DELETE FROM sync_audit_logs; DELETE FROM sync_alerts");
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone", "AA1,One,2024-01-01,03-1111",
                "AA2,Two,2024-01-02,03-2222", "AA3,Three,2024-01-03,03-3333"));
        assertThat(SYNC.service().syncNow().status()).isEqualTo("completed");
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void an_operator_previews_sees_the_guard_and_the_blanking_then_syncs_from_the_panel() throws Exception {
        SYNC.service().sheet(List.of("seller_number,name,inquiry_date", "AA1,One,2024-01-01",
                "AA2,<b>Two</b> renamed,2024-01-02", "AA3,Three,2024-01-03", "AA4,Four,2024-01-04"));
        browser = Browser.open(1280, 1200);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        signIn(TestService.OPERATOR);
        assertThat(browser.findElement(By.id("plan-role")).isDisplayed()).isFalse();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-result"), "press Preview"));

        preview("The next sync would write 4 sellers, but a guard would stop it first.");

        assertThat(count("create")).isEqualTo("1 to create");
        assertThat(count("update")).isEqualTo("3 to update");
        assertThat(count("unchanged")).isEqualTo("0 unchanged");
        assertThat(count("orphans")).isEqualTo("0 only in the database");
        WebElement guard = browser.findElement(By.cssSelector("#plan-guards li[data-guard=vanished_column]"));
        assertThat(guard.getText()).startsWith("vanished_column: ").contains("phone (column 'phone') is gone");
        assertThat(guard.getCssValue("color")).isEqualTo(RED);
        WebElement renamed = browser.findElement(By.cssSelector("#plan-changes tr[data-seller=AA2]"));
        assertThat(renamed.findElement(By.cssSelector("td.operation")).getText()).isEqualTo("update");
        assertThat(renamed.findElement(By.cssSelector("td.row")).getText()).isEqualTo("3");
        assertThat(renamed.findElement(By.cssSelector("td.fields")).getText())
                .contains("name: Two → <b>Two</b> renamed");
        assertThat(browser.findElements(By.cssSelector("#plan-changes b"))).as("a cell's markup, as text").isEmpty();
        WebElement blanked = renamed.findElement(By.cssSelector("li.blanking"));
        assertThat(blanked.getText()).startsWith("phone: 03-2222 → (empty)").endsWith("BLANKED");
        assertThat(blanked.getCssValue("color")).isEqualTo(RED);
        assertThat(browser.findElement(By.cssSelector("#plan-changes tr[data-seller=AA1] li.blanking")).getText())
                .startsWith("phone: 03-1111 → (empty)");
        assertThat(browser.findElement(By.cssSelector("#plan-changes tr[data-seller=AA4] td.fields")).getText())
                .contains("name: Four").doesNotContain("→");
        assertThat(browser.findElements(By.id("plan-truncated"))).isEmpty();
        assertThat(browser.findElements(By.id("plan-sync"))).as("no Sync now while a guard would stop it").isEmpty();
        ((JavascriptExecutor) browser).executeScript("document.getElementById('plan').scrollIntoView();");
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-plan.png"));

        SYNC.service().sheet(List.of("seller_number,name,inquiry_date,phone", "AA1,One,2024-01-01,03-1111",
                "AA2,Two renamed,2024-01-02,", "AA3,Three,2024-01-03,03-3333", "AA4,Four,2024-01-04,03-4444"));
        preview("The next sync would write 2 sellers.");
        assertThat(browser.findElements(By.id("plan-guards"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("#plan-changes tr[data-seller=AA2] li.blanking")).getText())
                .startsWith("phone: 03-2222 → (empty)");

        try (RowBlocker blocker = RowBlocker.insert(SYNC.database(), "AA4")) {
            browser.findElement(By.id("plan-sync")).click();
            blocker.awaitWaiter();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-sync-message"), "started"));
            assertThat(browser.findElement(By.id("plan-sync")).isEnabled()).as("Sync now, once per preview").isFalse();

            browser.findElement(By.id("plan-preview")).click();
            wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-message"),
                    "A sync is running now, so nothing was previewed"));
            assertThat(browser.findElement(By.id("plan-message")).getCssValue("color")).isEqualTo(RED);
            assertThat(browser.findElement(By.id("plan-summary")).getText()).as("the last plan stays on show")
                    .isEqualTo("The next sync would write 2 sellers.");
            blocker.rollback();
        }
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("progress-text"), "Sync completed"));
        assertThat(browser.findElement(By.id("progress-text")).getText()).contains("1 created", "1 updated");
        assertThat(SYNC.database().query("SELECT seller_number || ' ' || name || ' ' || coalesce(phone, '-')"
                + " FROM sellers ORDER BY 1")).containsExactly("AA1 One 03-1111", "AA2 Two renamed -",
                "AA3 Three 03-3333", "AA4 Four 03-4444");

        preview("In step: the next sync would write nothing.");
        assertThat(browser.findElements(By.id("plan-changes"))).isEmpty();
        assertThat(browser.findElements(By.id("plan-sync"))).as("nothing to sync").isEmpty();
    }

    @Test
    void a_viewer_is_offered_no_preview_on_a_phone_the_changes_stack_and_the_viewer_sees_the_last_plan()
            throws Exception {
        List<String> rows = new ArrayList<>(List.of("seller_number,name,inquiry_date,phone",
                "AA1,One,2024-01-01,03-1111", "AA2,Two with a name far too long for one line of a phone screen,"
                        + "2024-01-02,", "AA3,Three,2024-01-03,03-3333"));
        for (int i = 1; i <= 1000; i++) {
            rows.add("AA" + (1000 + i) + ",New " + i + ",2024-02-01,");
        }
        SYNC.service().sheet(rows);
        browser = Browser.phone(375, 812);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        signIn(TestService.VIEWER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-result"),
                "No preview has been computed in this page yet."));
        assertThat(browser.findElement(By.id("plan-preview")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("plan-role")).getText()).contains("needs an operator or admin token",
                "a viewer's");
        signOut();

        signIn(TestService.OPERATOR);
        preview("The next sync would write 1001 sellers.");

        assertThat(count("create")).isEqualTo("1000 to create");
        assertThat(browser.findElement(By.id("plan-truncated")).getText())
                .isEqualTo("Only the first 1000 changes are listed; the counts above are complete.");
        assertThat(browser.findElements(By.cssSelector("#plan-changes tbody tr"))).hasSize(1000);
        WebElement card = browser.findElement(By.cssSelector("#plan-changes tr[data-seller=AA2]"));
        assertThat(card.getCssValue("display")).isEqualTo("grid");
        assertThat(card.findElement(By.cssSelector("td[data-label=Operation]")).getText()).isEqualTo("update");
        assertThat(card.findElement(By.cssSelector("td.fields li.blanking")).getText())
                .startsWith("phone: 03-2222 → (empty)");
        JavascriptExecutor script = (JavascriptExecutor) browser;
        assertThat(((Number) script.executeScript("return document.documentElement.scrollWidth;")).intValue())
                .isLessThanOrEqualTo(375);
        assertThat(((Number) script.executeScript("const box = document.querySelector('#plan-changes')"
                + ".closest('.table-wrap'); return box.scrollWidth - box.clientWidth;")).intValue()).isNotPositive();
        signOut();

        signIn(TestService.VIEWER);
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-role")));
        assertThat(browser.findElement(By.id("plan-preview")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("plan-summary")).getText()).as("the plan computed in this page")
                .isEqualTo("The next sync would write 1001 sellers.");
        assertThat(browser.findElements(By.id("plan-sync"))).as("a viewer's panel offers no Sync now").isEmpty();
        script.executeScript("document.getElementById('plan-summary').scrollIntoView();");
        Browser.screenshot(browser, Path.of("target", "screenshots", "dashboard-plan-phone-viewer.png"));
    }

    private void signIn(String token) {
        if (browser.findElements(By.id("login")).isEmpty()) { // not on the dashboard yet
            browser.get("http://127.0.0.1:" + SYNC.service().port() + "/");
        }
        WebElement field = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
        field.clear();
        field.sendKeys(token);
        browser.findElement(By.cssSelector("#login-form button")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
    }

    private void signOut() {
        browser.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token")));
    }

    /** Presses Preview and waits for the plan that says this. */
    private void preview(String summary) {
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-preview"))).click();
        wait.until(ExpectedConditions.textToBe(By.id("plan-summary"), summary));
    }

    private String count(String key) {
        return browser.findElement(By.cssSelector("#plan-counts li[data-count=" + key + "]")).getText();
    }
}
