package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.grpc.Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The packaged server as a person sees it in a browser, one server start for all of it: the
 * console behind its sign-in form; a question answered from the knowledge folder with its cited
 * source; a document uploaded with its progress followed to 100 %; a process with a human step
 * started, its task claimed and completed through the form and its completed path shown on the
 * diagram; a process generated from an intent, approved, deployed and run to its end (its service
 * steps answered over gRPC by {@link GeneratedStepsEndpoint}); the PDE and log panels; and Camunda's
 * Cockpit showing ProcOS's processes. Every panel is checked for errors in the browser's console.
 *
 * <p>With {@code -Dprocos.ui.screenshots=<dir>} the panels are photographed into that directory
 * (the docs keep theirs in {@code docs/ui}); otherwise into {@code target/browser/screens}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT {

    private static final int ENDPOINT_PORT = Integer.getInteger("procos.it.browser.endpoint.port", 50384);
    private static final Path SCREENS = Path.of(System.getProperty("procos.ui.screenshots", "target/browser/screens"));
    /** Long enough for a generated process's steps: the server learns the endpoint's task types on its next describe. */
    private static final Duration RUN_WAIT = Duration.ofSeconds(90);
    private static final String FACT_FILE = "lighthouse.md";
    private static final String FACT = """
            # Brannock lighthouse

            The Brannock lighthouse stands on Gull Rock. Its lamp flashes green every seven seconds, \
            and its keeper, Ilse Marwood, climbs 212 steps to light it at dusk.
            """;
    private static final String UPLOADED = """
            # Tollbridge market

            The Tollbridge market sells smoked eels every Thursday from six in the morning.
            """;
    private static final String USER_TASK_PROCESS = "expense_review_browser";
    private static final String GENERATED_PROCESS = "browser_stock_check";
    private static final String GENERATED_INTENT =
            "When an order arrives, check stock; if items are available, ship them, otherwise notify the customer.";

    private ProcosServer server;
    private Browser browser;
    private Server endpointServer;
    private final GeneratedStepsEndpoint endpoint = new GeneratedStepsEndpoint();
    private Path work;

    @RegisterExtension
    final Browser.Evidence evidence = new Browser.Evidence(() -> browser);

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("procos-browser-it");
        Path knowledge = Files.createDirectories(work.resolve("knowledge"));
        Files.writeString(knowledge.resolve(FACT_FILE), FACT);
        Path pdeConfig = GeneratedStepsEndpoint.pdeConfig(work.resolve("pde-manager.yaml"), ENDPOINT_PORT);
        endpointServer = endpoint.listen(ENDPOINT_PORT);
        server = new ProcosServer(work.resolve("out"))
                .with("PROCOS_KNOWLEDGE_DIR", knowledge.toString())
                .with("PROCOS_KNOWLEDGE_DATA_DIR", work.resolve("knowledge-base").toString())
                .with("PROCOS_PDE_CONFIG", pdeConfig.toString());
        server.start();
        assertThat(server.awaitBooted(Duration.ofMinutes(4)).status()).isEqualTo(200);
        browser = new Browser(ProcosServer.HTTP_PORT);
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.close();
        }
        if (server != null) {
            server.close();
        }
        if (endpointServer != null) {
            endpointServer.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
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
    void signingInThroughTheFormOpensTheConsoleWithTheUserAndKernelInItsHeader() {
        browser.signIn("admin", ProcosServer.ADMIN_PASSWORD);

        browser.waiting().until(driver -> driver.getTitle().contains("ProcOS"));
        assertThat(browser.driver().getCurrentUrl()).contains("/procos/").doesNotContain("signin");
        waitForText("#me-user", "admin");
        waitForText("#me-roles", "admin");
        waitForText("#kernel-phase", "MONITORING");
        waitForText("#kernel-health", "UP");
        assertThat(browser.all("a[data-route=ask][aria-current=page]")).hasSize(1);
        assertNoConsoleErrors("sign-in and header");
    }

    @Test
    @Order(3)
    void aQuestionIsAnsweredFromThePreloadedFolderAndItsSourceOpensInPlace() throws Exception {
        awaitIndexed(FACT_FILE);
        route("ask");
        WebElement question = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("ask-question")));
        question.sendKeys("How often does the lamp of the Brannock lighthouse flash?");
        browser.driver().findElement(By.id("ask-submit")).click();

        waitForText("#ask-answer-text", "seven seconds");
        WebElement source = browser.waiting().until(driver -> first("#ask-sources .source"));
        assertThat(source.getText()).contains(FACT_FILE);
        assertThat(source.getAttribute("open")).as("a source starts closed").isNull();
        source.findElement(By.tagName("summary")).click();
        browser.waiting().until(driver -> source.getAttribute("open") != null);
        WebElement snippet = source.findElement(By.cssSelector(".snippet"));
        assertThat(snippet.isDisplayed()).isTrue();
        assertThat(snippet.getText()).contains("seven seconds");
        source.findElement(By.tagName("summary")).click();
        browser.waiting().until(driver -> source.getAttribute("open") == null);
        browser.driver().findElement(By.cssSelector("#ask-answer-text .cite")).click();
        browser.waiting().withMessage("[1] in the answer opens source 1").until(driver -> source.getAttribute("open") != null);
        assertThat(text("#ask-meta")).contains("extractive");
        screenshot("ask");
        assertNoConsoleErrors("Ask");
    }

    @Test
    @Order(4)
    void anUploadedDocumentShowsItsProgressToTheEndAndJoinsTheSources() throws Exception {
        Path document = Files.writeString(work.resolve("tollbridge.md"), UPLOADED);
        route("knowledge");
        WebElement file = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("upload-file")));
        file.sendKeys(document.toAbsolutePath().toString());
        browser.driver().findElement(By.id("upload-submit")).click();

        browser.waiting().until(driver -> "100".equals(attribute("#progress-bar", "aria-valuenow")));
        waitForText("#job-status", "done");
        awaitRow(".source-row", "uploads/tollbridge.md", "indexed");
        assertThat(server.get("/procos/api/knowledge/sources?limit=200").body().path("items").toString()).contains("uploads/tollbridge.md");
        screenshot("knowledge");
        assertNoConsoleErrors("Knowledge");
    }

    @Test
    @Order(5)
    void aProcessWithAHumanStepIsStartedWorkedInTasksAndEndsWithItsPathHighlighted() throws Exception {
        deploy("expense_review.bpmn");
        route("processes");
        awaitRow(".definition-row", "root_peo", "Root orchestrator");
        screenshot("processes");
        WebElement key = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("definitions-key")));
        key.sendKeys(USER_TASK_PROCESS);
        browser.driver().findElement(By.id("definitions-filter")).click();
        awaitRow(".definition-row", USER_TASK_PROCESS, "Expense review");
        // Only the filtered key stays listed, even when the unfiltered first load answers last.
        browser.waiting().withMessage(() -> "only " + USER_TASK_PROCESS + " listed; rows: " + texts(".definition-row"))
                .until(driver -> texts(".definition-row").size() == 1 && texts(".definition-row").get(0).contains(USER_TASK_PROCESS));
        assertNoConsoleErrors("Processes");
        clickIn(".definition-row", USER_TASK_PROCESS, ".definition-link");

        awaitDiagram("#definition-diagram", "review");
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("start-business-key"))).sendKeys("EXP-7");
        browser.driver().findElement(By.id("start-submit")).click();
        WebElement started = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("start-instance-link")));
        String instanceId = started.getText().strip();
        assertNoConsoleErrors("Process definition");

        route("tasks");
        clickIn(".task", instanceId, ".task-claim");
        browser.waiting().until(driver -> first("#task-form") != null);
        WebElement approved = browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("task-field-approved")));
        assertThat(approved.getAttribute("type")).isEqualTo("checkbox");
        approved.click();
        browser.driver().findElement(By.id("task-field-comment")).sendKeys("receipt attached");
        screenshot("tasks");
        browser.driver().findElement(By.id("task-complete")).click();
        waitForText("#notice", "completed");
        browser.waiting().withMessage("the completed task leaves the list")
                .until(driver -> rowText(".task", instanceId).isEmpty() && first("#task-form") == null);
        assertNoConsoleErrors("Tasks");

        route("instances?definition_key=" + USER_TASK_PROCESS);
        awaitRow(".instance-row", instanceId, "EXP-7");
        screenshot("instances");
        clickIn(".instance-row", instanceId, ".instance-link");
        waitForText("#instance-state", "completed");
        awaitMarked("#instance-diagram", "highlight-completed", "submitted", "review", "decision", "paid");
        awaitMarked("#instance-diagram", "highlight-completed-flow", "to_review", "to_decision", "to_paid");
        assertThat(marked("#instance-diagram", "highlight-completed")).doesNotContain("returned");
        assertThat(marked("#instance-diagram", "highlight-completed-flow")).doesNotContain("to_returned");
        assertThat(marked("#instance-diagram", "highlight-active")).isEmpty();
        assertThat(text("#instance-variables")).contains("approved", "true", "comment", "receipt attached");
        screenshot("instance", "#instance-diagram");
        assertNoConsoleErrors("Instances");
    }

    @Test
    @Order(6)
    void aProcessGeneratedFromAnIntentIsShownApprovedDeployedAndRunToItsEnd() throws Exception {
        route("generate");
        WebElement intent = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("generate-intent")));
        intent.sendKeys(GENERATED_INTENT);
        browser.driver().findElement(By.id("generate-key")).sendKeys(GENERATED_PROCESS);
        browser.driver().findElement(By.id("generate-submit")).click();
        browser.waiting().until(ExpectedConditions.urlMatches("#/generate/[^/]+$"));
        String generationId = browser.driver().getCurrentUrl().replaceAll(".*#/generate/", "");

        WebElement approve = browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("generate-approve")));
        JsonNode draft = server.get("/procos/api/generations/" + generationId).body();
        Set<String> serviceSteps = serviceTasks(draft.path("xml").asText());
        assertThat(serviceSteps).as("the intent's three service steps").hasSize(3);
        awaitDiagram("#generate-diagram", serviceSteps.toArray(String[]::new));
        assertThat(text("#generate-diagram")).contains("Check stock", "Ship items", "Notify customer");
        browser.driver().findElement(By.cssSelector("#generate-xml-details summary")).click();
        waitForText("#generate-xml", "id=\"" + GENERATED_PROCESS + "\"");
        screenshot("generate");
        browser.driver().findElement(By.id("generate-comment")).sendKeys("stock rules agreed");
        approve.click();

        waitForText("#generate-deployment", GENERATED_PROCESS + " version 1");
        waitForText("#generate-decided", "stock rules agreed");
        assertNoConsoleErrors("Generate");
        endpoint.serve(topics(draft.path("xml").asText()));
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("generate-definition-link"))).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("start-submit"))).click();
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("start-instance-link"))).click();

        new WebDriverWait(browser.driver(), RUN_WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> text("#instance-state").contains("completed"));
        // Every path of this process passes the stock check, whichever branch the answer took.
        awaitMarked("#instance-diagram", "highlight-completed", stepNamed(draft.path("xml").asText(), "Check stock"));
        assertThat(endpoint.invocations.get()).as("service steps answered over gRPC").isPositive();
        assertNoConsoleErrors("generated instance");
    }

    @Test
    @Order(7)
    void thePdePanelShowsTheRemoteEndpointAndItsPools() throws IOException {
        route("pdes");
        awaitRow(".endpoint-row", "generated-steps", "UP");
        // Scores read as the routing learned them: a rounded score, the attempts and the (decayed, so fractional) successes.
        awaitRow(".endpoint-row", "generated-steps", "orders.check_stock");
        assertThat(rowText(".endpoint-row", "generated-steps"))
                .containsPattern("orders\\.check_stock: [01]\\.\\d{2} \\(\\d+ attempts?, \\d+\\.\\d weighted successes\\)");
        assertThat(text("#pde-pools")).contains("general_purpose");
        // The generated process's steps ran on the endpoint, so the sampled routing scores have a line for it.
        browser.waiting().until(driver -> !browser.all("#routing-chart svg[role=img]").isEmpty());
        screenshot("pdes");
        assertNoConsoleErrors("PDEs");
    }

    @Test
    @Order(8)
    void theLogPanelFollowsTheServersStructuredLogFilteredAndPaused() throws IOException {
        route("logs");
        browser.waiting().withMessage("log lines").until(driver -> browser.all("#log-lines .log-line").size() > 0);
        waitForText("#logs-state", "Following the log live");
        screenshot("logs");

        // The kernel logs a snapshot of the engine every 2 s (PROCOS_MONITOR_INTERVAL), so kernel lines keep coming.
        browser.driver().findElement(By.id("logs-component")).sendKeys("kernel");
        browser.driver().findElement(By.id("logs-apply")).click();
        browser.waiting().withMessage(() -> "only kernel lines; components shown: " + texts("#log-lines .log-component"))
                .until(driver -> {
                    List<String> components = texts("#log-lines .log-component");
                    return !components.isEmpty() && components.stream().allMatch(c -> c.equals("kernel") || c.startsWith("kernel."));
                });
        WebElement pause = browser.driver().findElement(By.id("logs-pause"));
        pause.click();
        assertThat(pause.getAttribute("aria-pressed")).isEqualTo("true");
        int shownWhenPaused = browser.all("#log-lines .log-line").size();
        waitForText("#logs-state", "new line(s) held");
        assertThat(browser.all("#log-lines .log-line")).as("no line is added while paused").hasSize(shownWhenPaused);
        pause.click();
        assertThat(pause.getAttribute("aria-pressed")).isEqualTo("false");
        browser.waiting().withMessage("the held lines shown after resuming")
                .until(driver -> browser.all("#log-lines .log-line").size() > shownWhenPaused);
        assertThat(texts("#log-lines .log-component")).allMatch(c -> c.equals("kernel") || c.startsWith("kernel."));
        assertNoConsoleErrors("Logs");
    }

    @Test
    @Order(9)
    void cockpitOpensWithoutASecondSignInAndShowsTheProcessesProcosDeployed() throws Exception {
        String rootName = server.get("/procos/engine-rest/process-definition/key/root_peo").body().path("name").asText("root_peo");
        browser.open("/camunda/app/cockpit/default/#/processes");

        browser.waiting().until(driver -> driver.findElement(By.tagName("body")).getText().contains(rootName));
        assertThat(browser.driver().getCurrentUrl()).contains("/camunda/app/cockpit/");
        assertThat(browser.all("input[ng-model='username']")).as("Camunda's own sign-in form").isEmpty();
        // Camunda's own pages log 404s of their own (the welcome app the overlay leaves out); the console's
        // checks are about the console, so they start after these.
        browser.consoleErrors();
    }

    @Test
    @Order(10)
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
        browser.consoleErrors();
    }

    @Test
    @Order(11)
    void signingOutEndsTheSessionAndTheConsoleAsksToSignInAgain() {
        route("ask");
        browser.waiting().until(ExpectedConditions.elementToBeClickable(By.id("signout"))).click();

        browser.waiting().until(ExpectedConditions.urlContains("/procos/signin"));
        // The session is gone. The browser may show its cached copy of the console; that page's API calls
        // are answered 401 without a Basic challenge (which would open Chromium's password prompt over it),
        // so the console itself goes to the sign-in form.
        browser.open("/procos/#/instances");
        browser.waiting().until(ExpectedConditions.urlContains("/procos/signin"));
        assertThat(browser.all("form input#username")).hasSize(1);
        assertThat(browser.consoleErrors()).as("after sign-out, only the cached console's API calls are refused, nothing else fails")
                .allSatisfy(error -> assertThat(error).contains("/procos/api/").contains("401"));
    }

    // --- the browser ---

    /** Opens a console route ({@code #/name…}) and waits until its panel has a heading. */
    private void route(String route) {
        browser.open("/procos/#/" + route);
        browser.waiting().until(driver -> first("#view h1") != null);
    }

    private WebElement first(String css) {
        List<WebElement> found = browser.all(css);
        return found.isEmpty() ? null : found.get(0);
    }

    /** The element's text now, or "" when it is not there (yet) or was just re-rendered. */
    private String text(String css) {
        try {
            WebElement element = first(css);
            return element == null ? "" : element.getText();
        } catch (StaleElementReferenceException rerendered) {
            return "";
        }
    }

    private String attribute(String css, String name) {
        try {
            WebElement element = first(css);
            return element == null ? null : element.getAttribute(name);
        } catch (StaleElementReferenceException rerendered) {
            return null;
        }
    }

    private void waitForText(String css, String expected) {
        browser.waiting().withMessage(() -> css + " to contain \"" + expected + "\"; it shows \"" + text(css) + "\"")
                .until(driver -> text(css).contains(expected));
    }

    /** Waits until a row of the (live) table that mentions the text shows the expected text. */
    private void awaitRow(String rowCss, String mentioning, String expected) {
        browser.waiting().withMessage(() -> "a " + rowCss + " row naming " + mentioning + " with \"" + expected + "\"; it shows \""
                + rowText(rowCss, mentioning) + "\"").until(driver -> rowText(rowCss, mentioning).contains(expected));
    }

    /** The text of the first row matching the selector that mentions the given text ("" if none yet). */
    private String rowText(String rowCss, String mentioning) {
        try {
            for (WebElement row : browser.all(rowCss)) {
                String text = row.getText();
                if (text.contains(mentioning) || mentioning.equals(row.getAttribute("data-id"))
                        || !row.findElements(By.cssSelector("a[href*='" + mentioning + "']")).isEmpty()) {
                    return text;
                }
            }
        } catch (StaleElementReferenceException rerendered) {
            // the live table was replaced while being read: the next poll reads the new one
        }
        return "";
    }

    /** Clicks the control inside the row that mentions the text, waiting for both (live lists re-render under us). */
    private void clickIn(String rowCss, String mentioning, String controlCss) {
        browser.waiting().withMessage(() -> "a " + rowCss + " row naming " + mentioning + " with " + controlCss).until(driver -> {
            try {
                for (WebElement row : browser.all(rowCss)) {
                    boolean matches = row.getText().contains(mentioning)
                            || !row.findElements(By.cssSelector("a[href*='" + mentioning + "']")).isEmpty();
                    List<WebElement> controls = row.findElements(By.cssSelector(controlCss));
                    if (matches && !controls.isEmpty() && controls.get(0).isEnabled()) {
                        controls.get(0).click();
                        return true;
                    }
                }
            } catch (StaleElementReferenceException rerendered) {
                // try again on the new rows
            }
            return false;
        });
    }

    /** Waits until bpmn-js has drawn the diagram in the container with the given elements. */
    private void awaitDiagram(String container, String... elementIds) {
        browser.waiting().withMessage(() -> "a diagram in " + container + " with " + List.of(elementIds)).until(driver -> {
            for (String id : elementIds) {
                if (browser.all(container + " svg .djs-element[data-element-id='" + id + "']").isEmpty()) {
                    return false;
                }
            }
            return true;
        });
    }

    /** The ids of the diagram's elements carrying the marker class the console adds. */
    private Set<String> marked(String container, String marker) {
        return browser.all(container + " svg .djs-element." + marker).stream()
                .map(element -> element.getAttribute("data-element-id")).collect(Collectors.toCollection(TreeSet::new));
    }

    private void awaitMarked(String container, String marker, String... elementIds) {
        browser.waiting().ignoring(StaleElementReferenceException.class)
                .withMessage(() -> marker + " on " + List.of(elementIds) + " in " + container + "; marked: " + marked(container, marker))
                .until(driver -> marked(container, marker).containsAll(List.of(elementIds)));
    }

    /**
     * The console must not log errors. The one error the browser logs by design: the console asks
     * for knowledge snapshots and shows "coming" while the API answers 404.
     */
    private void assertNoConsoleErrors(String panel) {
        List<String> errors = browser.consoleErrors().stream()
                .filter(message -> !(message.contains("/procos/api/knowledge/snapshots") && message.contains("404")))
                .toList();
        assertThat(errors).as("errors in the browser console on %s", panel).isEmpty();
    }

    /** The texts of the elements matching the selector now (a live list may be re-rendered while read). */
    private List<String> texts(String css) {
        try {
            return browser.all(css).stream().map(WebElement::getText).toList();
        } catch (StaleElementReferenceException rerendered) {
            return List.of();
        }
    }

    /** A screenshot with the element scrolled to the middle of the window. */
    private void screenshot(String name, String showing) throws IOException {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].scrollIntoView({block: 'center'})", browser.driver().findElement(By.cssSelector(showing)));
        screenshot(name);
    }

    /** A PNG of what the browser shows, under {@code procos.ui.screenshots} (docs/ui in the repo). */
    private void screenshot(String name) throws IOException {
        browser.screenshot(SCREENS.resolve(name + ".png"));
    }

    // --- the server ---

    /** Waits until the boot preload has indexed the knowledge folder's file. */
    private void awaitIndexed(String name) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "";
        while (System.nanoTime() < deadline) {
            for (JsonNode source : server.get("/procos/api/knowledge/sources?limit=200").body().path("items")) {
                last = source.toString();
                if (source.path("name").asText().equals(name) && source.path("status").asText().equals("indexed")) {
                    return;
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError(name + " was not preloaded; last source seen " + last);
    }

    /** Deploys a test model through Camunda's REST API, as a modeller's deploy button does. */
    private void deploy(String resource) throws Exception {
        String bpmn;
        try (InputStream in = ConsoleBrowserIT.class.getResourceAsStream("/browser/" + resource)) {
            bpmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        HttpResponse<String> deployed = server.deploy(resource, bpmn);
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
    }

    private static Set<String> serviceTasks(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getModelElementsByType(ServiceTask.class).stream().map(ServiceTask::getId).collect(Collectors.toCollection(TreeSet::new));
    }

    private static String stepNamed(String xml, String name) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getModelElementsByType(ServiceTask.class).stream().filter(task -> name.equals(task.getName())).findFirst()
                .map(ServiceTask::getId).orElseThrow(() -> new AssertionError("no step " + name + " in " + xml));
    }

    private static Set<String> topics(String xml) {
        return Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)))
                .getModelElementsByType(ServiceTask.class).stream().map(ServiceTask::getCamundaTopic).collect(Collectors.toCollection(TreeSet::new));
    }
}
