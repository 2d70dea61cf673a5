package org.circusmeta.manager;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP reader that sends its GET and then reads nothing, with a receive buffer of 4 KiB: the kind of
 * reader a server must not buffer for without bound. {@link #readToEnd} reads at last. Not thread-safe.
 */
final class StalledReader implements AutoCloseable {
    private final Socket socket;

    private StalledReader(Socket socket) {
        this.socket = socket;
    }

    static StalledReader open(String base, String path) {
        URI uri = URI.create(base);
        Socket socket = new Socket();
        try {
            socket.setReceiveBufferSize(4096);
            socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 5000);
            socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                    + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new StalledReader(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("could not send the stalled reader's request", e);
        }
    }

    /**
     * Reads at last: the response's head, then its chunked body, until a chunk holds {@code last} (or 30 s
     * of silence); returns the last 64 KiB of body read.
     */
    String readToEnd(String last) throws IOException {
        socket.setSoTimeout(30_000);
        InputStream in = new BufferedInputStream(socket.getInputStream());
        while (!line(in).isEmpty()) {
            // the status line and the headers
        }
        StringBuilder body = new StringBuilder();
        for (int size = Integer.parseInt(line(in).strip(), 16); size > 0; size = Integer.parseInt(line(in).strip(), 16)) {
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            line(in);
            if (body.length() > 128 * 1024) {
                body.delete(0, body.length() - 64 * 1024);
            }
            if (body.indexOf(last) >= 0) {
                break;
            }
        }
        return body.toString();
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the stream ended within a line: " + line);
            }
            if (c != '\r') {
                line.append((char) c);
            }
        }
        return line.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
