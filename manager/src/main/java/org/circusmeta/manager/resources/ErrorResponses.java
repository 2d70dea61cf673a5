package org.circusmeta.manager.resources;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import io.dropwizard.jersey.errors.EofExceptionWriterInterceptor;
import io.dropwizard.jersey.errors.IllegalStateExceptionMapper;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import io.dropwizard.jersey.optional.EmptyOptionalExceptionMapper;
import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.circusmeta.api.ApiError;
import org.circusmeta.manager.core.Failure;
import org.circusmeta.manager.resources.Answers.FailedRequest;
import org.circusmeta.protocol.Errno;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one table of the HTTP API's errors, each answered with {@code {"code", "message"}}: the status
 * of every use-case {@link Failure}, and of every exception a request can end in (a bad body, a bad
 * parameter, a registry write that failed). Each row is registered as the mapper of its exception
 * type, so that Jersey prefers it to any mapper of a wider type; anything else is Dropwizard's (a 4xx
 * Jersey raised itself, or a 500 logged with an id to find it by).
 *
 * <p>Thread-safe (stateless).
 */
public final class ErrorResponses {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);
    static final int UNPROCESSABLE = 422;

    private static final Map<Class<? extends Failure>, Integer> FAILURES = Map.of(
            Failure.UnknownNode.class, 404,
            Failure.UnknownWatcher.class, 404,
            Failure.NoFit.class, 409,
            Failure.NameTaken.class, 409,
            Failure.InvalidRecord.class, 409,
            Failure.InvalidRequest.class, UNPROCESSABLE,
            Failure.Unanswered.class, 504,
            Failure.Forbidden.class, 403);

    /** One row: how one type of exception is answered (a subclass names the type, as Jersey reads it). */
    private abstract static class Row<E extends Throwable> implements ExceptionMapper<E> {
        private final Function<E, Response> answer;

        Row(Function<E, Response> answer) {
            this.answer = answer;
        }

        @Override
        public Response toResponse(E error) {
            return answer.apply(error);
        }
    }

    private static final List<Row<?>> ROWS = List.of(
            new Row<FailedRequest>(e -> failure(e.failure())) {},
            new Row<JerseyViolationException>(ErrorResponses::violations) {},
            new Row<JsonProcessingException>(JsonErrors::answer) {},
            new Row<ParamException>(ErrorResponses::parameter) {},
            new Row<RegistryUnavailableException>(e -> error(503, e.getMessage())) {},
            new Row<RegistryException>(e -> {
                LOG.warn("a registry write failed: {}", e.getMessage());
                return error(502, e.getMessage());
            }) {});

    private ErrorResponses() {}

    /** The table's rows, to register in place of Dropwizard's default mappers; and Dropwizard's own for the rest. */
    public static List<Object> providers() {
        List<Object> providers = new ArrayList<>(ROWS);
        providers.add(new LoggingExceptionMapper<Throwable>() {});
        providers.add(new EarlyEofExceptionMapper());
        providers.add(EofExceptionWriterInterceptor.class);
        providers.add(new EmptyOptionalExceptionMapper());
        providers.add(new IllegalStateExceptionMapper());
        return providers;
    }

    /** The status a use case's failure answers with (on the admin port's tasks too). */
    public static int status(Failure failure) {
        if (failure instanceof Failure.Refused refused) {
            int errno = refused.reply().errno().orElse(-1);
            return refused.reply().isAlreadyExists() ? 409
                    : errno == Errno.MESSAGE_ERROR.code() || errno == Errno.UNKNOWN_COMMAND.code() ? UNPROCESSABLE : 502;
        }
        return FAILURES.get(failure.getClass());
    }

    static Response failure(Failure failure) {
        return error(status(failure), failure.message());
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(status, message)).build();
    }

    private static Response violations(JerseyViolationException e) {
        return error(UNPROCESSABLE, e.getConstraintViolations().stream()
                .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
                .sorted()
                .collect(Collectors.joining("; ")));
    }

    private static Response parameter(ParamException e) {
        String kind = e.getParameterType().getSimpleName().replace("Param", "").toLowerCase(Locale.ROOT);
        Throwable cause = e.getCause();
        while (cause != null && !(cause instanceof NumberFormatException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String why = cause instanceof NumberFormatException ? "must be a whole number" : "could not be read";
        return error(UNPROCESSABLE, kind + " parameter " + e.getParameterName() + " " + why);
    }

    /** A body that is not the JSON asked for: what is wrong with it and where. */
    private static final class JsonErrors {
        static Response answer(JsonProcessingException e) {
            if (e instanceof JsonGenerationException || e instanceof InvalidDefinitionException) {
                LOG.error("could not write or read JSON because of the manager's own types", e);
                return error(500, "the manager failed to handle JSON; its log has the details");
            }
            if (e instanceof JsonParseException) {
                return error(UNPROCESSABLE, "the body is not valid JSON" + where(e.getLocation()) + ": " + e.getOriginalMessage());
            }
            if (e instanceof UnrecognizedPropertyException u) {
                return error(UNPROCESSABLE, u.getPropertyName() + ": unknown field; known fields are "
                        + u.getKnownPropertyIds().stream().map(String::valueOf).sorted().collect(Collectors.joining(", ")));
            }
            if (e instanceof JsonMappingException m && !m.getPath().isEmpty()) {
                return error(UNPROCESSABLE, field(m) + ": " + firstLine(m.getOriginalMessage()));
            }
            return error(UNPROCESSABLE, "the body could not be read" + where(e.getLocation()) + ": "
                    + firstLine(e.getOriginalMessage()));
        }

        private static String field(JsonMappingException m) {
            StringBuilder path = new StringBuilder();
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    path.append('[').append(ref.getIndex()).append(']');
                }
            }
            return path.toString();
        }

        private static String where(JsonLocation location) {
            return location == null || location.getLineNr() < 0 ? ""
                    : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
        }

        private static String firstLine(String message) {
            if (message == null) {
                return "no detail";
            }
            int newline = message.indexOf('\n');
            return newline < 0 ? message : message.substring(0, newline);
        }
    }
}
