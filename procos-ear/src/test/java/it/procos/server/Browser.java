package it.procos.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through {@code chromedriver}, pointed at the packaged server's
 * HTTP port, with a fixed window so pages lay out the same on every machine. Waits are explicit
 * (a condition, a bound); on a failed test {@link Evidence} keeps a screenshot and the browser's
 * console under {@code target/browser/}.
 */
final class Browser implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(30);
    private static final String CHROMIUM = System.getProperty("procos.it.chromium", "/usr/bin/chromium");
    private static final String CHROMEDRIVER = System.getProperty("procos.it.chromedriver", "/usr/bin/chromedriver");

    private final ChromeDriver driver;
    private final String base;

    Browser(int httpPort) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1366,900", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(CHROMEDRIVER).toFile()).build();
        driver = new ChromeDriver(service, options);
        base = "http://localhost:" + httpPort;
    }

    /** Opens a path on the server ({@code /procos/…}). */
    void open(String path) {
        driver.get(base + path);
    }

    WebDriver driver() {
        return driver;
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, WAIT);
    }

    /** Signs in through the console's form and waits until the browser has left it. */
    void signIn(String user, String password) {
        open("/procos/signin");
        WebElement name = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username")));
        name.sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form button[type=submit]")).click();
        waiting().until(ExpectedConditions.not(ExpectedConditions.urlContains("/signin")));
    }

    String title() {
        return driver.getTitle();
    }

    /** The elements matching a selector now (empty when there are none). */
    List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Saves what the browser shows (the window, 1366×900) as a PNG file. */
    void screenshot(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * The browser console's entries at SEVERE (errors, failed loads) logged since the last time the
     * console was read (reading empties the browser's buffer).
     */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** Saves a screenshot and the browser console log as {@code <dir>/<name>.png} and {@code .log}. */
    void saveEvidence(Path dir, String name) throws IOException {
        screenshot(dir.resolve(name + ".png"));
        String console = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::toString).collect(Collectors.joining("\n"));
        Files.writeString(dir.resolve(name + ".log"), "url: " + driver.getCurrentUrl() + "\ntitle: " + driver.getTitle() + "\n\n"
                + console + "\n", StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.quit();
    }

    /**
     * Register with {@code @RegisterExtension}: when a test fails, saves what the browser shows and
     * its console to {@code target/browser/<TestClass>.<test>.png|.log}.
     */
    static final class Evidence implements TestWatcher {
        private static final Path DIR = Path.of(System.getProperty("procos.it.browser.evidence", "target/browser"));
        private final Supplier<Browser> browser;

        Evidence(Supplier<Browser> browser) {
            this.browser = browser;
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            Browser current = browser.get();
            if (current == null) {
                return;
            }
            String name = context.getRequiredTestClass().getSimpleName() + "." + context.getRequiredTestMethod().getName();
            try {
                current.saveEvidence(DIR, name);
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    }
}
