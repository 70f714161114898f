package procos.das.api.knowledge;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import procos.das.api.ApiProblem;
import procos.das.api.Page;
import procos.das.api.Paging;
import procos.das.api.RequestBody;

/** The knowledge base: its sources, uploads and references, re-indexing, and the jobs that do it. */
@Path("/knowledge")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "knowledge", description = "Knowledge sources, uploads, re-indexing and ingestion jobs")
public class KnowledgeResource {

    static final String FILE_PART = "file";

    @Inject
    KnowledgeServices services;

    /** {@code GET /procos/api/knowledge/sources}: the sources, by location, paged. */
    @GET
    @Path("sources")
    @Operation(summary = "The knowledge sources: status, size, chunks, last indexed")
    @APIResponse(responseCode = "200", description = "A page of sources")
    @APIResponse(responseCode = "400", description = "Bad offset or limit")
    public Page<KnowledgeSource> sources(@BeanParam Paging paging) {
        return paging.of(services.sources().all());
    }

    /**
     * {@code POST /procos/api/knowledge/sources}: stores the multipart part {@code file} in the knowledge
     * folder's uploads and starts indexing it.
     */
    @POST
    @Path("sources")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Operation(summary = "Uploads a document (part 'file': Markdown, text, HTML or PDF) and starts indexing it")
    @APIResponse(responseCode = "202", description = "Stored; the job indexing it")
    @APIResponse(responseCode = "409", description = "A file of that name exists (send replace=true), or a job runs")
    @APIResponse(responseCode = "413", description = "Larger than procos.knowledge.upload.max-bytes")
    @APIResponse(responseCode = "415", description = "Not a type ingestion reads")
    @APIResponse(responseCode = "422", description = "No part 'file', an unsafe or hidden name, or an empty file")
    public Response upload(List<EntityPart> parts,
                           @Parameter(description = "replace a stored file of the same name") @QueryParam("replace") @DefaultValue("false")
                           boolean replace) throws IOException {
        EntityPart file = filePart(parts);
        String name = UploadName.checked(file.getFileName().orElse(null));
        try (InputStream content = file.getContent()) {
            UploadAccepted accepted = services.upload(name, content, replace);
            return Response.accepted(accepted).location(jobUri(accepted.job().id())).build();
        }
    }

    /**
     * {@code POST /procos/api/knowledge/sources/reference}: indexes a file or folder already inside the
     * knowledge folder ({@code {"path": "relative"}}), or fetches and indexes the document at a URL
     * ({@code {"url": "https://..."}}) from a host listed in {@code procos.knowledge.url.allowed-hosts}.
     */
    @POST
    @Path("sources/reference")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Indexes a file or folder inside the knowledge folder, or the document at an allowed URL")
    @APIResponse(responseCode = "202", description = "The job indexing it")
    @APIResponse(responseCode = "409", description = "A job runs")
    @APIResponse(responseCode = "422", description = "Path outside the folder, hidden, missing; a URL that is not absolute "
            + "http(s), has user info, is over 2048 characters or names a host not allowed; both or neither of path and url")
    public Response reference(Map<String, Object> body) throws IOException {
        RequestBody fields = RequestBody.of(body, Set.of("path", "url"));
        Optional<String> url = fields.string("url");
        if (url.isPresent() && fields.string("path").isPresent()) {
            throw ApiProblem.unprocessable("url: send either path or url, not both");
        }
        return accepted(url.isPresent() ? services.referenceUrl(url.get()) : services.reference(fields.requiredString("path")));
    }

    /**
     * {@code POST /procos/api/knowledge/reindex}: brings one source ({@code {"source": "id"}}) or the
     * whole knowledge folder ({@code {}}) up to date; a removed source re-indexed by itself is back.
     */
    @POST
    @Path("reindex")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Re-indexes one source, or the whole knowledge folder")
    @APIResponse(responseCode = "202", description = "The job re-indexing")
    @APIResponse(responseCode = "404", description = "No such source")
    @APIResponse(responseCode = "409", description = "A job runs")
    @APIResponse(responseCode = "422", description = "The source is not a file this server can read again")
    public Response reindex(Map<String, Object> body) throws IOException {
        RequestBody fields = RequestBody.of(body, Set.of("source"));
        IngestionJob job = fields.string("source").isPresent() ? services.reindex(fields.requiredString("source")) : services.reindexAll();
        return accepted(job);
    }

    /** {@code DELETE /procos/api/knowledge/sources/{id}}: the source's chunks leave the index; its file stays. */
    @DELETE
    @Path("sources/{id}")
    @Operation(summary = "Removes a source from the index (its chunks); its file stays")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(responseCode = "404", description = "No such source")
    @APIResponse(responseCode = "409", description = "A job runs")
    public Response remove(@PathParam("id") String id) throws IOException {
        services.sources().remove(id);
        return Response.noContent().build();
    }

    /** {@code GET /procos/api/knowledge/jobs}: ingestion jobs, newest first, paged. */
    @GET
    @Path("jobs")
    @Operation(summary = "Ingestion jobs, newest first")
    @APIResponse(responseCode = "200", description = "A page of jobs")
    @APIResponse(responseCode = "400", description = "Bad offset or limit")
    public Page<JobView> jobs(@BeanParam Paging paging) {
        return paging.of(services.jobs().newestFirst()).map(IngestionJob::view);
    }

    /** {@code GET /procos/api/knowledge/jobs/{id}}: one job with its progress. */
    @GET
    @Path("jobs/{id}")
    @Operation(summary = "One ingestion job with its progress and ETA")
    @APIResponse(responseCode = "200", description = "The job")
    @APIResponse(responseCode = "404", description = "No such job")
    public JobView job(@PathParam("id") String id) {
        return find(id).view();
    }

    /** {@code GET /procos/api/knowledge/jobs/{id}/events}: the job's progress as server-sent events until it ends. */
    @GET
    @Path("jobs/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "The job's progress as server-sent events ('progress', the job's JSON) until it ends")
    @APIResponse(responseCode = "200", description = "An event stream")
    @APIResponse(responseCode = "404", description = "No such job")
    public void events(@PathParam("id") String id, @Context SseEventSink sink, @Context Sse sse) {
        JobEvents.stream(find(id), sink, sse);
    }

    private IngestionJob find(String id) {
        return services.jobs().find(id).orElseThrow(() -> ApiProblem.notFound("id: no ingestion job '" + id + "'"));
    }

    private static EntityPart filePart(List<EntityPart> parts) {
        if (parts == null) {
            throw ApiProblem.unprocessable("file: a multipart/form-data part named 'file' is required");
        }
        EntityPart file = null;
        for (EntityPart part : parts) {
            if (!part.getName().equals(FILE_PART)) {
                throw ApiProblem.unprocessable(part.getName() + ": unknown part; expected file");
            }
            if (file != null) {
                throw ApiProblem.unprocessable("file: send one file per request");
            }
            file = part;
        }
        if (file == null) {
            throw ApiProblem.unprocessable("file: a multipart/form-data part named 'file' is required");
        }
        return file;
    }

    private static Response accepted(IngestionJob job) {
        return Response.accepted(job.view()).location(jobUri(job.id())).build();
    }

    private static URI jobUri(String jobId) {
        return URI.create("knowledge/jobs/" + jobId);
    }
}
