package org.circusmeta.bench.scale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;

/**
 * The manager's HTTP API and admin port, as a client on this machine uses them: JSON in and out over
 * keep-alive HTTP/1.1, each call made and read on the caller's thread ({@link HttpURLConnection}: the
 * JDK's asynchronous HttpClient hands each response between its own threads, which on this 2-core
 * machine added milliseconds to the figures, measured against a Python http.client).
 *
 * <p>Thread-safe.
 */
final class ManagerApi {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String api;
    private final String admin;

    /** A response: status code and body (JSON, or null when the body is not JSON). */
    record Response(int status, JsonNode json) {}

    ManagerApi(int apiPort, int adminPort) {
        this.api = "http://127.0.0.1:" + apiPort;
        this.admin = "http://127.0.0.1:" + adminPort;
    }

    Response post(String path, JsonNode body) {
        return send(api + path, "POST", bytes(body));
    }

    Response delete(String path) {
        return send(api + path, "DELETE", null);
    }

    Response get(String path) {
        return send(api + path, "GET", null);
    }

    /** True once the admin port answers at all. */
    boolean isUp() {
        try {
            send(admin + "/healthcheck", "GET", null);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    /** Runs Dropwizard's {@code gc} task (System.gc) twice, then reads the heap in use from {@code /metrics}. */
    long heapAfterGc() {
        for (int i = 0; i < 2; i++) {
            send(admin + "/tasks/gc", "POST", new byte[0]);
        }
        return metrics().path("gauges").path("jvm.memory.heap.used").path("value").asLong();
    }

    JsonNode metrics() {
        return send(admin + "/metrics", "GET", null).json();
    }

    private static Response send(String url, String method, byte[] body) {
        try {
            HttpURLConnection http = (HttpURLConnection) URI.create(url).toURL().openConnection();
            http.setRequestMethod(method);
            http.setConnectTimeout(5_000);
            http.setReadTimeout(60_000);
            if (body != null) {
                http.setDoOutput(true);
                http.setRequestProperty("Content-Type", "application/json");
                http.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = http.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = http.getResponseCode();
            InputStream in = status >= 400 ? http.getErrorStream() : http.getInputStream();
            byte[] bytes = in == null ? new byte[0] : in.readAllBytes();
            if (in != null) {
                in.close();
            }
            return new Response(status, parse(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("the manager did not answer " + method + " " + url, e);
        }
    }

    private static JsonNode parse(byte[] bytes) {
        try {
            return bytes.length == 0 ? null : JSON.readTree(bytes);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectMapper json() {
        return JSON;
    }
}
