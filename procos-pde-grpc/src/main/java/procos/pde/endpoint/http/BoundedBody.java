package procos.pde.endpoint.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body up to a cap and stops reading the moment the cap is passed, cancelling
 * the subscription so the connection is dropped instead of drained: a server sending gigabytes
 * costs the endpoint at most the cap plus one network buffer. A declared {@code Content-Length}
 * over the cap is refused before the first byte is read. Public for the knowledge base's document
 * fetcher, which reads untrusted bodies the same way.
 */
public final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

    /** The body passed the cap; carries nothing of the body itself. */
    public static final class TooLargeException extends IOException {
        TooLargeException(long cap) {
            super("response body exceeds " + cap + " bytes");
        }
    }

    private final long cap;
    private final boolean refuseAtOnce;
    private final CompletableFuture<byte[]> body = new CompletableFuture<>();
    private final ByteArrayOutputStream collected = new ByteArrayOutputStream();
    private Flow.Subscription subscription;
    private long received;

    private BoundedBody(long cap, boolean refuseAtOnce) {
        this.cap = cap;
        this.refuseAtOnce = refuseAtOnce;
    }

    /**
     * A handler reading at most {@code cap} bytes. {@code head} tells it the request was a HEAD,
     * whose Content-Length describes a body that is never sent.
     */
    public static HttpResponse.BodyHandler<byte[]> handler(long cap, boolean head) {
        return info -> new BoundedBody(cap, !head && declaredLength(info).orElse(-1) > cap);
    }

    private static OptionalLong declaredLength(HttpResponse.ResponseInfo info) {
        try {
            return info.headers().firstValueAsLong("content-length");
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    @Override
    public CompletionStage<byte[]> getBody() {
        return body;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        if (refuseAtOnce) {
            subscription.cancel();
            body.completeExceptionally(new TooLargeException(cap));
        } else {
            subscription.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (body.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            received += buffer.remaining();
            if (received > cap) {
                subscription.cancel();
                collected.reset();
                body.completeExceptionally(new TooLargeException(cap));
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            collected.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable failure) {
        body.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        body.complete(collected.toByteArray());
    }
}
