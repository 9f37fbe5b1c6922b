package dev.ordo.browser;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Chromium from Debian's packages ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver},
 * installed by scripts/test.sh), driven by Selenium. Both paths are given explicitly, so Selenium
 * Manager is never asked to find or download a browser or a driver (surefire also sets
 * {@code SE_OFFLINE=true}). Every browser gets a fresh profile directory, deleted on {@link #close()}.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("ordo.test.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("ordo.test.chromedriver", "/usr/bin/chromedriver");
    /** Generous: other builds share this machine's two cores. */
    static final Duration UI_TIMEOUT = Duration.ofSeconds(45);
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final String baseUrl;

    Browser(int port, int width, int height) {
        this.baseUrl = "http://localhost:" + port;
        try {
            this.profile = Files.createTempDirectory("ordo-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER)).usingAnyFreePort().build();
        this.driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(90));
    }

    WebDriver driver() {
        return driver;
    }

    void open(String path) {
        driver.get(baseUrl + path);
    }

    /**
     * Waits for the condition; on a timeout saves what the browser showed then (screenshot and page source,
     * {@code target/screenshots/timeout-<n>.*}) so a failure in CI can be read afterwards.
     */
    <T> T await(String what, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, UI_TIMEOUT).withMessage(what).until(condition);
        } catch (org.openqa.selenium.TimeoutException e) {
            String name = "timeout-" + System.currentTimeMillis();
            try {
                screenshot(name);
                Files.writeString(SCREENSHOTS.resolve(name + ".html"), driver.getPageSource());
                e.addSuppressed(new IllegalStateException("the page then: target/screenshots/" + name + ".{png,html}"));
            } catch (RuntimeException | IOException notSaved) {
                e.addSuppressed(notSaved);
            }
            throw e;
        }
    }

    WebElement visible(By by) {
        return await("visible: " + by, ExpectedConditions.visibilityOfElementLocated(by));
    }

    WebElement clickable(By by) {
        return await("clickable: " + by, ExpectedConditions.elementToBeClickable(by));
    }

    /** Logs in to one of Camunda's webapps (Cockpit, Tasklist) with its own login form. */
    void camundaLogin(String app, String user, String password) {
        open("/camunda/app/" + app + "/");
        visible(By.cssSelector("input[ng-model='username']")).sendKeys(user);
        driver.findElement(By.cssSelector("input[ng-model='password']")).sendKeys(password);
        driver.findElement(By.cssSelector("button[type='submit']")).click();
        // logged in: the header shows the user's menu instead of the form
        visible(By.cssSelector("[cam-widget-header] .account"));
    }

    /** Saves what the browser shows now as {@code target/screenshots/<name>.png} and returns the file. */
    Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp directory left behind is harmless
            }
        }
    }
}
