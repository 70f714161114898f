package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The packaged server as a person sees it in a browser: the console behind its sign-in form, and
 * Camunda's Cockpit behind the same sign-in, showing ProcOS's processes. One server start for all of them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private ProcosServer server;
    private Browser browser;

    @RegisterExtension
    final Browser.Evidence evidence = new Browser.Evidence(() -> browser);

    @BeforeAll
    void start() throws Exception {
        Path work = Files.createTempDirectory("procos-browser-it");
        server = new ProcosServer(work.resolve("out"));
        server.start();
        assertThat(server.awaitBooted(Duration.ofMinutes(4)).status()).isEqualTo(200);
        browser = new Browser(ProcosServer.HTTP_PORT);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        server.close();
    }

    @Test
    @Order(1)
    void aPageWithoutASessionShowsTheSignInForm() {
        browser.open("/procos/");

        browser.waiting().until(ExpectedConditions.urlContains("/procos/signin"));
        assertThat(browser.all("form input#username")).hasSize(1);
    }

    @Test
    @Order(2)
    void signingInThroughTheFormOpensTheConsole() {
        browser.signIn("admin", ProcosServer.ADMIN_PASSWORD);

        browser.waiting().until(driver -> driver.getTitle().contains("ProcOS"));
        assertThat(browser.driver().getCurrentUrl()).contains("/procos/").doesNotContain("signin");
        // The console is written beside these tests: where its header names the signed-in user, it must be admin.
        List<WebElement> user = browser.all("header [data-user], header .user, header #user");
        if (!user.isEmpty()) {
            browser.waiting().until(driver -> user.get(0).getText().contains("admin"));
        }
    }

    @Test
    @Order(3)
    void cockpitOpensWithoutASecondSignInAndShowsTheProcessesProcosDeployed() throws Exception {
        String rootName = server.get("/procos/engine-rest/process-definition/key/root_peo").body().path("name").asText("root_peo");
        browser.open("/camunda/app/cockpit/default/#/processes");

        browser.waiting().until(driver -> driver.findElement(By.tagName("body")).getText().contains(rootName));
        assertThat(browser.driver().getCurrentUrl()).contains("/camunda/app/cockpit/");
        assertThat(browser.all("input[ng-model='username']")).as("Camunda's own sign-in form").isEmpty();
    }

    @Test
    @Order(4)
    void aBrowserWithoutASessionSignsInOnceOnTheProcosFormAndLandsInCockpit() throws Exception {
        String rootName = server.get("/procos/engine-rest/process-definition/key/root_peo").body().path("name").asText("root_peo");
        browser.driver().manage().deleteAllCookies();
        browser.open("/camunda/app/cockpit/default/");

        browser.waiting().until(ExpectedConditions.urlContains("/procos/signin"));
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys("admin");
        browser.driver().findElement(By.id("password")).sendKeys(ProcosServer.ADMIN_PASSWORD);
        browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

        browser.waiting().until(ExpectedConditions.urlContains("/camunda/app/cockpit/default/"));
        browser.open("/camunda/app/cockpit/default/#/processes");
        browser.waiting().until(driver -> driver.findElement(By.tagName("body")).getText().contains(rootName));
        assertThat(browser.all("input[ng-model='username']")).as("Camunda's own sign-in form").isEmpty();
    }
}
