package org.circusmeta.manager.api;

import com.fasterxml.jackson.core.JsonGenerationException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidDefinitionException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.dropwizard.jersey.errors.EarlyEofExceptionMapper;
import io.dropwizard.jersey.errors.EofExceptionWriterInterceptor;
import io.dropwizard.jersey.errors.ErrorMessage;
import io.dropwizard.jersey.errors.IllegalStateExceptionMapper;
import io.dropwizard.jersey.errors.LoggingExceptionMapper;
import io.dropwizard.jersey.optional.EmptyOptionalExceptionMapper;
import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.dropwizard.jersey.validation.ConstraintMessage;
import io.dropwizard.jersey.validation.JerseyViolationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.Locale;
import java.util.stream.Collectors;
import org.circusmeta.manager.command.NodeRefusedException;
import org.circusmeta.manager.command.NodeTimeoutException;
import org.circusmeta.manager.nodes.InvalidNodeException;
import org.circusmeta.manager.nodes.UnknownNodeException;
import org.circusmeta.manager.placement.NoNodeFitsException;
import org.circusmeta.manager.reconcile.ClusterWatcherExistsException;
import org.circusmeta.manager.watchers.UnknownWatcherException;
import org.circusmeta.protocol.Errno;
import org.circusmeta.registration.zookeeper.RegistryException;
import org.circusmeta.registration.zookeeper.RegistryUnavailableException;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One exception mapper per domain exception, each answering with Dropwizard's
 * {@code {"code", "message"}}; and the mappers for bad bodies and parameters, so that bad input is
 * always a 4xx that names what was wrong. Replaces Dropwizard's default set (registered here too,
 * but for JSON and validation errors, which these read better).
 */
public final class ErrorMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMappers.class);
    static final int UNPROCESSABLE = 422;

    private ErrorMappers() {}

    public static void register(JerseyEnvironment jersey) {
        jersey.register(new LoggingExceptionMapper<Throwable>() {});
        jersey.register(new EarlyEofExceptionMapper());
        jersey.register(EofExceptionWriterInterceptor.class);
        jersey.register(new EmptyOptionalExceptionMapper());
        jersey.register(new IllegalStateExceptionMapper());
        jersey.register(new ViolationMapper());
        jersey.register(new JsonBodyMapper());
        jersey.register(new ParamMapper());
        jersey.register(new UnknownNodeMapper());
        jersey.register(new UnknownWatcherMapper());
        jersey.register(new UnknownActionMapper());
        jersey.register(new InvalidRequestMapper());
        jersey.register(new NodeTimeoutMapper());
        jersey.register(new NodeRefusedMapper());
        jersey.register(new NoNodeFitsMapper());
        jersey.register(new NameTakenMapper());
        jersey.register(new ClusterWatcherExistsMapper());
        jersey.register(new InvalidNodeMapper());
        jersey.register(new RegistryUnavailableMapper());
        jersey.register(new RegistryMapper());
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ErrorMessage(status, message)).build();
    }

    static final class ViolationMapper implements ExceptionMapper<JerseyViolationException> {
        @Override
        public Response toResponse(JerseyViolationException e) {
            String message = e.getConstraintViolations().stream()
                    .map(v -> ConstraintMessage.getMessage(v, e.getInvocable()))
                    .sorted()
                    .collect(Collectors.joining("; "));
            return error(UNPROCESSABLE, message);
        }
    }

    static final class JsonBodyMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
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

    static final class ParamMapper implements ExceptionMapper<ParamException> {
        @Override
        public Response toResponse(ParamException e) {
            String kind = e.getParameterType().getSimpleName().replace("Param", "").toLowerCase(Locale.ROOT);
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof NumberFormatException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            String why = cause instanceof NumberFormatException ? "must be a whole number" : "could not be read";
            return error(UNPROCESSABLE, kind + " parameter " + e.getParameterName() + " " + why);
        }
    }

    static final class UnknownNodeMapper implements ExceptionMapper<UnknownNodeException> {
        @Override
        public Response toResponse(UnknownNodeException e) {
            return error(404, e.getMessage());
        }
    }

    static final class UnknownWatcherMapper implements ExceptionMapper<UnknownWatcherException> {
        @Override
        public Response toResponse(UnknownWatcherException e) {
            return error(404, e.getMessage());
        }
    }

    static final class UnknownActionMapper implements ExceptionMapper<UnknownActionException> {
        @Override
        public Response toResponse(UnknownActionException e) {
            return error(404, e.getMessage());
        }
    }

    static final class InvalidRequestMapper implements ExceptionMapper<InvalidRequestException> {
        @Override
        public Response toResponse(InvalidRequestException e) {
            return error(UNPROCESSABLE, e.getMessage());
        }
    }

    static final class NodeTimeoutMapper implements ExceptionMapper<NodeTimeoutException> {
        @Override
        public Response toResponse(NodeTimeoutException e) {
            return error(504, e.getMessage());
        }
    }

    static final class NodeRefusedMapper implements ExceptionMapper<NodeRefusedException> {
        @Override
        public Response toResponse(NodeRefusedException e) {
            int errno = e.reply().errno().orElse(-1);
            boolean duplicate = e.reply().reason().map(r -> r.contains("already exist")).orElse(false);
            int status = duplicate ? 409
                    : errno == Errno.MESSAGE_ERROR.code() || errno == Errno.UNKNOWN_COMMAND.code() ? UNPROCESSABLE : 502;
            return error(status, e.getMessage());
        }
    }

    static final class NoNodeFitsMapper implements ExceptionMapper<NoNodeFitsException> {
        @Override
        public Response toResponse(NoNodeFitsException e) {
            return error(409, e.getMessage());
        }
    }

    static final class NameTakenMapper implements ExceptionMapper<NameTakenException> {
        @Override
        public Response toResponse(NameTakenException e) {
            return error(409, e.getMessage());
        }
    }

    static final class ClusterWatcherExistsMapper implements ExceptionMapper<ClusterWatcherExistsException> {
        @Override
        public Response toResponse(ClusterWatcherExistsException e) {
            return error(409, e.getMessage());
        }
    }

    static final class InvalidNodeMapper implements ExceptionMapper<InvalidNodeException> {
        @Override
        public Response toResponse(InvalidNodeException e) {
            return error(409, e.getMessage());
        }
    }

    static final class RegistryUnavailableMapper implements ExceptionMapper<RegistryUnavailableException> {
        @Override
        public Response toResponse(RegistryUnavailableException e) {
            return error(503, e.getMessage());
        }
    }

    static final class RegistryMapper implements ExceptionMapper<RegistryException> {
        @Override
        public Response toResponse(RegistryException e) {
            LOG.warn("a registry write failed: {}", e.getMessage());
            return error(502, e.getMessage());
        }
    }
}
