package dev.pharos.ui;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium driven through its ChromeDriver. Missing browser or driver is a failure, not a skip:
 * {@code .ci/run} installs both, and a test run without them has not tested the UI.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("pharos.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("pharos.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private Browser() {
    }

    static ChromeDriver start(Path profile) {
        for (Path required : new Path[] {CHROMIUM, CHROMEDRIVER}) {
            if (!Files.isExecutable(required)) {
                throw new AssertionError(required + " is missing: the browser tests need Debian's chromium and "
                        + "chromium-driver (apt-get install -y --no-install-recommends chromium chromium-driver; "
                        + ".ci/run installs them)");
            }
        }
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // No network beyond loopback here: keep Chromium from calling home at all.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + profile.toAbsolutePath());
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withLogFile(new File("target/chromedriver.log")).build();
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }

    /** Keeps a screenshot as a test artifact in {@code target/screenshots/<name>.png}. */
    static Path screenshot(ChromeDriver driver, String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
