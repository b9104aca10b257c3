package io.tocsin.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.IntConsumer;

/**
 * The benchmark's HTTP client for load: non-blocking sends over HTTP/1.1 keep-alive connections (what Alertmanager
 * and most webhook senders speak) on one Vert.x event loop, and a cheap look into each 202 for the incident it names.
 * java.net.http.HttpClient did the same job at about four times the CPU per request here, which on two shared cores
 * is CPU the stack under test would miss. Also sends the unmeasured work around a run (resolves, read-backs) a few at
 * a time, retrying what the server refused.
 */
final class LoadClient implements AutoCloseable {

    static final long REQUEST_TIMEOUT_MILLIS = 10_000;
    private static final long RETRY_NANOS = 90_000_000_000L;
    private static final JsonFactory JSON = new JsonFactory();

    /** A request built once and sent as often as needed. */
    record Request(RequestOptions options, Buffer body) {
    }

    private final Vertx vertx = BenchVertx.get();
    private final Context context = vertx.getOrCreateContext();
    private final HttpClient http = vertx.createHttpClient(new HttpClientOptions()
            .setMaxPoolSize(IntakeBench.MAX_IN_FLIGHT)
            .setKeepAlive(true)
            .setConnectTimeout(5000)
            .setTryUseCompression(false));

    static Request postJson(String url, String body) {
        return new Request(new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(url)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS).putHeader("Content-Type", "application/json"), Buffer.buffer(body));
    }

    static Request get(String url, String token) {
        return new Request(new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(url)
                .setIdleTimeout(REQUEST_TIMEOUT_MILLIS).putHeader("Authorization", "Bearer " + token), null);
    }

    /**
     * Sends without waiting (from any thread: the send itself runs on the client's event loop); the answer carries
     * status, Retry-After and the incident id of a 202, or fails with the network error or a TimeoutException.
     */
    CompletableFuture<OpenLoop.Answer> send(Request request) {
        CompletableFuture<OpenLoop.Answer> answer = new CompletableFuture<>();
        context.runOnContext(ignored -> http.request(request.options())
                .compose(r -> request.body() == null ? r.send() : r.send(request.body()))
                .compose(response -> response.body().map(body -> answer(response, body)))
                .onComplete(done -> {
                    if (done.succeeded()) {
                        answer.complete(done.result());
                    } else {
                        answer.completeExceptionally(done.cause());
                    }
                }));
        return answer;
    }

    private static OpenLoop.Answer answer(HttpClientResponse response, Buffer body) {
        int status = response.statusCode();
        return new OpenLoop.Answer(status, response.getHeader("Retry-After"),
                status == 202 ? topLevelString(body.toString(), "incidentId") : null);
    }

    /**
     * Sends every request with at most {@code concurrency} in flight, each retried for up to 90 s while the answer
     * is 429, 503 or a network error, after Retry-After (at most 30 s) or half a second. Returns the final status of
     * each ({@link LoadResult#ERROR} for a network error, {@link LoadResult#TIMEOUT} for no answer).
     */
    int[] sendAll(List<Request> requests, int concurrency) throws InterruptedException {
        int[] statuses = new int[requests.size()];
        Semaphore permits = new Semaphore(concurrency);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (int i = 0; i < requests.size(); i++) {
            permits.acquire();
            int index = i;
            CompletableFuture<Void> done = new CompletableFuture<>();
            attempt(requests.get(i), System.nanoTime() + RETRY_NANOS, status -> {
                statuses[index] = status;
                permits.release();
                done.complete(null);
            });
            all.add(done);
        }
        CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).join();
        return statuses;
    }

    private void attempt(Request request, long giveUpAt, IntConsumer finished) {
        send(request).whenComplete((answer, failure) -> {
            int status = failure == null ? answer.status()
                    : LoadResult.isTimeout(failure) ? LoadResult.TIMEOUT : LoadResult.ERROR;
            boolean retry = failure != null || LoadResult.isRejection(status);
            long wait = RetryAfter.retryMillis(failure == null ? answer.retryAfter() : null, 500, 30_000);
            if (!retry || System.nanoTime() + wait * 1_000_000 > giveUpAt) {
                finished.accept(status);
                return;
            }
            vertx.setTimer(wait, id -> attempt(request, giveUpAt, finished));
        });
    }

    /**
     * Sends a few hundred requests to {@code url} (the page sink's warm-up path) before a measured run: the first
     * requests of a fresh client pay for class loading, the resolver and the first compilations, about a second here,
     * which would otherwise show up as the server's latency in the run's first second.
     */
    void warmUp(String url) throws InterruptedException {
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            requests.add(postJson(url, "{\"incidentId\":\"warm-up\",\"step\":" + i + "}"));
        }
        sendAll(requests, 16);
    }

    /** The value of a top-level string field of a JSON object, read without building a tree; null if absent. */
    static String topLevelString(String json, String field) {
        if (json == null || json.isEmpty()) {
            return null;
        }
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals(field) && value == JsonToken.VALUE_STRING) {
                    return parser.getText();
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException notJson) {
            return null;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
