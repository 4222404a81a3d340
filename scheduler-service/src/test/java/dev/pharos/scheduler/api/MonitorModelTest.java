package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every field of a monitor, validated; PUT, PATCH, pause and resume; list filters and cursor pagination. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class MonitorModelTest {

    private static final String FULL = """
            {"name": "Checkout", "url": "https://shop.example.com/checkout", "method": "GET",
             "intervalSeconds": 60, "timeoutSeconds": 5, "expectedStatuses": "200-299, 301",
             "followRedirects": false, "maxRedirects": 2,
             "requestHeaders": {"X-Probe": "pharos", "Accept-Language": "en"},
             "tags": ["shop", "team:payments"], "paused": false,
             "maintenanceWindows": [{"start": "2030-01-01T02:00:00Z", "end": "2030-01-01T03:00:00Z"}],
             "regions": ["eu-west", "us-east"],
             "alertPolicy": {"failuresToOpen": 3, "successesToClose": 2, "reminderMinutes": 60},
             "contactEmail": "ops@example.com"}""";

    private static String create(String json) {
        return asAdmin().contentType(ContentType.JSON).body(json).post("/api/v1/monitors")
                .then().statusCode(201).extract().path("id");
    }

    private static String minimal(String name, String url) {
        return "{\"name\": \"" + name + "\", \"url\": \"" + url + "\", \"contactEmail\": \"a@example.com\"}";
    }

    @Test
    void keepsEveryFieldItIsGiven() {
        String id = create(FULL);
        asAdmin().get("/api/v1/monitors/" + id).then().statusCode(200)
                .body("method", equalTo("GET"))
                .body("intervalSeconds", equalTo(60))
                .body("timeoutSeconds", equalTo(5))
                .body("expectedStatuses", equalTo("200-299,301"))
                .body("followRedirects", equalTo(false))
                .body("maxRedirects", equalTo(2))
                .body("requestHeaders.X-Probe", equalTo("pharos"))
                .body("tags", contains("shop", "team:payments"))
                .body("maintenanceWindows[0].start", equalTo("2030-01-01T02:00:00Z"))
                .body("regions", contains("eu-west", "us-east"))
                .body("alertPolicy.failuresToOpen", equalTo(3))
                .body("alertPolicy.successesToClose", equalTo(2))
                .body("alertPolicy.reminderMinutes", equalTo(60));
    }

    @Test
    void fillsInDefaults() {
        String id = create(minimal("Defaults", "https://example.com/"));
        asAdmin().get("/api/v1/monitors/" + id).then().statusCode(200)
                .body("method", equalTo("HEAD"))
                .body("intervalSeconds", equalTo(300))
                .body("timeoutSeconds", equalTo(10))
                .body("expectedStatuses", equalTo("200-399"))
                .body("followRedirects", equalTo(true))
                .body("maxRedirects", equalTo(5))
                .body("tags", hasSize(0))
                .body("regions", contains("default"))
                .body("alertPolicy.failuresToOpen", equalTo(2))
                .body("alertPolicy.successesToClose", equalTo(1))
                .body("alertPolicy.reminderMinutes", nullValue());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "statuses not numbers | \"expectedStatuses\": \"ok\"                  | expectedStatuses",
            "status out of range  | \"expectedStatuses\": \"200-600\"             | expectedStatuses",
            "range backwards      | \"expectedStatuses\": \"399-200\"             | expectedStatuses",
            "too many redirects   | \"maxRedirects\": 21                        | maxRedirects",
            "negative redirects   | \"maxRedirects\": -1                        | maxRedirects",
            "reserved header      | \"requestHeaders\": {\"Host\": \"evil\"}       | requestHeaders",
            "header line break    | \"requestHeaders\": {\"X-A\": \"a\\r\\nX-B: b\"} | requestHeaders",
            "bad header name      | \"requestHeaders\": {\"X A\": \"b\"}          | requestHeaders",
            "bad tag              | \"tags\": [\"ok\", \"not ok\"]                  | tags[1]",
            "null tag             | \"tags\": [null]                            | tags[0]",
            "window backwards     | \"maintenanceWindows\": [{\"start\": \"2030-01-01T03:00:00Z\", \"end\": \"2030-01-01T02:00:00Z\"}] | maintenanceWindows[0].ordered",
            "window without end   | \"maintenanceWindows\": [{\"start\": \"2030-01-01T03:00:00Z\"}] | maintenanceWindows[0].end",
            "no regions           | \"regions\": []                             | regions",
            "uppercase region     | \"regions\": [\"EU\"]                         | regions[0]",
            "failures to open 0   | \"alertPolicy\": {\"failuresToOpen\": 0}      | alertPolicy.failuresToOpen",
            "successes to close 11| \"alertPolicy\": {\"successesToClose\": 11}   | alertPolicy.successesToClose",
            "reminder too often   | \"alertPolicy\": {\"reminderMinutes\": 1}     | alertPolicy.reminderMinutes",
            "timeout over 60 s    | \"timeoutSeconds\": 61                      | timeoutSeconds",
            "method POST          | \"method\": \"POST\"                          | method",
            "paused not a boolean | \"paused\": \"sometimes\"                     | paused",
    })
    void rejectsEachInvalidFieldByName(String caseName, String field, String expectedField) {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"n\", \"url\": \"https://example.com/\", \"contactEmail\": \"a@example.com\", "
                        + field + "}")
                .post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem(expectedField));
    }

    @Test
    void rejectsTooManyHeadersAndTags() {
        var headers = new StringBuilder();
        var tags = new ArrayList<String>();
        for (int i = 0; i < 21; i++) {
            headers.append(i == 0 ? "" : ", ").append("\"X-H").append(i).append("\": \"v\"");
            tags.add("\"t" + i + "\"");
        }
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"n\", \"url\": \"https://example.com/\", \"contactEmail\": \"a@example.com\", "
                        + "\"requestHeaders\": {" + headers + "}, \"tags\": [" + String.join(",", tags) + "]}")
                .post("/api/v1/monitors")
                .then().statusCode(400).body("errors.field", hasItem("requestHeaders"))
                .body("errors.field", hasItem("tags"));
    }

    @Test
    void putReplacesTheWholeMonitor() {
        String id = create(FULL);
        asAdmin().contentType(ContentType.JSON).body(minimal("Renamed", "https://example.org/"))
                .put("/api/v1/monitors/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Renamed"))
                .body("url", equalTo("https://example.org/"))
                .body("method", equalTo("HEAD"))
                .body("tags", hasSize(0))
                .body("alertPolicy.failuresToOpen", equalTo(2));
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"no url\"}").put("/api/v1/monitors/" + id)
                .then().statusCode(400).body("errors.field", hasItem("url"));
        asAdmin().contentType(ContentType.JSON).body(minimal("x", "https://example.org/"))
                .put("/api/v1/monitors/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void patchChangesOnlyWhatItNamesAndNullRestoresTheDefault() {
        String id = create(FULL);
        asAdmin().contentType("application/merge-patch+json")
                .body("{\"intervalSeconds\": 120, \"tags\": [\"moved\"], \"alertPolicy\": {\"failuresToOpen\": 1},"
                        + " \"expectedStatuses\": null}")
                .patch("/api/v1/monitors/" + id)
                .then().statusCode(200)
                .body("name", equalTo("Checkout"))
                .body("method", equalTo("GET"))
                .body("intervalSeconds", equalTo(120))
                .body("tags", contains("moved"))
                .body("alertPolicy.failuresToOpen", equalTo(1))
                .body("alertPolicy.successesToClose", equalTo(2))
                .body("expectedStatuses", equalTo("200-399"));
    }

    @Test
    void aPatchThatBreaksTheMonitorIsRefusedAndChangesNothing() {
        String id = create(FULL);
        asAdmin().contentType(ContentType.JSON).body("{\"intervalSeconds\": 5}").patch("/api/v1/monitors/" + id)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("intervalSeconds"));
        asAdmin().contentType(ContentType.JSON).body("{\"colour\": \"red\"}").patch("/api/v1/monitors/" + id)
                .then().statusCode(400).body("errors.field", hasItem("colour"));
        asAdmin().contentType(ContentType.JSON).body("{\"maxRedirects\": \"many\"}").patch("/api/v1/monitors/" + id)
                .then().statusCode(400).body("errors.field", hasItem("maxRedirects"));
        asAdmin().contentType(ContentType.JSON).body("[1, 2]").patch("/api/v1/monitors/" + id)
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        asAdmin().contentType(ContentType.JSON).body("{\"url\": null}").patch("/api/v1/monitors/" + id)
                .then().statusCode(400).body("errors.field", hasItem("url"));
        asAdmin().get("/api/v1/monitors/" + id).then().body("intervalSeconds", equalTo(60))
                .body("url", equalTo("https://shop.example.com/checkout"));
    }

    @Test
    void pauseAndResume() {
        String id = create(minimal("Pausable", "https://example.com/"));
        asAdmin().post("/api/v1/monitors/" + id + "/pause").then().statusCode(200)
                .body("paused", equalTo(true)).body("status", equalTo("PAUSED"));
        asAdmin().post("/api/v1/monitors/" + id + "/resume").then().statusCode(200)
                .body("paused", equalTo(false)).body("status", equalTo("UNKNOWN"));
        asAdmin().post("/api/v1/monitors/" + UUID.randomUUID() + "/pause").then().statusCode(404);
    }

    @Test
    void listsFilterByTagStatusAndTextAndPageWithACursor() {
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        var ids = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            ids.add(create("{\"name\": \"Listed " + i + "\", \"url\": \"https://list.example.com/" + tag + "/" + i
                    + "\", \"contactEmail\": \"a@example.com\", \"tags\": [\"" + tag + "\"]}"));
        }
        asAdmin().post("/api/v1/monitors/" + ids.get(4) + "/pause").then().statusCode(200);

        asAdmin().get("/api/v1/monitors?tag=" + tag + "&limit=200").then().statusCode(200)
                .body("items.id", containsInAnyOrder(ids.toArray()));
        asAdmin().get("/api/v1/monitors?tag=" + tag + "&status=paused").then().statusCode(200)
                .body("items.id", contains(ids.get(4)));
        asAdmin().get("/api/v1/monitors?tag=" + tag + "&q=LISTED 2").then().statusCode(200)
                .body("items.id", contains(ids.get(2)));

        var seen = new ArrayList<String>();
        String cursor = null;
        do {
            var page = asAdmin().get("/api/v1/monitors?tag=" + tag + "&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)).then().statusCode(200).extract();
            List<String> items = page.path("items.id");
            seen.addAll(items);
            cursor = page.path("nextCursor");
        } while (cursor != null);
        assertEquals(ids, seen, "every monitor once, oldest first");

        asAdmin().get("/api/v1/monitors?cursor=garbage").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        asAdmin().get("/api/v1/monitors?status=SIDEWAYS").then().statusCode(400);
        asAdmin().get("/api/v1/monitors?limit=0").then().statusCode(400);
        asAdmin().get("/api/v1/monitors?tag=not%20a%20tag").then().statusCode(400);
        asAdmin().get("/api/v1/monitors?limit=1").then().statusCode(200).body("nextCursor", notNullValue());
    }
}
