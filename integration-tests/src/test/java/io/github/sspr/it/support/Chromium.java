package io.github.sspr.it.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
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
 * Debian's Chromium driven by Debian's chromedriver, for the journeys a person walks. Each {@link #shot(String)}
 * keeps a numbered PNG under {@code target/it-artifacts/screenshots/<test>/}.
 */
public final class Chromium implements AutoCloseable {

    private static final Path BINARY = Path.of(System.getProperty("sspr.chromium", "/usr/bin/chromium"));
    private static final Path DRIVER = Path.of(System.getProperty("sspr.chromedriver", "/usr/bin/chromedriver"));

    private final ChromeDriver driver;
    private final Path shots;
    private final Path profile;
    private final AtomicInteger counter = new AtomicInteger();

    private Chromium(ChromeDriver driver, Path shots, Path profile) {
        this.driver = driver;
        this.shots = shots;
        this.profile = profile;
    }

    /** Whether this machine has Debian's chromium and chromedriver (run-tests.sh installs them). */
    public static boolean available() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    /**
     * Skips the calling test on a machine without Chromium, but fails it under CI ({@code CI=true}), where
     * run-tests.sh has installed it: a journey test must never pass by not running.
     */
    public static void requireOrSkip() {
        if (available()) {
            return;
        }
        String message = "Debian chromium and chromium-driver are not installed (" + BINARY + ", " + DRIVER + ")";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError(message);
        }
        org.junit.jupiter.api.Assumptions.abort(message);
    }

    public static Chromium start(String testName) {
        try {
            Path profile = Files.createTempDirectory("sspr-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(BINARY.toFile());
            // The flags keep a sandboxed, offline CI machine quiet: no GPU, no background calls home.
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-dev-shm-usage",
                    "--disable-quic",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--window-size=1280,900",
                    "--lang=en-US",
                    "--user-data-dir=" + profile);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(DRIVER.toFile())
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            return new Chromium(driver, Artifacts.screenshots(testName), profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebDriver driver() {
        return driver;
    }

    /** Emulates a phone's screen: a {@code width} x {@code height} CSS-pixel viewport, as a mobile browser lays out. */
    public Chromium viewport(int width, int height) {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                java.util.Map.of("width", width, "height", height, "deviceScaleFactor", 2, "mobile", true));
        return this;
    }

    /**
     * What on the page does not fit a {@code width}-pixel screen: the page scrolling sideways, a visible element reaching
     * past either edge, or text cut off inside its box (overflow hidden or clipped). Empty when everything fits.
     */
    @SuppressWarnings("unchecked")
    public java.util.List<String> overflow(int width) {
        return (java.util.List<String>) driver.executeScript("""
                const width = arguments[0];
                const found = [];
                const page = document.documentElement.scrollWidth;
                if (page > width) found.push('page scrollWidth ' + page);
                const describe = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
                    + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
                for (const el of document.body.querySelectorAll('*')) {
                  const style = getComputedStyle(el);
                  if (style.display === 'none' || style.visibility === 'hidden') continue;
                  if (['INPUT', 'SELECT', 'OPTION', 'TEXTAREA', 'SCRIPT', 'STYLE'].includes(el.tagName)) continue;
                  const box = el.getBoundingClientRect();
                  // Not laid out, or screen-reader-only text (a clipped 1 px box): nothing a person sees.
                  if (box.width <= 2 || box.height <= 2) continue;
                  if (box.right > width + 0.5 || box.left < -0.5) {
                    found.push(describe(el) + ' spans ' + Math.round(box.left) + '..' + Math.round(box.right));
                  }
                  const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
                  if (clips && el.scrollWidth > el.clientWidth + 1 && el.children.length === 0) {
                    found.push(describe(el) + ' cut: ' + el.scrollWidth + ' > ' + el.clientWidth);
                  }
                }
                return found;
                """, width);
    }

    public void open(String url) {
        driver.get(url);
    }

    /** Waits (bounded) until an element is visible: the page has rendered, not a fixed sleep. */
    public WebElement waitFor(By by) {
        return new WebDriverWait(driver, Duration.ofSeconds(15))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    public Path shot(String step) {
        Path target = shots.resolve(String.format("%02d-%s.png", counter.incrementAndGet(), step));
        try {
            Path png = driver.getScreenshotAs(OutputType.FILE).toPath();
            Files.move(png, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs a journey; on any failure keeps a screenshot of the page the browser was on. */
    public void walk(Runnable journey) {
        try {
            journey.run();
        } catch (RuntimeException | AssertionError e) {
            try {
                shot("failure");
            } catch (RuntimeException ignored) {
                // The original failure matters more than a missing picture.
            }
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path dir) {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temp profile is harmless; the OS cleans /tmp.
        }
    }
}
