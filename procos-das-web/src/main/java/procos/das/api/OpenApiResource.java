package procos.das.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * {@code GET /procos/api/openapi}: the OpenAPI document of this API, written at build time from the
 * resources' annotations. Served here, behind the API's credentials, because Liberty's own
 * {@code /openapi} endpoint answers anyone.
 */
@Path("/openapi")
public class OpenApiResource {

    static final String DOCUMENT = "/procos/das/api/openapi.json";

    /** GET /procos/api/openapi: the document as JSON. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public byte[] document() {
        try (InputStream in = OpenApiResource.class.getResourceAsStream(DOCUMENT)) {
            if (in == null) {
                throw new NotFoundException("this build carries no OpenAPI document");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
