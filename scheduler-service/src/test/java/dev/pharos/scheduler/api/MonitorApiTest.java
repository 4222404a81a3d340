package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.asAdmin;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class MonitorApiTest {

    private static String body(String name, String url, Object interval, String email) {
        return """
                {"name": %s, "url": %s, "intervalSeconds": %s, "contactEmail": %s}"""
                .formatted(json(name), json(url), interval, json(email));
    }

    private static String json(String s) {
        return s == null ? "null" : "\"" + s + "\"";
    }

    @Test
    void createsReadsListsAndDeletesAMonitor() {
        String location = asAdmin().contentType(ContentType.JSON)
                .body(body("Example shop", "https://shop.example.com/health", 60, "ops@example.com"))
                .when().post("/api/v1/monitors")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/monitors/"))
                .body("name", equalTo("Example shop"))
                .body("url", equalTo("https://shop.example.com/health"))
                .body("intervalSeconds", equalTo(60))
                .body("timeoutSeconds", equalTo(10))
                .body("method", equalTo("HEAD"))
                .body("contactEmail", equalTo("ops@example.com"))
                .body("status", equalTo("UNKNOWN"))
                .extract().header("Location");
        String id = location.substring(location.lastIndexOf('/') + 1);

        asAdmin().when().get("/api/v1/monitors/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("Example shop"));
        asAdmin().when().get("/api/v1/monitors?q=shop.example.com")
                .then().statusCode(200).body("items.id", hasItem(id));

        asAdmin().when().delete("/api/v1/monitors/" + id).then().statusCode(204);

        asAdmin().when().get("/api/v1/monitors/" + id)
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE).body("status", equalTo(404));
        asAdmin().when().get("/api/v1/monitors?q=shop.example.com")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
        asAdmin().when().delete("/api/v1/monitors/" + id).then().statusCode(404);
    }

    @Test
    void defaultsTheIntervalToFiveMinutes() {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"url\":\"http://example.com\",\"contactEmail\":\"a@example.com\"}")
                .when().post("/api/v1/monitors")
                .then().statusCode(201).body("intervalSeconds", equalTo(300));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "invalid URL          | not a url                | 60   | url",
            "non-http scheme      | ftp://files.example.com/ | 60   | url",
            "javascript scheme    | javascript:alert(1)      | 60   | url",
            "URL without host     | http:///path             | 60   | url",
            "interval under 10 s  | https://example.com      | 9    | intervalSeconds",
            "interval over 24 h   | https://example.com      | 86401| intervalSeconds",
    })
    void rejectsInvalidFieldsNamingTheField(String caseName, String url, int interval, String field) {
        asAdmin().contentType(ContentType.JSON)
                .body(body("Shop", url, interval, "ops@example.com"))
                .when().post("/api/v1/monitors")
                .then().statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(400))
                .body("type", equalTo(Problem.VALIDATION_TYPE))
                .body("errors.field", hasItem(field))
                .body("detail", startsWith(field));
    }

    @Test
    void rejectsMissingRequiredFields() {
        asAdmin().contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("name"))
                .body("errors.field", hasItem("url"))
                .body("errors.field", not(hasItem("contactEmail")));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"\\u0000shop", "tab\\tname", "\\u2003\\u2003"})
    void rejectsNamesWithControlCharactersOrNoVisibleText(String jsonEscapedName) {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"" + jsonEscapedName + "\",\"url\":\"http://example.com\","
                        + "\"contactEmail\":\"a@example.com\"}")
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("name"));
    }

    @Test
    void rejectsAnInvalidEmail() {
        asAdmin().contentType(ContentType.JSON).body(body("Shop", "https://example.com", 60, "not-an-email"))
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("contactEmail"));
    }

    @Test
    void rejectsAMissingBody() {
        asAdmin().contentType(ContentType.JSON)
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("body"));
    }

    @Test
    void rejectsMalformedJson() {
        asAdmin().contentType(ContentType.JSON).body("{\"name\": \"Shop\", \"url\": ")
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("body"))
                .body("detail", containsString("not valid JSON"));
    }

    @Test
    void rejectsAWrongTypeNamingTheField() {
        asAdmin().contentType(ContentType.JSON).body(body("Shop", "https://example.com", "\"often\"", "a@example.com"))
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("intervalSeconds"));
    }

    @Test
    void rejectsUnknownFields() {
        asAdmin().contentType(ContentType.JSON)
                .body("{\"name\":\"n\",\"url\":\"http://example.com\",\"contactEmail\":\"a@example.com\",\"colour\":1}")
                .when().post("/api/v1/monitors")
                .then().statusCode(400).contentType(Problem.MEDIA_TYPE).body("errors.field", hasItem("colour"));
    }

    @Test
    void answers404ForAnUnknownOrMalformedId() {
        asAdmin().when().get("/api/v1/monitors/" + UUID.randomUUID())
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE)
                .body("detail", startsWith("no monitor with id"));
        asAdmin().when().get("/api/v1/monitors/not-a-uuid")
                .then().statusCode(404).contentType(Problem.MEDIA_TYPE);
    }
}
