package io.zonecast.systemtests;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, driven by its chromedriver through Selenium: a fresh profile in a
 * temporary directory, no network but loopback, no update or sync traffic. Screenshots go to {@code
 * target/console-screenshots}.
 */
final class ConsoleBrowser implements AutoCloseable {

  static final Duration PATIENCE = Duration.ofSeconds(60);
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  private static final String CHROMIUM = "/usr/bin/chromium";
  private static final String CHROMEDRIVER = "/usr/bin/chromedriver";

  final ChromeDriver driver;
  private final String base;
  private final Path profile;
  private final ChromeDriverService service;

  private ConsoleBrowser(
      ChromeDriver driver, ChromeDriverService service, String base, Path profile) {
    this.driver = driver;
    this.service = service;
    this.base = base;
    this.profile = profile;
  }

  /** A browser for the server on 127.0.0.1:{@code port} (central's API port, or a test's own). */
  static ConsoleBrowser start(int apiPort) throws IOException {
    for (String program : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(Path.of(program))) {
        throw new IllegalStateException(
            program
                + " is missing: bin/zonecast test installs it (apt-get install chromium"
                + " chromium-driver)");
      }
    }
    Path profile = Files.createTempDirectory("zonecast-chromium-");
    Path downloads = Files.createDirectories(profile.resolve("downloads"));
    ChromeOptions options = new ChromeOptions();
    options.setExperimentalOption(
        "prefs",
        java.util.Map.of(
            "download.default_directory",
            downloads.toString(),
            "download.prompt_for_download",
            false));
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-default-apps",
        "--disable-extensions",
        "--no-first-run",
        "--no-default-browser-check",
        "--user-data-dir=" + profile,
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(new Dimension(1280, 1000));
    return new ConsoleBrowser(driver, service, "http://127.0.0.1:" + apiPort, profile);
  }

  /** Where the browser saves what is downloaded. */
  Path downloads() {
    return profile.resolve("downloads");
  }

  void open(String fragment) {
    driver.get(base + "/console/" + fragment);
  }

  /** Any page of the server the browser was started for, by its path. */
  void openPath(String path) {
    driver.get(base + path);
  }

  /** The noauth project selector: acts for {@code project}, with the admin role or not. */
  void useProject(String project, boolean admin) {
    open("");
    WebElement input = element("#project-id");
    input.clear();
    input.sendKeys(project);
    WebElement adminBox = element("#project-admin");
    if (adminBox.isSelected() != admin) {
      adminBox.click();
    }
    element("#project-form button[type=submit]").click();
    awaitText("#current-project", project);
  }

  /** Waits until the element is there and visible. */
  WebElement element(String css) {
    return await("element " + css + " on " + driver.getCurrentUrl())
        .atMost(PATIENCE)
        .ignoreExceptions()
        .until(() -> driver.findElement(By.cssSelector(css)), e -> e.isDisplayed());
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /** Waits until the element's text contains {@code text}; returns its whole text. */
  String awaitText(String css, String text) {
    return await("text '" + text + "' in " + css + " on " + driver.getCurrentUrl())
        .atMost(PATIENCE)
        // one rule for both: a second ignore call would replace the first
        .ignoreExceptionsMatching(e ->
            e instanceof StaleElementReferenceException
                || e instanceof org.openqa.selenium.NoSuchElementException)
        .until(() -> driver.findElement(By.cssSelector(css)).getText(), t -> t.contains(text));
  }

  void fill(String css, String value) {
    WebElement input = element(css);
    input.clear();
    input.sendKeys(value);
  }

  /**
   * Clicks the element; one the console re-rendered between finding and clicking is found again.
   */
  void click(String css) {
    await("click on " + css + " on " + driver.getCurrentUrl())
        .atMost(PATIENCE)
        .ignoreException(StaleElementReferenceException.class)
        .until(() -> {
          element(css).click();
          return true;
        });
  }

  Object script(String script, Object... arguments) {
    return driver.executeScript(script, arguments);
  }

  /** Saves what the browser shows as {@code target/console-screenshots/name.png}. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path file = SCREENSHOTS.resolve(name + ".png");
      // the whole page from its top, not the part scrolled to
      script("window.scrollTo(0, 0);");
      long height = ((Number) script("return document.documentElement.scrollHeight;")).longValue();
      driver
          .manage()
          .window()
          .setSize(new Dimension(1280, (int) Math.min(Math.max(height, 700), 4000)));
      try {
        Files.copy(
            driver.getScreenshotAs(OutputType.FILE).toPath(),
            file,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        driver.manage().window().setSize(new Dimension(1280, 1000));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary profile left behind is harmless
      }
    }
  }
}
