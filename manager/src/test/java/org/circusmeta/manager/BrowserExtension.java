package org.circusmeta.manager;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.LifecycleMethodExecutionExceptionHandler;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.logging.LogEntry;

/**
 * The run's shared {@link Browser}, for one test class, watching what it says: every test must leave
 * the browser's console free of errors (checked after each one, and the test fails naming them), and a
 * test that fails leaves a screenshot and the console log under {@code target/browser-failures/}.
 * Register it with {@code @RegisterExtension} in a static field, after the {@link ManagerExtension}.
 *
 * <p>Not thread-safe: JUnit's thread only.
 */
final class BrowserExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback,
        TestExecutionExceptionHandler, LifecycleMethodExecutionExceptionHandler {
    static final Path FAILURES = Path.of("target", "browser-failures");

    private Browser browser;
    private final List<LogEntry> log = new ArrayList<>();
    private final List<Pattern> allowed = new ArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        browser = Browser.shared(context);
        browser.takeLog();
    }

    /**
     * Leaves the page of this class's manager, which stops now: left open, it would go on reconnecting
     * and fill the next class's console with refused connections.
     */
    @Override
    public void afterAll(ExtensionContext context) {
        browser.driver().get("about:blank");
        browser.takeLog();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        log.clear();
        log.addAll(browser.takeLog());
    }

    org.openqa.selenium.chrome.ChromeDriver driver() {
        return browser.driver();
    }

    /** Runs a script in the page and gives its result. */
    Object script(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** Console errors matching {@code pattern} are expected in this test (a manager stopped on purpose). */
    void allowErrors(Pattern pattern) {
        allowed.add(pattern);
    }

    /** The console's errors so far in this test, but the allowed ones. */
    List<String> errors() {
        log.addAll(browser.takeLog());
        Predicate<String> expected = m -> allowed.stream().anyMatch(p -> p.matcher(m).find());
        return log.stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage).filter(expected.negate()).collect(Collectors.toList());
    }

    @Override
    public void afterEach(ExtensionContext context) {
        try {
            List<String> errors = errors();
            if (!errors.isEmpty() && context.getExecutionException().isEmpty()) {
                save(context);
                throw new AssertionError("the browser's console has errors:\n  " + String.join("\n  ", errors));
            }
        } finally {
            allowed.clear();
        }
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        save(context);
        throw throwable;
    }

    @Override
    public void handleBeforeAllMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        save(context);
        throw throwable;
    }

    @Override
    public void handleBeforeEachMethodExecutionException(ExtensionContext context, Throwable throwable) throws Throwable {
        save(context);
        throw throwable;
    }

    /** A screenshot of the page as it is, as a PNG at {@code file}. */
    void screenshot(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.write(file, browser.driver().getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void save(ExtensionContext context) {
        String name = context.getRequiredTestClass().getSimpleName() + context.getTestMethod().map(m -> "." + m.getName()).orElse("");
        try {
            screenshot(FAILURES.resolve(name + ".png"));
            log.addAll(browser.takeLog());
            List<String> lines = new ArrayList<>(List.of("page: " + browser.driver().getCurrentUrl(), "saved: " + Instant.now()));
            log.forEach(e -> lines.add(Instant.ofEpochMilli(e.getTimestamp()) + " " + e.getLevel() + " " + e.getMessage()));
            Files.write(FAILURES.resolve(name + ".log"), lines);
        } catch (RuntimeException | IOException e) {
            System.err.println("could not save what the browser showed for " + name + ": " + e);
        }
    }
}
