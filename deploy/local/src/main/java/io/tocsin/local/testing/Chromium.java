package io.tocsin.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the DevTools protocol (JDK WebSocket, no extra library): device metrics
 * emulation gives a true 360 px viewport, which plain {@code --window-size} cannot (headless windows are at least
 * 500 px wide). Closed with {@link #close}, which ends only the processes this object started. Shared by every
 * module's browser tests.
 */
public final class Chromium implements AutoCloseable {

    /**
     * The binary: {@code TOCSIN_CHROMIUM} when set (and only it), else {@code chromium} or {@code chromium-browser}
     * on the PATH; null when there is none.
     */
    public static Path binary() {
        String override = System.getenv("TOCSIN_CHROMIUM");
        if (override != null && !override.isBlank()) {
            return Files.isExecutable(Path.of(override)) ? Path.of(override) : null;
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "" : path).split(File.pathSeparator)) {
            for (String name : new String[]{"chromium", "chromium-browser"}) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, name))) {
                    return Path.of(dir, name);
                }
            }
        }
        return null;
    }

    /** Where Chromium is missing the browser check is skipped, loudly; where one of these says so, it fails. */
    public static boolean required() {
        return Stream.of(System.getenv("TOCSIN_REQUIRE_CHROMIUM"), System.getenv("CI"))
                .filter(Objects::nonNull).anyMatch(v -> !v.isBlank() && !v.equalsIgnoreCase("false"));
    }

    /** What the page measured of itself. */
    public record Layout(int innerWidth, int scrollWidth) {
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

    public Chromium(Path binary) throws Exception {
        profile = Files.createTempDirectory("tocsin-chromium-");
        process = new ProcessBuilder(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + profile, "--remote-debugging-port=0", "about:blank")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        String browserUrl = awaitDevTools();
        int port = URI.create(browserUrl).getPort();
        HttpClient http = HttpClient.newHttpClient();
        String targets = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/json/list")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        String pageUrl = null;
        for (JsonNode target : MAPPER.readTree(targets)) {
            if ("page".equals(target.path("type").asText())) {
                pageUrl = target.path("webSocketDebuggerUrl").asText();
                break;
            }
        }
        if (pageUrl == null) {
            throw new IllegalStateException("Chromium opened no page: " + targets);
        }
        socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new Listener()).get(10, TimeUnit.SECONDS);
    }

    /** Loads {@code url} in a viewport {@code width} px wide (a phone below 600 px) and waits for it to render. */
    public void open(String url, int width, int height) throws Exception {
        call("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", width < 600));
        call("Page.navigate", Map.of("url", url));
        Instant deadline = Instant.now().plusSeconds(15);
        while (!"complete".equals(evaluate("document.readyState").asText())) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("The page did not finish loading: " + url);
            }
            Thread.sleep(100);
        }
    }

    /** Sends these headers with every request the page makes from now on (e.g. a bearer token, as a proxy would). */
    public void extraHeaders(Map<String, String> headers) throws Exception {
        call("Network.enable", Map.of());
        call("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    /** Waits until a JavaScript condition holds in the page; fails with {@code what} after {@code timeout}. */
    public void await(String condition, Duration timeout, String what) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (!evaluate("!!(" + condition + ")").asBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("In the browser, after " + timeout.toSeconds() + " s: " + what);
            }
            Thread.sleep(100);
        }
    }

    public Layout layout() throws Exception {
        JsonNode value = evaluate("({inner: window.innerWidth, scroll: Math.max(document.documentElement.scrollWidth,"
                + " document.body.scrollWidth)})");
        return new Layout(value.path("inner").asInt(), value.path("scroll").asInt());
    }

    /** A PNG of the whole page (beyond the viewport), {@code width} px wide. */
    public void screenshot(Path file, int width) throws Exception {
        JsonNode metrics = call("Page.getLayoutMetrics", Map.of());
        double height = Math.min(6000, metrics.path("cssContentSize").path("height").asDouble());
        JsonNode shot = call("Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true,
                "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        Files.createDirectories(file.getParent());
        Files.write(file, Base64.getDecoder().decode(shot.path("data").asText()));
    }

    /** The value of a JavaScript expression in the page (returned by value, so plain data only). */
    public JsonNode evaluate(String expression) throws Exception {
        JsonNode result = call("Runtime.evaluate", Map.of("expression", expression, "returnByValue", true));
        return result.path("result").path("value");
    }

    private JsonNode call(String method, Map<String, Object> params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = MAPPER.createObjectNode().put("id", id).put("method", method);
        message.set("params", MAPPER.valueToTree(params));
        socket.sendText(MAPPER.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
        JsonNode response = answer.get(20, TimeUnit.SECONDS);
        if (response.has("error")) {
            throw new IllegalStateException(method + " failed: " + response.get("error"));
        }
        return response.path("result");
    }

    private String awaitDevTools() throws IOException {
        BufferedReader stderr = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> url = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = stderr.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        url.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // The process ended.
            }
            url.completeExceptionally(new IllegalStateException("Chromium exited before DevTools listened"));
        }, "chromium-stderr");
        reader.setDaemon(true);
        reader.start();
        try {
            return url.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("Chromium did not start DevTools", e);
        }
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            socket.abort();
        }
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder buffer = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            buffer.append(data);
            if (last) {
                try {
                    JsonNode message = MAPPER.readTree(buffer.toString());
                    if (message.has("id")) {
                        CompletableFuture<JsonNode> answer = pending.remove(message.get("id").asInt());
                        if (answer != null) {
                            answer.complete(message);
                        }
                    }
                } catch (IOException e) {
                    // Not JSON: ignore, DevTools only sends JSON.
                }
                buffer.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
