package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static dev.pharos.scheduler.api.Api.with;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every admin API endpoint called with no key, a wrong key, owner A's key, owner B's key and the admin's key: 401
 * without a valid key, 403 for what a role may not do, 404 (not 403) for another owner's things.
 */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class AuthMatrixTest {

    private String keyA;
    private String keyB;
    private String ownerA;
    private String ownerB;
    private String monitorA;
    private String monitorB;
    /** In the URLs of this test's monitors, so a list can find just them. */
    private final String token = UUID.randomUUID().toString();

    private static final String MONITOR_JSON =
            "{\"name\": \"m\", \"url\": \"https://example.com/\", \"contactEmail\": \"a@example.com\"}";
    private static final String CHANNEL_JSON =
            "{\"name\": \"c\", \"kind\": \"email\", \"target\": \"a@example.com\"}";

    /**
     * Every endpoint of the admin API: method, path ({monitor}, {channel}, {test}, {key} and {page} stand for owner
     * A's; {slug} is a new page address in each call), body,
     * and what owner A, owner B and the admin get. Destructive calls come last.
     */
    private static final String[][] ENDPOINTS = {
            {"GET", "/api/v1/me", null, "200", "200", "200"},
            {"POST", "/api/v1/monitors", MONITOR_JSON, "201", "201", "201"},
            {"GET", "/api/v1/monitors", null, "200", "200", "200"},
            {"GET", "/api/v1/monitors/export", null, "200", "200", "200"},
            {"POST", "/api/v1/monitors/import", "{\"monitors\": [" + MONITOR_JSON + "]}", "200", "200", "200"},
            {"GET", "/api/v1/monitors/{monitor}", null, "200", "404", "200"},
            {"PUT", "/api/v1/monitors/{monitor}", MONITOR_JSON, "200", "404", "200"},
            {"PATCH", "/api/v1/monitors/{monitor}", "{\"name\": \"patched\"}", "200", "404", "200"},
            {"POST", "/api/v1/monitors/{monitor}/pause", null, "200", "404", "200"},
            {"POST", "/api/v1/monitors/{monitor}/resume", null, "200", "404", "200"},
            {"GET", "/api/v1/monitors/{monitor}/results", null, "200", "404", "200"},
            {"GET", "/api/v1/monitors/{monitor}/uptime", null, "200", "404", "200"},
            {"GET", "/api/v1/monitors/{monitor}/incidents", null, "200", "404", "200"},
            {"GET", "/api/v1/monitors/{monitor}/notifications", null, "200", "404", "200"},
            {"GET", "/api/v1/incidents", null, "200", "200", "200"},
            {"GET", "/api/v1/dashboard/overview", null, "200", "200", "200"},
            {"GET", "/api/v1/events?maxSeconds=1", null, "200", "200", "200"},
            {"POST", "/api/v1/channels", CHANNEL_JSON, "201", "201", "201"},
            {"GET", "/api/v1/channels", null, "200", "200", "200"},
            {"GET", "/api/v1/channels/kinds", null, "200", "200", "200"},
            {"GET", "/api/v1/channels/{channel}", null, "200", "404", "200"},
            {"PUT", "/api/v1/channels/{channel}", CHANNEL_JSON, "200", "404", "200"},
            {"POST", "/api/v1/channels/{channel}/test", null, "202", "404", "202"},
            {"GET", "/api/v1/channels/{channel}/tests/{test}", null, "200", "404", "200"},
            {"POST", "/api/v1/status-pages", "{\"slug\": \"{slug}\", \"title\": \"t\"}", "201", "201", "201"},
            {"GET", "/api/v1/status-pages", null, "200", "200", "200"},
            {"GET", "/api/v1/status-pages/{page}", null, "200", "404", "200"},
            {"PUT", "/api/v1/status-pages/{page}", "{\"slug\": \"{slug}\", \"title\": \"t\"}", "200", "404", "200"},
            {"DELETE", "/api/v1/status-pages/{page}", null, "204", "404", "204"},
            {"POST", "/api/v1/api-keys", "{\"name\": \"k\"}", "201", "201", "201"},
            {"GET", "/api/v1/api-keys", null, "200", "200", "200"},
            {"DELETE", "/api/v1/api-keys/{key}", null, "204", "404", "204"},
            {"DELETE", "/api/v1/channels/{channel}", null, "204", "404", "204"},
            {"DELETE", "/api/v1/monitors/{monitor}", null, "204", "404", "204"}};

    @BeforeEach
    void twoOwnersWithAMonitorEach() {
        var a = newOwner("Owner A " + UUID.randomUUID());
        var b = newOwner("Owner B " + UUID.randomUUID());
        keyA = a[0];
        ownerA = a[1];
        keyB = b[0];
        ownerB = b[1];
        monitorA = createMonitor(with(keyA), token);
        monitorB = createMonitor(with(keyB), token);
    }

    /** [key, ownerId] of a new owner made by the admin. */
    private static String[] newOwner(String name) {
        var created = asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"first key\", \"ownerName\": \"" + name + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("role", equalTo("OWNER"))
                .body("key", startsWith("pharos_"))
                .extract();
        return new String[] {created.path("key"), created.path("ownerId")};
    }

    private static String createMonitor(RequestSpecification as, String token) {
        return as.contentType(ContentType.JSON)
                .body("{\"name\": \"m\", \"url\": \"https://example.com/" + token
                        + "\", \"contactEmail\": \"a@example.com\"}")
                .post("/api/v1/monitors").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse call(RequestSpecification as, String[] endpoint, String path) {
        String body = endpoint[2];
        RequestSpecification request = body == null ? as
                : as.contentType(endpoint[0].equals("PATCH") ? "application/merge-patch+json" : "application/json")
                .body(body);
        return request.request(endpoint[0], path).then();
    }

    @Test
    void everyEndpointAnswersEachCallerAsItsRoleAndOwnershipSay() {
        String[] callers = {"owner A", "owner B", "admin"};
        String[] keys = {keyA, keyB, Api.ADMIN_KEY};
        for (int c = 0; c < callers.length; c++) {
            // Fresh things of owner A for each caller, as the destructive calls remove them.
            String monitor = createMonitor(with(keyA), token);
            String channel = with(keyA).contentType(ContentType.JSON).body(CHANNEL_JSON).post("/api/v1/channels")
                    .then().statusCode(201).extract().path("id");
            String test = with(keyA).post("/api/v1/channels/" + channel + "/test").then().statusCode(202)
                    .extract().path("id");
            String key = with(keyA).contentType(ContentType.JSON).body("{\"name\": \"spare\"}")
                    .post("/api/v1/api-keys").then().statusCode(201).extract().path("id");
            String page = with(keyA).contentType(ContentType.JSON)
                    .body("{\"slug\": \"p-" + UUID.randomUUID() + "\", \"title\": \"t\"}")
                    .post("/api/v1/status-pages").then().statusCode(201).extract().path("id");
            for (String[] endpoint : ENDPOINTS) {
                String path = endpoint[1].replace("{monitor}", monitor).replace("{channel}", channel)
                        .replace("{test}", test).replace("{key}", key).replace("{page}", page);
                String[] withSlug = endpoint[2] == null ? endpoint : endpoint.clone();
                if (endpoint[2] != null) {
                    withSlug[2] = endpoint[2].replace("{slug}", "p-" + UUID.randomUUID());
                }
                int expected = Integer.parseInt(endpoint[3 + c]);
                int status = call(with(keys[c]), withSlug, path).extract().statusCode();
                org.junit.jupiter.api.Assertions.assertEquals(expected, status,
                        callers[c] + ": " + endpoint[0] + " " + endpoint[1]);
            }
        }
    }

    @Test
    void withoutAValidKeyEveryEndpointIs401() {
        String someId = UUID.randomUUID().toString();
        for (String[] endpoint : ENDPOINTS) {
            String path = endpoint[1].replaceAll("\\{[a-z]+}", someId);
            for (Supplier<RequestSpecification> caller : java.util.List.<Supplier<RequestSpecification>>of(
                    () -> given(), () -> with("pharos_000000000000_not-a-key"),
                    () -> given().header("Authorization", "Basic YWRtaW46YWRtaW4="))) {
                call(caller.get(), endpoint, path).statusCode(401)
                        .contentType(Problem.MEDIA_TYPE)
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("status", equalTo(401));
            }
        }
        // Health and the API description need no key.
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void ownersSeeOnlyTheirOwnMonitorsAndAnotherOwnersAreNotFound() {
        with(keyA).get("/api/v1/monitors").then().statusCode(200)
                .body("items.id", hasItem(monitorA)).body("items.id", not(hasItem(monitorB)))
                .body("items.ownerId", everyItem(equalTo(ownerA)));
        with(keyA).get("/api/v1/monitors/" + monitorA).then().statusCode(200).body("ownerId", equalTo(ownerA));
        with(keyA).get("/api/v1/monitors/" + monitorB).then().statusCode(404).contentType(Problem.MEDIA_TYPE);
        with(keyB).get("/api/v1/monitors/" + monitorA).then().statusCode(404);
        with(keyA).delete("/api/v1/monitors/" + monitorB).then().statusCode(404);
        with(keyB).get("/api/v1/monitors/" + monitorB).then().statusCode(200);
        with(keyB).delete("/api/v1/monitors/" + monitorB).then().statusCode(204);
        with(keyB).get("/api/v1/monitors/" + monitorB).then().statusCode(404);
        with(keyA).get("/api/v1/monitors/" + monitorA).then().statusCode(200);
    }

    @Test
    void theAdminSeesAndChangesEveryonesMonitors() {
        asAdmin().get("/api/v1/monitors?q=" + token).then().statusCode(200)
                .body("items.id", hasItems(monitorA, monitorB));
        asAdmin().get("/api/v1/monitors/" + monitorA).then().statusCode(200);
        asAdmin().delete("/api/v1/monitors/" + monitorB).then().statusCode(204);
        with(keyB).get("/api/v1/monitors/" + monitorB).then().statusCode(404);
        asAdmin().get("/api/v1/me").then().statusCode(200).body("role", equalTo("ADMIN"));
    }

    @Test
    void ownersManageOnlyTheirOwnKeys() {
        with(keyA).get("/api/v1/me").then().statusCode(200)
                .body("ownerId", equalTo(ownerA)).body("role", equalTo("OWNER"));
        String secondA = with(keyA).contentType(ContentType.JSON).body("{\"name\": \"ci\"}")
                .post("/api/v1/api-keys").then().statusCode(201)
                .body("ownerId", equalTo(ownerA)).extract().path("id");
        // Lists show prefixes, never keys or hashes.
        with(keyA).get("/api/v1/api-keys").then().statusCode(200)
                .body("ownerId", everyItem(equalTo(ownerA))).body("id", hasItem(secondA))
                .body("key", everyItem(nullValue())).body("keyHash", everyItem(nullValue()));
        String keyIdB = with(keyB).get("/api/v1/api-keys").then().statusCode(200).extract().path("[0].id");

        with(keyA).delete("/api/v1/api-keys/" + keyIdB).then().statusCode(404);
        for (String forbidden : new String[] {
                "{\"name\": \"x\", \"ownerName\": \"Mallory\"}",
                "{\"name\": \"x\", \"ownerId\": \"" + ownerB + "\"}",
                "{\"name\": \"x\", \"role\": \"ADMIN\"}"}) {
            with(keyA).contentType(ContentType.JSON).body(forbidden).post("/api/v1/api-keys")
                    .then().statusCode(403).contentType(Problem.MEDIA_TYPE);
        }
        with(keyA).delete("/api/v1/api-keys/" + secondA).then().statusCode(204);
        with(keyA).delete("/api/v1/api-keys/" + secondA).then().statusCode(204);
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String keyId = asAdmin().get("/api/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getList("findAll { it.ownerId == '" + ownerB + "' }.id", String.class).get(0);
        with(keyB).get("/api/v1/me").then().statusCode(200);
        asAdmin().delete("/api/v1/api-keys/" + keyId).then().statusCode(204);
        with(keyB).get("/api/v1/me").then().statusCode(401);
        with(keyB).get("/api/v1/monitors").then().statusCode(401);
    }

    @Test
    void theAdminMakesKeysForOwnersButNotWithAnotherRole() {
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"for A\", \"ownerId\": \"" + ownerA + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).body("ownerId", equalTo(ownerA));
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"ownerId\": \"" + ownerA + "\", \"role\": \"ADMIN\"}")
                .post("/api/v1/api-keys").then().statusCode(403);
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"x\", \"ownerId\": \"" + UUID.randomUUID() + "\"}")
                .post("/api/v1/api-keys").then().statusCode(404);
    }

    @Test
    void theLastAdminKeyCannotBeRevoked() {
        String adminOwner = asAdmin().get("/api/v1/me").then().extract().path("ownerId");
        var adminKeys = asAdmin().get("/api/v1/api-keys").then().extract().jsonPath()
                .getList("findAll { it.ownerId == '" + adminOwner + "' && it.revokedAt == null }.id", String.class);
        // Revoke all but one of the admin's working keys (other tests may have made some), then try the last.
        for (String id : adminKeys.subList(0, adminKeys.size() - 1)) {
            asAdmin().delete("/api/v1/api-keys/" + id).then().statusCode(204);
        }
        asAdmin().delete("/api/v1/api-keys/" + adminKeys.get(adminKeys.size() - 1)).then().statusCode(409)
                .contentType(Problem.MEDIA_TYPE);
        asAdmin().get("/api/v1/me").then().statusCode(200);
    }
}
