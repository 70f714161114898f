package it.procos.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The packaged server attacked over HTTP as a stranger on the network would: no credentials, wrong
 * ones, a user without the right, a model that carries code, oversized and malformed bodies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EXPLOIT_MARKER = "procos-exploit-" + UUID.randomUUID();

    private Path work;
    private ProcosServer server;

    @BeforeAll
    void start() throws Exception {
        work = Files.createTempDirectory("procos-security-it");
        server = new ProcosServer(work.resolve("out"));
        server.start();
        assertThat(server.awaitBooted(Duration.ofMinutes(4)).status()).isEqualTo(200);
    }

    @AfterAll
    void stop() throws Exception {
        server.close();
    }

    @Test
    void nothingButHealthAnswersWithoutCredentials() throws Exception {
        for (String path : new String[] {"/procos/", "/procos/index.html", "/procos/api/kernel", "/procos/engine-rest/deployment",
                "/procos/engine-rest/process-definition/key/root_peo/start", "/procos/engine-rest/engine"}) {
            HttpResponse<String> answer = server.send(anonymous(path));
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
        }
        assertThat(server.send(anonymous("https://localhost:" + ProcosServer.HTTPS_PORT + "/metrics")).statusCode()).isEqualTo(401);
        assertThat(server.send(anonymous("/metrics")).statusCode()).as("plain HTTP is sent to HTTPS").isIn(301, 302, 401, 403);
        for (String health : new String[] {"/health/ready", "/health/live", "/health/started"}) {
            assertThat(server.send(anonymous(health)).statusCode()).as(health).isEqualTo(200);
        }
    }

    @Test
    void aBrowserPagesOwnCallsWithoutASessionGetNoBasicChallengeSoNoPasswordPromptOpens() throws Exception {
        HttpResponse<String> answer = server.send(anonymous("/procos/api/me")
                .header("Accept", "application/json").header("Sec-Fetch-Mode", "cors").header("Sec-Fetch-Dest", "empty"));
        assertThat(answer.statusCode()).isEqualTo(401);
        assertThat(answer.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("ProcOS-Sign-In").contains("/procos/signin").doesNotContain("Basic"));
    }

    @Test
    void wrongPasswordsAreRefusedAndTheRightOneIsAccepted() throws Exception {
        createUser("mallory", "viewer");
        assertThat(server.send(as("/procos/api/kernel", "mallory", "not-the-password")).statusCode()).isEqualTo(401);
        assertThat(server.send(as("/procos/api/kernel", "nobody-at-all", "whatever-password")).statusCode()).isEqualTo(401);
        assertThat(server.send(server.request("/procos/api/kernel")).statusCode()).isEqualTo(200);
        assertThat(server.metrics()).contains("kernel_ready");
    }

    @Test
    void aViewerReadsButCannotChangeAnything() throws Exception {
        createUser("vera", "viewer");
        assertThat(server.send(as("/procos/api/kernel", "vera", password("vera"))).statusCode()).isEqualTo(200);
        assertThat(server.send(as("/procos/engine-rest/process-definition?key=root_peo", "vera", password("vera"))).body())
                .contains("root_peo");

        HttpResponse<String> change = server.send(as("/procos/api/kernel", "vera", password("vera"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(change.statusCode()).as("a viewer may not change through the ProcOS API").isEqualTo(403);

        HttpResponse<String> start = server.send(as("/procos/engine-rest/process-definition/key/root_peo/start", "vera", password("vera"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json"));
        assertThat(start.statusCode()).as(start.body()).isEqualTo(403);
        assertThat(start.body()).contains("AuthorizationException");

        HttpResponse<String> deploy = server.send(deployment(as("/procos/engine-rest/deployment/create", "vera", password("vera")),
                "viewer.bpmn", externalTaskProcess("viewer_deploy", "viewer.job")));
        assertThat(deploy.statusCode()).as(deploy.body()).isEqualTo(403);
    }

    @Test
    void aWorkerAccountGrantedExternalTasksOnlyWorksThemAndNothingElse() throws Exception {
        HttpResponse<String> deployed = server.send(deployment(server.request("/procos/engine-rest/deployment/create"),
                "worker.bpmn", externalTaskProcess("worker_process", "worker.job")));
        assertThat(deployed.statusCode()).as(deployed.body()).isEqualTo(200);
        String instance = server.post("/procos/engine-rest/process-definition/key/worker_process/start", "{}").body().path("id").asText();
        createUser("worker", null);
        grant("worker", 6, "READ", "READ_INSTANCE", "UPDATE_INSTANCE"); // process definitions: their instances' tasks

        HttpResponse<String> fetched = server.send(as("/procos/engine-rest/external-task/fetchAndLock", "worker", password("worker"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"workerId\":\"w1\",\"maxTasks\":5,\"topics\":[{\"topicName\":\"worker.job\",\"lockDuration\":60000}]}")));
        assertThat(fetched.statusCode()).as(fetched.body()).isEqualTo(200);
        JsonNode tasks = JSON.readTree(fetched.body());
        assertThat(tasks).hasSize(1);
        assertThat(tasks.get(0).path("processInstanceId").asText()).isEqualTo(instance);
        HttpResponse<String> completed = server.send(as("/procos/engine-rest/external-task/" + tasks.get(0).path("id").asText() + "/complete",
                "worker", password("worker")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"workerId\":\"w1\"}")));
        assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);

        assertThat(server.send(as("/procos/api/kernel", "worker", password("worker"))).statusCode())
                .as("no ProcOS role, no console or API").isEqualTo(403);
        assertThat(server.send(deployment(as("/procos/engine-rest/deployment/create", "worker", password("worker")),
                "w.bpmn", externalTaskProcess("worker_deploy", "x"))).statusCode()).isEqualTo(403);
        assertThat(server.send(as("/procos/engine-rest/user/admin/profile", "worker", password("worker"))).statusCode()).isIn(403, 404);
    }

    @Test
    void aModelThatRunsAShellCommandIsRefusedWithItsElementAndRule() throws Exception {
        Path marker = work.resolve(EXPLOIT_MARKER);
        String payload = "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null).exec(\"touch "
                + marker + "\")}";
        String bpmn = serviceTaskProcess("exploit", "pwn", "camunda:expression=\"" + payload.replace("\"", "&quot;") + "\"");

        HttpResponse<String> refused = server.send(deployment(server.request("/procos/engine-rest/deployment/create"), "exploit.bpmn", bpmn));

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("pwn").containsIgnoringCase("expression");
        assertNoStackTrace(refused);
        HttpResponse<String> start = server.send(server.request("/procos/engine-rest/process-definition/key/exploit/start")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(start.statusCode()).as("nothing was deployed").isEqualTo(404);
        assertThat(marker).doesNotExist();
    }

    @Test
    void malformedAndHostileBodiesGetClearClientErrors() throws Exception {
        HttpResponse<String> notJson = server.send(server.request("/procos/engine-rest/process-definition/key/root_peo/start")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"variables\": {")));
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertNoStackTrace(notJson);

        HttpResponse<String> wrongType = server.send(server.request("/procos/engine-rest/process-definition/key/root_peo/start")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"variables\":{\"n\":{\"value\":\"many\",\"type\":\"Integer\"}}}")));
        assertThat(wrongType.statusCode()).isEqualTo(400);
        assertThat(wrongType.body()).contains("n").contains("Integer");
        assertNoStackTrace(wrongType);

        HttpResponse<String> malformedBpmn = server.send(deployment(server.request("/procos/engine-rest/deployment/create"),
                "broken.bpmn", "<definitions><process id=\"broken\""));
        assertThat(malformedBpmn.statusCode()).isEqualTo(400);
        assertNoStackTrace(malformedBpmn);

        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE definitions [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" targetNamespace="x">
                  <process id="xxe" isExecutable="true"><documentation>&secret;</documentation><startEvent id="s"/></process>
                </definitions>
                """;
        HttpResponse<String> entity = server.send(deployment(server.request("/procos/engine-rest/deployment/create"), "xxe.bpmn", xxe));
        assertThat(entity.statusCode()).isEqualTo(400);
        assertThat(entity.body()).doesNotContain("root:");

        HttpResponse<String> empty = server.send(deployment(server.request("/procos/engine-rest/deployment/create"), "empty.bpmn", ""));
        assertThat(empty.statusCode()).isEqualTo(400);
        assertNoStackTrace(empty);
    }

    @Test
    void theProcosApiAnswersItsErrorsAsJsonWithoutInternals() throws Exception {
        HttpResponse<String> unknown = server.send(server.request("/procos/api/no-such-resource"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(unknown.body()).path("status").asInt()).as(unknown.headers() + " " + unknown.body()).isEqualTo(404);

        HttpResponse<String> camundaOutsideItsPath = server.send(server.request("/procos/api/process-definition/count"));
        assertThat(camundaOutsideItsPath.statusCode()).as("Camunda's resources answer only under /engine-rest, where authorizations apply")
                .isEqualTo(404);

        HttpResponse<String> wrongMethod = server.send(server.request("/procos/api/kernel")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"phase\": [")));
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(JSON.readTree(wrongMethod.body()).path("message").asText()).isNotBlank();
        assertNoStackTrace(wrongMethod);
    }

    @Test
    void anOversizedBodyIsRefusedBeforeItIsRead() throws Exception {
        // Only the head is sent: the answer must come from the declared length, before any body is read.
        try (Socket socket = new Socket("localhost", ProcosServer.HTTP_PORT)) {
            socket.setSoTimeout(15_000);
            String head = "POST /procos/engine-rest/process-definition/key/root_peo/start HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: " + ProcosServer.basic("admin", ProcosServer.ADMIN_PASSWORD) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + (17L * 1024 * 1024) + "\r\n\r\n{\"variables\":";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = readAnswer(socket);
            assertThat(answer).startsWith("HTTP/1.1 413").contains("procos.http.max-request-bytes");
        }
    }

    @Test
    void pathTraversalReachesNoFileOutsideThePublicPages() throws Exception {
        for (String path : new String[] {"/procos/WEB-INF/web.xml", "/procos/api/..%2F..%2FWEB-INF%2Fweb.xml", "/procos/..%2F..%2Fetc%2Fpasswd",
                "/procos/engine-rest/process-definition/..%2F..%2F..%2Fetc%2Fpasswd", "/procos/%2e%2e/%2e%2e/etc/passwd"}) {
            HttpResponse<String> answer = server.send(server.request(path));
            assertThat(answer.statusCode()).as(path).isBetween(400, 499);
            assertThat(answer.body()).as(path).doesNotContain("root:x:").doesNotContain("<web-app");
        }
    }

    @Test
    void theServerListensOnLoopbackOnlyByDefaultAndOffersHttps() throws Exception {
        HttpResponse<String> https = server.send(anonymous("https://localhost:" + ProcosServer.HTTPS_PORT + "/health/ready"));
        assertThat(https.statusCode()).isEqualTo(200);

        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .filter(nic -> {
                    try {
                        return nic.isUp() && !nic.isLoopback();
                    } catch (IOException e) {
                        return false;
                    }
                })
                .flatMap(nic -> Collections.list(nic.getInetAddresses()).stream())
                .filter(address -> address instanceof Inet4Address).findFirst();
        assumeThat(external).as("a non-loopback address to try").isPresent();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(external.get(), ProcosServer.HTTP_PORT), 2000);
            throw new AssertionError("the HTTP port answered on " + external.get());
        } catch (ConnectException refused) {
            // nothing listens there
        }
    }

    @Test
    void aBrowserWithoutASessionIsSentToTheSignInFormAndApiCallersAreChallenged() throws Exception {
        HttpResponse<String> page = server.send(anonymous("/procos/").header("Accept", "text/html,application/xhtml+xml"));
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/procos/signin"));

        for (String path : new String[] {"/procos/api/kernel", "/procos/engine-rest/engine"}) {
            HttpResponse<String> api = server.send(anonymous(path).header("Accept", "text/html"));
            assertThat(api.statusCode()).as(path).isEqualTo(401);
            assertThat(api.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"ProcOS\"");
        }
        HttpResponse<String> form = server.send(anonymous("/procos/signin"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.body()).contains("<form").contains("name=\"username\"").contains("name=\"password\"");
        assertThat(server.send(anonymous("/procos/css/signin.css")).statusCode()).isEqualTo(200);
        assertThat(server.send(server.request("/procos/signout")).statusCode()).as("sign-out is POST only").isIn(403, 405);
    }

    @Test
    void signingInThroughTheFormOpensASessionThatSigningOutEnds() throws Exception {
        Session browser = new Session();
        HttpResponse<String> signedIn = browser.signIn("admin", ProcosServer.ADMIN_PASSWORD);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/procos/"));
        assertThat(browser.get("/procos/api/kernel").statusCode()).isEqualTo(200);
        assertThat(browser.get("/procos/").statusCode()).isEqualTo(200);
        List<HttpCookie> cookiesWhileSignedIn = List.copyOf(browser.cookies.getCookieStore().getCookies());

        HttpResponse<String> signedOut = browser.send(browser.request("/procos/signout").POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(signedOut.statusCode()).isEqualTo(303);
        assertThat(signedOut.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/procos/signin"));
        assertThat(browser.get("/procos/api/kernel").statusCode()).isEqualTo(401);

        Session replay = new Session();
        cookiesWhileSignedIn.forEach(cookie -> replay.cookies.getCookieStore().add(URI.create("http://localhost:" + ProcosServer.HTTP_PORT), cookie));
        assertThat(replay.get("/procos/api/kernel").statusCode()).as("the signed-out session's cookie opens nothing").isEqualTo(401);
    }

    @Test
    void aWrongPasswordOnTheFormIsRefusedWithAMessageAndNoSession() throws Exception {
        // Not admin: Camunda delays a user's next sign-ins after a failure, which would slow the other tests.
        createUser("wendy", "viewer");
        Session browser = new Session();
        HttpResponse<String> refused = browser.signIn("wendy", "not-wendys-password");

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("Wrong user name or password").contains("<form");
        assertThat(refused.headers().allValues("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("LtpaToken"));
        assertThat(browser.get("/procos/api/kernel").statusCode()).isEqualTo(401);
    }

    @Test
    void aSignInFormPostedFromAnotherSiteIsRefused() throws Exception {
        HttpResponse<String> refused = new Session().send(new Session().request("/procos/signin")
                .header("Origin", "http://attacker.example").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("admin", ProcosServer.ADMIN_PASSWORD))));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void theOpenApiDocumentNeedsCredentialsAndDescribesTheProcosApiOnly() throws Exception {
        assertThat(server.send(anonymous("/procos/api/openapi")).statusCode()).isEqualTo(401);
        assertThat(server.send(anonymous("/openapi")).statusCode()).as("Liberty's open endpoint is not installed").isEqualTo(404);

        HttpResponse<String> document = server.send(server.request("/procos/api/openapi"));
        assertThat(document.statusCode()).isEqualTo(200);
        JsonNode openapi = JSON.readTree(document.body());
        assertThat(openapi.path("info").path("title").asText()).isEqualTo("ProcOS API");
        assertThat(openapi.path("paths").has("/api/kernel")).as(document.body()).isTrue();
        assertThat(openapi.path("paths").has("/api/generations")).isTrue();
        assertThat(document.body()).doesNotContain("/engine-rest/").doesNotContain("/process-definition/");
    }

    @Test
    void camundaWebappsAnswerNobodyWhoHasNotSignedInToTheServer() throws Exception {
        for (String page : new String[] {"/camunda/app/cockpit/default/", "/camunda/app/cockpit/scripts/config.js",
                "/camunda/app/admin/default/", "/camunda/"}) {
            HttpResponse<String> answer = server.send(anonymous(page).header("Accept", "text/html,*/*"));
            assertThat(answer.statusCode()).as(page).isEqualTo(302);
            assertThat(answer.headers().firstValue("Location")).as(page)
                    .hasValueSatisfying(v -> assertThat(v).endsWith("/procos/signin?next=" + URLEncoder.encode(page, StandardCharsets.UTF_8)));
            assertThat(answer.body()).as(page).doesNotContain("<script").doesNotContain("function");
        }
        for (String api : new String[] {"/camunda/api/engine/engine/", "/camunda/api/engine/engine/default/process-definition?key=root_peo",
                "/camunda/api/cockpit/plugin/base/default/process-definition/statistics", "/camunda/api/admin/auth/user/default"}) {
            HttpResponse<String> answer = server.send(anonymous(api).header("Accept", "application/json"));
            assertThat(answer.statusCode()).as(api).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as("no password dialog in a browser")
                    .hasValueSatisfying(v -> assertThat(v).doesNotStartWith("Basic"));
            assertThat(answer.body()).as(api).doesNotContain("root_peo").doesNotContain("userId");
        }
        HttpResponse<String> camundaLogin = server.send(anonymous("/camunda/api/admin/auth/user/default/login/cockpit")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form("admin", ProcosServer.ADMIN_PASSWORD))));
        assertThat(camundaLogin.statusCode()).as("Camunda's own sign-in is closed").isEqualTo(401);
        assertThat(server.send(server.request("/camunda/api/engine/engine/default/process-definition?key=root_peo")).statusCode())
                .as("scripts use /procos/engine-rest: Basic opens nothing under /camunda").isEqualTo(401);
    }

    @Test
    void oneSignInOpensCamundasWebappsWhereTheEnginesAuthorizationsAndTheDeploymentGuardApply() throws Exception {
        String cockpit = "/camunda/app/cockpit/default/";
        String definitions = "/camunda/api/engine/engine/default/process-definition?key=root_peo";
        Session browser = new Session();
        HttpResponse<String> form = browser.get("/procos/signin?next=" + URLEncoder.encode(cockpit, StandardCharsets.UTF_8));
        assertThat(form.body()).contains("name=\"next\" value=\"" + cockpit + "\"");
        HttpResponse<String> signedIn = browser.signIn("admin", ProcosServer.ADMIN_PASSWORD, cockpit);
        assertThat(signedIn.statusCode()).as(signedIn.body()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith(cockpit));

        assertThat(browser.get(cockpit).statusCode()).isEqualTo(200);
        HttpResponse<String> user = browser.send(browser.camunda("/camunda/api/admin/auth/user/default"));
        assertThat(user.statusCode()).as(user.body()).isEqualTo(200);
        assertThat(JSON.readTree(user.body()).path("userId").asText()).isEqualTo("admin");
        HttpResponse<String> listed = browser.send(browser.camunda(definitions));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
        assertThat(listed.body()).contains("root_peo");

        Path marker = work.resolve(EXPLOIT_MARKER + "-cockpit");
        String payload = "${\"\".getClass().forName(\"java.lang.Runtime\").getMethod(\"getRuntime\").invoke(null).exec(\"touch "
                + marker + "\")}";
        HttpResponse<String> refused = browser.send(deployment(browser.camunda("/camunda/api/engine/engine/default/deployment/create"),
                "exploit-cockpit.bpmn", serviceTaskProcess("exploit_cockpit", "pwn", "camunda:expression=\"" + payload.replace("\"", "&quot;") + "\"")));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(refused.body()).contains("pwn");
        assertThat(server.send(server.request("/procos/engine-rest/process-definition/key/exploit_cockpit")).statusCode()).isEqualTo(404);
        assertThat(marker).doesNotExist();

        List<HttpCookie> cookiesWhileSignedIn = List.copyOf(browser.cookies.getCookieStore().getCookies());
        assertThat(browser.send(browser.request("/procos/signout").POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(303);
        assertThat(browser.get(cockpit).statusCode()).as("signing out of the console closes Cockpit").isEqualTo(302);
        assertThat(browser.send(browser.camunda(definitions)).statusCode()).isEqualTo(401);
        Session replay = new Session();
        cookiesWhileSignedIn.forEach(cookie -> replay.cookies.getCookieStore().add(URI.create("http://localhost:" + ProcosServer.HTTP_PORT), cookie));
        assertThat(replay.send(replay.camunda(definitions)).statusCode()).as("the signed-out cookies open nothing in Camunda").isEqualTo(401);

        createUser("nora", "viewer");
        assertThat(browser.signIn("nora", password("nora"), cockpit).statusCode()).isEqualTo(303);
        browser.get("/camunda/app/welcome/default/");
        HttpResponse<String> next = browser.send(browser.camunda("/camunda/api/admin/auth/user/default"));
        assertThat(next.statusCode()).as(next.body()).isEqualTo(200);
        assertThat(JSON.readTree(next.body()).path("userId").asText()).as("the next person on this browser is not admin").isEqualTo("nora");
    }

    @Test
    void aViewerCannotOpenCamundaAdminNorManageUsers() throws Exception {
        createUser("vivian", "viewer");
        Session viewer = new Session();
        assertThat(viewer.signIn("vivian", password("vivian"), "/camunda/app/admin/default/").statusCode()).isEqualTo(303);

        assertThat(viewer.get("/camunda/app/admin/default/").statusCode()).as("Camunda's application authorization").isEqualTo(403);
        HttpResponse<String> me = viewer.send(viewer.camunda("/camunda/api/admin/auth/user/default"));
        assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
        assertThat(JSON.readTree(me.body()).path("authorizedApps").toString()).doesNotContain("admin");
        HttpResponse<String> created = viewer.send(viewer.camunda("/camunda/api/engine/engine/default/user/create")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                        "{\"profile\":{\"id\":\"sneaky\",\"firstName\":\"S\",\"lastName\":\"N\"},\"credentials\":{\"password\":\"sneaky-password-1\"}}")));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(403);
        assertThat(created.body()).as("the engine's authorizations refused it").contains("AuthorizationException");
        assertThat(server.send(server.request("/procos/engine-rest/user/sneaky/profile")).statusCode()).isEqualTo(404);
    }

    @Test
    void camundasLogOutEndsTheServerSignInToo() throws Exception {
        Session browser = new Session();
        assertThat(browser.signIn("admin", ProcosServer.ADMIN_PASSWORD, null).statusCode()).isEqualTo(303);
        assertThat(browser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(200);
        assertThat(browser.send(browser.camunda("/camunda/api/admin/auth/user/default")).statusCode()).isEqualTo(200);

        HttpResponse<String> loggedOut = browser.send(browser.camunda("/camunda/api/admin/auth/user/default/logout")
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(loggedOut.statusCode()).as(loggedOut.body()).isIn(200, 204);
        assertThat(browser.get("/procos/api/kernel").statusCode()).isEqualTo(401);
        assertThat(browser.get("/camunda/app/cockpit/default/").statusCode()).isEqualTo(302);
    }

    @Test
    void theSignInFormSendsNobodyToAnotherSite() throws Exception {
        for (String elsewhere : new String[] {"//attacker.example/", "https://attacker.example/", "/\\attacker.example"}) {
            HttpResponse<String> form = new Session().get("/procos/signin?next=" + URLEncoder.encode(elsewhere, StandardCharsets.UTF_8));
            assertThat(form.body()).as(elsewhere).doesNotContain("attacker");
            HttpResponse<String> signedIn = new Session().signIn("admin", ProcosServer.ADMIN_PASSWORD, elsewhere);
            assertThat(signedIn.statusCode()).isEqualTo(303);
            assertThat(signedIn.headers().firstValue("Location")).as(elsewhere).hasValueSatisfying(v -> assertThat(v).endsWith("/procos/").doesNotContain("attacker"));
        }
    }

    private static String form(String user, String password) {
        return "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
    }

    /** A browser-like client: keeps cookies, follows no redirects, sends no credentials of its own. */
    private static final class Session {
        final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();

        HttpRequest.Builder request(String path) {
            return HttpRequest.newBuilder(URI.create("http://localhost:" + ProcosServer.HTTP_PORT + path)).timeout(Duration.ofSeconds(20));
        }

        /** A request to Camunda's webapps carrying their anti-forgery token, as their pages send it. */
        HttpRequest.Builder camunda(String path) {
            HttpRequest.Builder request = request(path).header("Accept", "application/json");
            cookies.getCookieStore().getCookies().stream().filter(cookie -> cookie.getName().equals("XSRF-TOKEN")).findFirst()
                    .ifPresent(token -> request.header("X-XSRF-TOKEN", token.getValue()));
            return request;
        }

        HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return send(request(path).header("Accept", "text/html,application/json"));
        }

        HttpResponse<String> signIn(String user, String password) throws IOException, InterruptedException {
            return signIn(user, password, null);
        }

        /** The form's POST, with the page to go on to ({@code next}) when not null. */
        HttpResponse<String> signIn(String user, String password, String next) throws IOException, InterruptedException {
            String body = form(user, password) + (next == null ? "" : "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            return send(request("/procos/signin").header("Content-Type", "application/x-www-form-urlencoded")
                    .header("Origin", "http://localhost:" + ProcosServer.HTTP_PORT)
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }
    }

    /** Head and body of one answer (Liberty may keep the connection open, waiting for the body it declined). */
    private static String readAnswer(Socket socket) throws IOException {
        StringBuilder answer = new StringBuilder();
        byte[] buffer = new byte[4096];
        int n;
        while ((n = socket.getInputStream().read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            int bodyStart = answer.indexOf("\r\n\r\n");
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)content-length: (\\d+)").matcher(answer);
            if (bodyStart > 0 && length.find() && answer.length() - bodyStart - 4 >= Integer.parseInt(length.group(1))) {
                break;
            }
        }
        return answer.toString();
    }

    private HttpRequest.Builder anonymous(String path) {
        String uri = path.startsWith("https:") ? path : "http://localhost:" + ProcosServer.HTTP_PORT + path;
        return HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(20));
    }

    private HttpRequest.Builder as(String path, String user, String password) {
        return server.request(path).setHeader("Authorization", ProcosServer.basic(user, password));
    }

    private static String password(String user) {
        return user + "-password-for-its";
    }

    private void createUser(String id, String group) throws Exception {
        server.createUser(id, password(id), group);
    }

    private void grant(String user, int resourceType, String... permissions) throws Exception {
        ProcosServer.Health granted = server.post("/procos/engine-rest/authorization/create", JSON.writeValueAsString(
                java.util.Map.of("type", 1, "permissions", permissions, "userId", user, "resourceType", resourceType, "resourceId", "*")));
        assertThat(granted.status()).as(granted.body().toString()).isEqualTo(200);
    }

    private static HttpRequest.Builder deployment(HttpRequest.Builder request, String fileName, String bpmn) {
        String boundary = "procos-" + UUID.randomUUID();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\nit\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"data\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + bpmn + "\r\n--" + boundary + "--\r\n";
        return request.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
    }

    private static String externalTaskProcess(String key, String topic) {
        return serviceTaskProcess(key, "work", "camunda:type=\"external\" camunda:topic=\"" + topic + "\"");
    }

    /** start → one service task with the given attributes → end. */
    private static String serviceTaskProcess(String key, String taskId, String taskAttributes) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn"
                             targetNamespace="http://example.org/it">
                  <process id="%1$s" isExecutable="true" camunda:historyTimeToLive="1">
                    <startEvent id="start"/>
                    <sequenceFlow id="f1" sourceRef="start" targetRef="%2$s"/>
                    <serviceTask id="%2$s" %3$s/>
                    <sequenceFlow id="f2" sourceRef="%2$s" targetRef="end"/>
                    <endEvent id="end"/>
                  </process>
                </definitions>
                """.formatted(key, taskId, taskAttributes);
    }

    private static void assertNoStackTrace(HttpResponse<String> answer) {
        assertThat(answer.body()).doesNotContainPattern("\\bat (java|org|com|procos)\\.[\\w.$]+\\(").doesNotContain("Caused by:");
    }
}
