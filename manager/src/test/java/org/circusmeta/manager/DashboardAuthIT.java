package org.circusmeta.manager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dropwizard.testing.ConfigOverride;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.circusmeta.client.ManagerClient;
import org.circusmeta.client.WatcherAction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard of a manager with {@code auth.tokens}: the page asks for a token, asks again for a
 * wrong one, and with a right one lives as without tokens (its streams carry the token too).
 */
@Timeout(90)
class DashboardAuthIT {
    private static final String TOKEN = "page-token-1";
    private static final String READ_TOKEN = "page-reader-1";

    @RegisterExtension
    static final ManagerExtension MANAGER = ManagerExtension.withConfig(
            ConfigOverride.config("auth.tokens[0].name", "page-admin"), ConfigOverride.config("auth.tokens[0].token", TOKEN),
            ConfigOverride.config("auth.tokens[0].role", "admin"),
            ConfigOverride.config("auth.tokens[1].name", "page-reader"),
            ConfigOverride.config("auth.tokens[1].token", READ_TOKEN), ConfigOverride.config("auth.tokens[1].role", "read"));

    @RegisterExtension
    static final BrowserExtension BROWSER = new BrowserExtension();

    private final ChromeDriver page = BROWSER.driver();
    private final ManagerClient api = MANAGER.api().withToken(Optional.of(TOKEN));

    @BeforeAll
    static void oneNode() {
        MANAGER.realNodes("auth").start("guarded-01", "[watcher:sleeper]\ncmd = sleep\nargs = 600\nnumprocesses = 1\n");
        ManagerClient api = MANAGER.api().withToken(Optional.of(TOKEN));
        within(Duration.ofSeconds(60)).until(() -> ManagerExtension.stateOf(api, "guarded-01").equals("attached"));
    }

    @Test
    void asksForATokenAgainForAWrongOneAndLivesWithTheRightOne() {
        // Each call the page makes before it has a token is refused with a 401, and the browser says so.
        BROWSER.allowErrors(Pattern.compile("status of 401"));
        page.get(url("/"));
        BROWSER.script("sessionStorage.clear();");
        page.get("about:blank");
        page.get(url("/"));
        within(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("token-dialog")).isDisplayed());
        assertThat(page.findElements(By.cssSelector("#node-rows .row[data-node='guarded-01']:not([hidden])"))).isEmpty();

        enter("not-the-token");
        within(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("token-dialog")).isDisplayed()
                && page.findElement(By.cssSelector("#token-form .dialog-error")).getText().contains("auth.tokens"));

        enter(TOKEN);
        within(Duration.ofSeconds(10)).until(() -> !page.findElement(By.id("token-dialog")).isDisplayed()
                && !page.findElements(By.cssSelector("#node-rows .row[data-node='guarded-01']:not([hidden])")).isEmpty()
                && page.findElement(By.id("connection")).getText().equals("live"));

        // The streams carry the token: a change on the node reaches the page live.
        int before = api.node("guarded-01").load().processes();
        api.act("sleeper", WatcherAction.INCR, Optional.of("guarded-01"), OptionalInt.empty());
        String after = String.valueOf(before + 1);
        within(Duration.ofSeconds(10)).until(() -> page.findElement(By.cssSelector(
                "#node-rows .row[data-node='guarded-01'] .processes")).getText().equals(after));
    }

    @Test
    void aReadTokenSeesTheClusterWithEveryActionDisabledAndTheApiRefusesThem() throws Exception {
        BROWSER.allowErrors(Pattern.compile("status of 401"));
        page.get(url("/"));
        BROWSER.script("sessionStorage.clear();");
        page.get("about:blank");
        page.get(url("/#/node/guarded-01"));
        within(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("token-dialog")).isDisplayed());
        enter(READ_TOKEN);
        within(Duration.ofSeconds(10)).until(() -> page.findElement(By.id("connection")).getText().equals("live")
                && page.findElement(By.id("session")).getText().equals("page-reader (read)")
                && !page.findElements(By.cssSelector("#node-watchers tr[data-watcher=sleeper]")).isEmpty());
        within(Duration.ofSeconds(5)).until(() -> List.of("#cordon", "#drain", "#rename", "#add-here", "#add-watcher",
                "#node-watchers tr[data-watcher=sleeper] button[data-action=incr]",
                "#node-watchers tr[data-watcher=sleeper] button[data-action=rm]").stream()
                .allMatch(css -> !page.findElement(By.cssSelector(css)).isEnabled()));
        assertThat(page.findElement(By.id("cordon")).getAttribute("title")).isEqualTo(
                "needs a token of the admin role; this one is read");

        HttpResponse<String> refused = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url("/api/watchers/sleeper/incr?node=guarded-01")))
                .header("Authorization", "Bearer " + READ_TOKEN).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.body()).contains("operate");
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + MANAGER.app().getLocalPort() + path;
    }

    private void enter(String token) {
        WebElement input = page.findElement(By.cssSelector("#token-form input[name=token]"));
        input.clear();
        input.sendKeys(token);
        page.findElement(By.id("token-submit")).click();
    }

    private static ConditionFactory within(Duration limit) {
        return await().atMost(limit).pollInterval(Duration.ofMillis(50)).ignoreExceptions();
    }
}
