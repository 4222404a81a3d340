package dev.pharos.scheduler.api;

import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Incidents across the caller's monitors (all monitors for an admin), newest first. */
@Path("/api/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
public class IncidentResource {

    private final ReadModels readModels;

    public IncidentResource(ReadModels readModels) {
        this.readModels = readModels;
    }

    /**
     * @param status open or resolved, or every incident when left out
     * @param limit  at most this many, 1–500 (default 100)
     */
    @GET
    public List<ReadModels.IncidentView> list(@QueryParam("status") String status,
                                              @QueryParam("limit") @DefaultValue("100") int limit) {
        return readModels.incidents(status, limit);
    }
}
