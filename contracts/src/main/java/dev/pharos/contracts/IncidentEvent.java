package dev.pharos.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.UUID;

/** An event on {@link Topics#INCIDENTS}; the JSON {@code type} field tells which. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = IncidentOpened.class, name = "IncidentOpened"),
        @JsonSubTypes.Type(value = IncidentResolved.class, name = "IncidentResolved")
})
public sealed interface IncidentEvent permits IncidentOpened, IncidentResolved {

    int VERSION = 1;

    int v();

    UUID incidentId();

    UUID monitorId();
}
