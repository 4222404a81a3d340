package dev.pharos.scheduler.api;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;

/** Requests to the admin API as the test's bootstrap admin, or with any other key. */
public final class Api {

    /** The bootstrap admin key of the test profile (application.properties). */
    public static final String ADMIN_KEY = "pharos-test-admin-key-0123456789";

    private Api() {
    }

    public static RequestSpecification asAdmin() {
        return with(ADMIN_KEY);
    }

    public static RequestSpecification with(String key) {
        return given().header("Authorization", "Bearer " + key);
    }
}
