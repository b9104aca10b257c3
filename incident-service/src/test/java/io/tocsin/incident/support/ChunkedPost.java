package io.tocsin.incident.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/**
 * A real chunked POST over a plain socket (no Content-Length, {@code Transfer-Encoding: chunked}), as a client
 * that streams its body sends it. The body is written on another thread, so a server that answers early and stops
 * reading is seen answering rather than blocking the test; a reset connection is reported as status 0.
 */
public final class ChunkedPost {

    /** What came back: status (0 when the connection was reset or closed without an answer), type and body. */
    public record Answer(int status, String contentType, String body) {
    }

    private ChunkedPost() {
    }

    public static Answer send(int port, String path, String body) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            CompletableFuture<Void> writing = CompletableFuture.runAsync(() -> write(out, path, body));
            Answer answer = read(socket.getInputStream());
            writing.exceptionally(ignored -> null).join();
            return answer;
        }
    }

    private static void write(OutputStream out, String path, String body) {
        try {
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            for (int offset = 0; offset < bytes.length; offset += 16_384) {
                int length = Math.min(16_384, bytes.length - offset);
                out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(bytes, offset, length);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        } catch (IOException e) {
            // The server stopped reading (it answered early and closed): what it answered is what counts.
        }
    }

    private static Answer read(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            in.transferTo(all);
        } catch (SocketException e) {
            // A reset after the answer was sent still leaves the answer; a reset before it leaves nothing.
        }
        String text = all.toString(StandardCharsets.UTF_8);
        if (!text.startsWith("HTTP/1.1 ")) {
            return new Answer(0, "", text);
        }
        int status = Integer.parseInt(text.substring(9, 12));
        int end = text.indexOf("\r\n\r\n");
        String head = end < 0 ? text : text.substring(0, end);
        String contentType = head.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-type:"))
                .map(l -> l.substring("content-type:".length()).trim()).findFirst().orElse("");
        return new Answer(status, contentType, end < 0 ? "" : text.substring(end + 4));
    }
}
