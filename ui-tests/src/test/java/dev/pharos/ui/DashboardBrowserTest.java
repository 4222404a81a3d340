package dev.pharos.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.Infrastructure;
import dev.pharos.devstack.PharosStack;
import dev.pharos.devstack.Ports;
import dev.pharos.devstack.ProjectRoot;
import dev.pharos.devstack.SharedDevstack;
import dev.pharos.devstack.SwitchableTarget;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person uses it, in headless Chromium, against the three services as separate processes and a
 * real HTTP site: sign in, create a monitor (first with mistakes the API refuses), watch it go DOWN and UP without
 * reloading, and publish it on a status page. Screenshots are kept in {@code target/screenshots/}.
 */
class DashboardBrowserTest {

    static final String ADMIN_KEY = "pharos-ui-admin-key-0123456789";
    private static final Duration CHECKS = Duration.ofSeconds(60);

    private static ChromeDriver driver;
    private static SwitchableTarget target;
    private static PharosStack pharos;
    private static String base;

    @BeforeAll
    static void start() {
        // The browser first: without Chromium this fails at once, before the stack is started.
        driver = Browser.start(Path.of("target", "chromium-profile-" + ProcessHandle.current().pid()));
        Infrastructure devstack = SharedDevstack.get();
        target = new SwitchableTarget();
        pharos = PharosStack.start(devstack, new PharosStack.Options(ProjectRoot.path(),
                Path.of("target", "ui-stack").toAbsolutePath(), Ports.free(), "127.0.0.1", Ports.free(), ADMIN_KEY,
                Map.of()));
        base = pharos.apiUrl();
    }

    @AfterAll
    static void stop() {
        if (driver != null) {
            driver.quit();
        }
        if (pharos != null) {
            pharos.close();
        }
        if (target != null) {
            target.close();
        }
    }

    /** A failed test leaves a screenshot and the page's HTML of where it was. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.TestWatcher ON_FAILURE = new org.junit.jupiter.api.extension.TestWatcher() {
        @Override
        public void testFailed(org.junit.jupiter.api.extension.ExtensionContext context, Throwable cause) {
            if (driver != null) {
                String name = "failed-" + context.getRequiredTestMethod().getName();
                Browser.screenshot(driver, name);
                try {
                    java.nio.file.Files.writeString(Browser.SCREENSHOTS.resolve(name + ".html"),
                            driver.getPageSource());
                } catch (java.io.IOException e) {
                    cause.addSuppressed(e);
                }
            }
        }
    };

    private static WebDriverWait waitUpTo(Duration duration) {
        return new WebDriverWait(driver, duration);
    }

    private static void signOut() {
        driver.get(base + "/");
        driver.executeScript("sessionStorage.clear()");
        driver.navigate().refresh();
    }

    @Test
    void signInCreateAMonitorWatchItFailAndRecoverLiveAndFindItOnTheStatusPage() {
        signOut();
        WebElement key = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.name("key")));
        key.sendKeys("pharos_000000000000_not-a-key", Keys.ENTER);
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#signin .alert"), "not valid"));
        key = driver.findElement(By.name("key"));
        key.clear();
        key.sendKeys(ADMIN_KEY, Keys.ENTER);
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.linkText("New monitor")))
                .click();

        // Mistakes are refused by the API, and its messages appear at the fields they name.
        WebElement form = waitUpTo(Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("monitor-form")));
        form.findElement(By.name("name")).sendKeys("Browser shop");
        form.findElement(By.name("url")).sendKeys("ftp://example.com/");
        WebElement interval = form.findElement(By.name("intervalSeconds"));
        interval.clear();
        interval.sendKeys("5");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("[name=url][aria-invalid=true]")));
        assertEquals("true", driver.findElement(By.name("intervalSeconds")).getAttribute("aria-invalid"));
        List<String> messages = driver.findElements(By.cssSelector(".field-error")).stream()
                .map(WebElement::getText).toList();
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("url:")), messages.toString());
        assertTrue(messages.stream().anyMatch(m -> m.startsWith("intervalSeconds:")), messages.toString());
        Browser.screenshot(driver, "01-monitor-form-refused");

        driver.findElement(By.name("url")).clear();
        driver.findElement(By.name("url")).sendKeys(target.url());
        driver.findElement(By.name("intervalSeconds")).clear();
        driver.findElement(By.name("intervalSeconds")).sendKeys("10");
        driver.findElement(By.cssSelector("#monitor-form button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.urlMatches("#/monitors/[0-9a-f-]{36}$"));
        String id = driver.getCurrentUrl().replaceAll(".*#/monitors/", "");

        // The overview, loaded once: what follows arrives as server-sent events, without a reload.
        driver.findElement(By.linkText("Monitors")).click();
        By status = By.cssSelector("tr[data-id='" + id + "'] .status");
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(status));
        driver.executeScript("window.sameDocument = true");
        waitUpTo(CHECKS).until(ExpectedConditions.textToBe(status, "UP"));
        target.answer(503);
        waitUpTo(CHECKS).until(ExpectedConditions.textToBe(status, "DOWN"));
        assertTrue(driver.findElement(By.cssSelector("tr[data-id='" + id + "'] .last")).getText().contains("503")
                || driver.findElement(By.cssSelector("tr[data-id='" + id + "'] .last")).getText().contains("ms"));
        Browser.screenshot(driver, "02-overview-down");
        target.answer(200);
        waitUpTo(CHECKS).until(ExpectedConditions.textToBe(status, "UP"));
        assertEquals(Boolean.TRUE, driver.executeScript("return window.sameDocument === true"),
                "the page was reloaded");
        assertEquals("Live", driver.findElement(By.id("live")).getText());
        Browser.screenshot(driver, "03-overview-up-again");

        // The detail page: chart, incidents and recent checks.
        driver.findElement(By.cssSelector("tr[data-id='" + id + "'] a")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("h1"), "Browser shop"));
        assertTrue(driver.findElement(By.cssSelector("svg.chart")).getAttribute("aria-label")
                .startsWith("Response time of the last"));
        Browser.screenshot(driver, "04-monitor-detail");

        // Published on a status page, anyone sees it there.
        driver.findElement(By.linkText("Status pages")).click();
        WebElement pageForm = waitUpTo(Duration.ofSeconds(10)).until(
                ExpectedConditions.visibilityOfElementLocated(By.id("page-form")));
        pageForm.findElement(By.name("title")).sendKeys("Browser shop status");
        pageForm.findElement(By.name("slug")).sendKeys("browser-shop");
        pageForm.findElement(By.name("enabled")).click();
        pageForm.findElement(By.cssSelector("input[name=monitorIds][value='" + id + "']")).click();
        pageForm.findElement(By.cssSelector("button[type=submit]")).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.linkText(
                "/status/browser-shop"))).click();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector(".monitor h2"), "Browser shop"));
        assertEquals("UP", driver.findElement(By.cssSelector(".monitor .status")).getText());
        assertEquals("All systems operational", driver.findElement(By.cssSelector(".overall")).getText());
        Browser.screenshot(driver, "05-status-page");
        driver.get(base + "/badge/" + id + ".svg");
        assertTrue(driver.getPageSource().contains("uptime 30d"), driver.getPageSource());
    }

    @Test
    void everyPageNamesItsControlsAndGraphicsMeetsContrastAndWorksByKeyboard() {
        var problems = new java.util.ArrayList<String>();
        signOut();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.elementToBeClickable(By.name("key")));
        problems.addAll(Accessibility.unnamed(driver).stream().map(p -> "sign-in: " + p).toList());

        // By keyboard alone: the key field has the focus; Enter signs in; Tab reaches "New monitor"; Enter opens
        // it; typing and Tab fill the form; Enter creates the monitor.
        driver.switchTo().activeElement().sendKeys(ADMIN_KEY, Keys.ENTER);
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("rows")));
        tabTo("New monitor", 40).sendKeys(Keys.ENTER);
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(By.id("monitor-form")));
        tabTo("", 5);
        assertEquals("name", driver.switchTo().activeElement().getAttribute("name"));
        driver.switchTo().activeElement().sendKeys("Keyboard shop", Keys.TAB);
        driver.switchTo().activeElement().sendKeys(target.url(), Keys.ENTER);
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.tagName("h1"), "Keyboard shop"));
        Browser.screenshot(driver, "06-created-by-keyboard");
        problems.addAll(Accessibility.unnamed(driver).stream().map(p -> "monitor detail: " + p).toList());

        for (String view : new String[] {"#/", "#/monitors/new", "#/channels", "#/incidents", "#/keys",
                "#/status-pages"}) {
            driver.executeScript("window.location.hash = arguments[0]", view);
            waitUpTo(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(driver.executeScript(
                    "return document.title.endsWith('· Pharos') && !!document.querySelector('main h1')")));
            problems.addAll(Accessibility.unnamed(driver).stream().map(p -> view + ": " + p).toList());
        }
        assertEquals(List.of(), problems);

        Accessibility.statusColours(driver).forEach((name, colours) -> {
            double ratio = Accessibility.contrast(colours.get(0), colours.get(1));
            // Text needs 4.5:1 (WCAG AA); the bars are graphics, which need 3:1.
            double needed = name.startsWith("bar ") ? 3.0 : 4.5;
            assertTrue(ratio >= needed, name + " " + colours + ": contrast " + ratio + " < " + needed);
        });
    }

    @Test
    void theWholeListIsThereByScrollingAndByTheFilterThoughOnlyTheRowsInViewAreDrawn() throws Exception {
        // An owner of its own with 1,000 paused monitors (never checked; the admin's overview lists them last).
        Map<?, ?> made = new org.openqa.selenium.json.Json().toType(apiCall("POST", "/api/v1/api-keys", ADMIN_KEY,
                "{\"name\": \"list\", \"ownerName\": \"Long list\"}"), Map.class);
        String key = (String) made.get("key");
        int count = 1_000;
        String monitors = java.util.stream.IntStream.rangeClosed(1, count).mapToObj(i -> String.format(
                "{\"name\": \"Shop %04d\", \"url\": \"https://shop-%d.example.com/\", \"paused\": true}", i, i))
                .collect(java.util.stream.Collectors.joining(",", "{\"monitors\": [", "]}"));
        apiCall("POST", "/api/v1/monitors/import", key, monitors);

        driver.get(base + "/");
        driver.executeScript("sessionStorage.setItem('pharos.key', arguments[0])", key);
        driver.navigate().refresh();
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.textToBePresentInElementLocated(
                By.id("summary"), count + " monitors"));
        assertEquals(String.valueOf(count + 1), driver.findElement(By.cssSelector("table.overview"))
                .getAttribute("aria-rowcount"));
        int drawn = driver.findElements(By.cssSelector("#rows tr[data-id]")).size();
        assertTrue(drawn > 10 && drawn < count / 4, drawn + " rows drawn of " + count);
        assertEquals("Shop 0001", driver.findElement(By.cssSelector("#rows tr[data-id] a")).getText());

        // Scrolled to the end, the last monitor is drawn, in its place in the list.
        driver.executeScript("window.scrollTo(0, document.documentElement.scrollHeight)");
        By last = By.xpath("//tbody[@id='rows']/tr[.//a[text()='Shop 1000']]");
        WebElement lastRow = waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.visibilityOfElementLocated(last));
        assertEquals(String.valueOf(count + 1), lastRow.getAttribute("aria-rowindex"));
        Browser.screenshot(driver, "07-overview-scrolled-to-the-end");

        // The filter searches every monitor, not only those drawn.
        driver.executeScript("window.scrollTo(0, 0)");
        driver.findElement(By.id("filter")).sendKeys("shop 0500");
        waitUpTo(Duration.ofSeconds(10)).until(ExpectedConditions.numberOfElementsToBe(
                By.cssSelector("#rows tr[data-id]"), 1));
        assertEquals("Shop 0500", driver.findElement(By.cssSelector("#rows tr[data-id] a")).getText());
        assertTrue(driver.findElement(By.id("summary")).getText().endsWith("1 match the filter"),
                driver.findElement(By.id("summary")).getText());
        Browser.screenshot(driver, "08-overview-filtered");
    }

    /** Calls the admin API with the key; returns the answer's body, which must be a success. */
    private static String apiCall(String method, String path, String key, String json) throws Exception {
        var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(base + path)).header("Authorization", "Bearer " + key)
                .header("Content-Type", "application/json")
                .method(method, java.net.http.HttpRequest.BodyPublishers.ofString(json)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertTrue(response.statusCode() / 100 == 2, method + " " + path + ": " + response.statusCode() + " "
                + response.body());
        return response.body();
    }

    /** Presses Tab until the focused element's text starts with {@code text}; fails after {@code most} presses. */
    private static WebElement tabTo(String text, int most) {
        for (int i = 0; i < most; i++) {
            WebElement focused = driver.switchTo().activeElement();
            focused.sendKeys(Keys.TAB);
            focused = driver.switchTo().activeElement();
            if (focused.getText().strip().startsWith(text) && !"main".equals(focused.getTagName())
                    && !"body".equals(focused.getTagName())) {
                return focused;
            }
        }
        throw new AssertionError("\"" + text + "\" not reached in " + most + " presses of Tab");
    }
}
