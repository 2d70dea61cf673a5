package org.circusmeta.registration.registrar;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import org.circusmeta.protocol.CircusJson;
import org.circusmeta.protocol.MalformedMessageException;
import org.circusmeta.protocol.QualifiedName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar's memory across restarts, {@code <state-dir>/registration.json}:
 * {@code {"name": NEW, "configured_name": OLD, "renamed_at": "…"}}. The remembered name counts only
 * while the configured name (flag or config) is still the one it was renamed from, so that an
 * operator who changes {@code --name} on purpose gets that name.
 *
 * <p>Thread-safe: every call reads or writes the file whole; a write goes to a temporary file first
 * and is moved into place.
 */
final class StateFile {
    static final String FILE_NAME = "registration.json";
    private static final Logger LOG = LoggerFactory.getLogger(StateFile.class);

    private final Path file;

    StateFile(Path dir) {
        this.file = dir.resolve(FILE_NAME);
    }

    Path path() {
        return file;
    }

    /** The name to register under, given the configured one; never throws (a bad file is logged and ignored). */
    String nameFor(String configured) {
        Optional<ObjectNode> json = read();
        if (json.isEmpty()) {
            return configured;
        }
        String remembered = json.get().path("name").asText("");
        String from = json.get().path("configured_name").asText("");
        if (!QualifiedName.isValidNodeName(remembered)) {
            LOG.warn("{} holds no valid node name; registering as {}", file, configured);
            return configured;
        }
        if (!from.equals(configured)) {
            LOG.info("{} remembers the name {} given in place of {}, but the configured name is now {}; registering"
                    + " as {}", file, remembered, from, configured, configured);
            return configured;
        }
        if (!remembered.equals(configured)) {
            LOG.info("registering as {} (renamed from {}, remembered in {})", remembered, configured, file);
        }
        return remembered;
    }

    /**
     * Remembers a new name.
     *
     * @throws IOException when the file cannot be written
     */
    void remember(String name, String configured) throws IOException {
        ObjectNode json = CircusJson.object();
        json.put("name", name);
        json.put("configured_name", configured);
        json.put("renamed_at", Instant.now().toString());
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE_NAME + ".tmp");
        Files.write(tmp, CircusJson.write(json));
        try {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private Optional<ObjectNode> read() {
        try {
            return Optional.of(CircusJson.readObject(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | MalformedMessageException e) {
            LOG.warn("could not read {} ({}); using the configured name", file, e.getMessage());
            return Optional.empty();
        }
    }
}
