package dev.pharos.scheduler.api;

import static dev.pharos.scheduler.api.Api.with;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pharos.devstack.DevstackTestResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Monitors as code: export a document, import it elsewhere, import it again (nothing changes), edit and import. */
@QuarkusTest
@WithTestResource(DevstackTestResource.class)
class TransferTest {

    private static String newOwnerKey() {
        return Api.asAdmin().contentType(ContentType.JSON)
                .body("{\"name\": \"k\", \"ownerName\": \"Transfer " + UUID.randomUUID() + "\"}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
    }

    @Test
    void exportImportIsIdempotentInJsonAndYaml() {
        String source = newOwnerKey();
        for (String name : new String[] {"Home page", "API health"}) {
            with(source).contentType(ContentType.JSON)
                    .body("{\"name\": \"" + name + "\", \"url\": \"https://example.com/" + name.length() + "\", "
                            + "\"tags\": [\"prod\"], \"alertPolicy\": {\"failuresToOpen\": 3}, "
                            + "\"contactEmail\": \"ops@example.com\"}")
                    .post("/api/v1/monitors").then().statusCode(201);
        }
        String exportedJson = with(source).get("/api/v1/monitors/export").then().statusCode(200)
                .contentType(ContentType.JSON).body("monitors.name", containsInAnyOrder("Home page", "API health"))
                .extract().asString();
        String exportedYaml = with(source).get("/api/v1/monitors/export?format=yaml").then().statusCode(200)
                .contentType("application/yaml").extract().asString();
        assertTrue(exportedYaml.contains("name: Home page") && exportedYaml.contains("failuresToOpen: 3"),
                exportedYaml);

        String target = newOwnerKey();
        with(target).contentType(ContentType.JSON).body(exportedJson).post("/api/v1/monitors/import")
                .then().statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0));
        with(target).contentType(ContentType.JSON).body(exportedJson).post("/api/v1/monitors/import")
                .then().statusCode(200).body("created", equalTo(0)).body("unchanged", equalTo(2));
        with(target).contentType("application/yaml").body(exportedYaml.replace("failuresToOpen: 3",
                        "failuresToOpen: 4").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/monitors/import")
                .then().statusCode(200).body("updated", equalTo(2)).body("created", equalTo(0));
        with(target).get("/api/v1/monitors").then().statusCode(200)
                .body("items", hasSize(2)).body("items.alertPolicy.failuresToOpen", containsInAnyOrder(4, 4))
                .body("items.tags[0]", hasItem("prod"));
        // The source owner's monitors were never touched.
        with(source).get("/api/v1/monitors").then().body("items.alertPolicy.failuresToOpen",
                containsInAnyOrder(3, 3));
    }

    @Test
    void aBadDocumentIsRefusedWholeNamingTheField() {
        String key = newOwnerKey();
        with(key).contentType(ContentType.JSON)
                .body("{\"monitors\": [{\"name\": \"ok\", \"url\": \"https://example.com/\", "
                        + "\"contactEmail\": \"a@example.com\"}, {\"name\": \"bad\", \"url\": \"ftp://x/\", "
                        + "\"contactEmail\": \"a@example.com\"}]}")
                .post("/api/v1/monitors/import").then().statusCode(400).contentType(Problem.MEDIA_TYPE)
                .body("errors.field", hasItem("monitors[1].url"));
        with(key).contentType(ContentType.JSON)
                .body("{\"monitors\": [{\"name\": \"twice\", \"url\": \"https://example.com/\", "
                        + "\"contactEmail\": \"a@example.com\"}, {\"name\": \"twice\", \"url\": \"https://example.com/\", "
                        + "\"contactEmail\": \"a@example.com\"}]}")
                .post("/api/v1/monitors/import").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        with(key).contentType("application/yaml")
                .body("monitors:\n  - name: [unclosed\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/monitors/import").then().statusCode(400).contentType(Problem.MEDIA_TYPE);
        with(key).contentType(ContentType.JSON).body("{\"monitor\": []}")
                .post("/api/v1/monitors/import").then().statusCode(400).body("errors.field", hasItem("monitor"));
        with(key).get("/api/v1/monitors/export?format=xml").then().statusCode(400);
        // Nothing of the refused documents was kept.
        with(key).get("/api/v1/monitors").then().statusCode(200).body("items", hasSize(0));
    }
}
