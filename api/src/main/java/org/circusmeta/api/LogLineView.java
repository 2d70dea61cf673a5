package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One line of a watcher's output, as {@code GET /api/logs} lists it: the node and the watcher, the
 * process that wrote it ({@code pid} is absent when the node cannot know, a line read from a file),
 * {@code stdout} or {@code stderr}, when the node read it (Unix seconds) and the text, without its end of
 * line (a line longer than 64 KiB is cut and ends with a marker).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LogLineView(
        String node,
        String watcher,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer pid,
        String stream,
        double time,
        String line) {

    /** The line as {@code circusmeta logs} prints it: {@code NODE:WATCHER[PID] text}, stderr marked. */
    public String printed() {
        return node + ":" + watcher + (pid == null ? "" : "[" + pid + "]") + ("stderr".equals(stream) ? " (stderr) " : " ")
                + line;
    }
}
