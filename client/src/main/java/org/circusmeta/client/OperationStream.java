package org.circusmeta.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.function.Consumer;
import org.circusmeta.api.OperationEvent;
import org.circusmeta.api.OperationView;

/**
 * A long-running operation's progress as the call that starts it streams it ({@code Accept:
 * application/x-ndjson}): one {@link OperationEvent} a line, the whole operation on the first and the
 * last. The manager sends a line at least every 10 s, well within the client's read deadline.
 *
 * <p>Confined to the thread that reads it.
 */
final class OperationStream {
    static final String NDJSON = "application/x-ndjson";

    private OperationStream() {}

    /**
     * Sends the call, tells {@code progress} each line as it came and as read, and returns the operation as it
     * ended.
     *
     * @throws ManagerRefused when the manager refuses the call (nothing was started)
     * @throws ManagerUnreachable when it cannot be reached, falls silent, or ends the stream before the end
     */
    static OperationView follow(Http http, ApiCall<OperationView> call, Consumer<Answer<OperationEvent>> progress) {
        HttpURLConnection connection = http.stream(call.method(), call.path(), call.body(), NDJSON,
                call.contentType());
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                String body = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
                throw new ManagerRefused(http.base(), call.describe(), new Response(status, body));
            }
            return read(http, call, connection.getInputStream(), progress);
        } catch (SocketTimeoutException e) {
            throw ManagerUnreachable.silent(http.base(), call.describe(), http.readTimeout());
        } catch (IOException e) {
            throw ManagerUnreachable.brokeOff(http.base(), call.describe(), " (" + e.getMessage() + ")");
        } finally {
            connection.disconnect();
        }
    }

    private static OperationView read(Http http, ApiCall<OperationView> call, InputStream body,
            Consumer<Answer<OperationEvent>> progress) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        Optional<OperationView> last = Optional.empty();
        for (String line = lines.readLine(); line != null; line = lines.readLine()) {
            if (line.isBlank()) {
                continue;
            }
            OperationEvent event = RecordJson.read(line, OperationEvent.class);
            progress.accept(new Answer<>(200, line, event));
            if (event.operation() != null) {
                last = Optional.of(event.operation());
                if (!event.operation().isRunning()) {
                    return event.operation();
                }
            }
        }
        throw ManagerUnreachable.brokeOff(http.base(), call.describe(), last.map(o -> " (operation " + o.id()
                + ": GET /api/operations/" + o.id() + " shows it)").orElse(""));
    }
}
