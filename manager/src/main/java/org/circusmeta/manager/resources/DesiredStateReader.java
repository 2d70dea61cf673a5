package org.circusmeta.manager.resources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.ws.rs.WebApplicationException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.circusmeta.api.AddWatcherRequest;
import org.circusmeta.manager.core.AddWatcher;
import org.circusmeta.manager.watchers.Instances;

/**
 * Reads a desired-state file (README.md, "Fleet operations"), YAML or JSON: {@code watchers}, a list
 * of cluster watchers, each with the keys of {@code POST /api/watchers} but {@code node}. The whole file
 * is read and checked first, each watcher by the API's own rules (Jackson, strictly: an unknown key is
 * an error; then Bean Validation); every mistake is named, with its watcher and its key, in one 422.
 *
 * <p>Thread-safe.
 */
final class DesiredStateReader {
    private final ObjectMapper yaml = ApiMapper.configure(new ObjectMapper(new YAMLFactory()));
    private final Validator validator;

    DesiredStateReader(Validator validator) {
        this.validator = validator;
    }

    /** @throws WebApplicationException 422, naming every watcher and key at fault, when the file is not right */
    List<AddWatcher> read(String body) {
        JsonNode watchers = watchers(tree(body));
        List<AddWatcher> read = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        for (int i = 0; i < watchers.size(); i++) {
            JsonNode element = watchers.get(i);
            String who = "watcher " + (element.path("name").isTextual() ? element.path("name").asText() : "watchers[" + i + "]");
            if (!element.isObject()) {
                wrong.add(who + ": each watcher is a mapping of keys (name, cmd, numprocesses, instances, ...)");
                continue;
            }
            watcher(element, who, wrong).ifPresent(read::add);
        }
        if (!wrong.isEmpty()) {
            throw refused(String.join("; ", wrong) + "; nothing was changed");
        }
        return read;
    }

    private JsonNode tree(String body) {
        try {
            JsonNode tree = body == null || body.isBlank() ? null : yaml.readTree(body);
            if (tree == null || !tree.isObject()) {
                throw refused("the file must be a mapping with one key, watchers: a list of cluster watchers");
            }
            return tree;
        } catch (JsonProcessingException e) {
            throw refused("the file is neither YAML nor JSON" + (e.getLocation() == null ? "" : " (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")") + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static JsonNode watchers(JsonNode tree) {
        for (Iterator<String> keys = tree.fieldNames(); keys.hasNext(); ) {
            String key = keys.next();
            if (!key.equals("watchers")) {
                throw refused(key + ": unknown key at the top of the file; it has one key, watchers");
            }
        }
        JsonNode watchers = tree.path("watchers");
        if (!watchers.isArray()) {
            throw refused("watchers: must be a list of cluster watchers (an empty list for none)");
        }
        return watchers;
    }

    private Optional<AddWatcher> watcher(JsonNode element, String who, List<String> wrong) {
        AddWatcherRequest request;
        try {
            request = yaml.treeToValue(element, AddWatcherRequest.class);
        } catch (UnrecognizedPropertyException e) {
            wrong.add(who + ": " + e.getPropertyName() + ": unknown key; the keys are " + e.getKnownPropertyIds().stream()
                    .map(String::valueOf).filter(k -> !k.equals("node")).sorted().collect(Collectors.joining(", ")));
            return Optional.empty();
        } catch (JsonMappingException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]" : r.getFieldName())
                    .collect(Collectors.joining("."));
            wrong.add(who + ": " + key + ": " + e.getOriginalMessage().lines().findFirst().orElse(""));
            return Optional.empty();
        } catch (JsonProcessingException e) {
            wrong.add(who + ": " + e.getOriginalMessage());
            return Optional.empty();
        }
        List<String> violations = validator.validate(request).stream().map(DesiredStateReader::words).sorted().toList();
        violations.forEach(v -> wrong.add(who + ": " + v));
        if (request.node() != null) {
            wrong.add(who + ": node: a file holds cluster watchers, placed by the manager; pin a watcher on a node with"
                    + " circusmeta add --node");
        }
        return violations.isEmpty() && request.node() == null ? Optional.of(AddWatcher.placed(
                WatchersResource.definition(request), Instances.read(request.instances()).orElse(Instances.ONE),
                Optional.ofNullable(request.spread()), false)) : Optional.empty();
    }

    /** {@code cmd must not be blank}; a rule of several keys says them itself. */
    private static String words(ConstraintViolation<?> violation) {
        String key = violation.getPropertyPath().toString();
        return key.startsWith("is") || key.isEmpty() ? violation.getMessage() : key + ": " + violation.getMessage();
    }

    private static WebApplicationException refused(String message) {
        return new WebApplicationException(message, ErrorResponses.UNPROCESSABLE);
    }
}
