package org.circusmeta.manager.resources;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import org.circusmeta.api.ApiJson;

/**
 * How the HTTP API reads and writes JSON: times as ISO-8601 text, the nodes' replies with their
 * floats as circusd writes them ({@link PythonFloats}), and request bodies taken strictly.
 */
public final class ApiMapper {
    private ApiMapper() {}

    /** Configures Dropwizard's mapper (or a test's) as the API's. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        ApiJson.configure(mapper).registerModule(new PythonFloats());
        strict(mapper);
        return mapper;
    }

    /**
     * Request bodies take JSON types as they are (no "3" for 3, no 1.5 for an integer, no 3 for a string)
     * and no unknown fields, so that a typo is an error rather than a silently ignored option.
     */
    private static void strict(ObjectMapper mapper) {
        mapper.coercionConfigDefaults()
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
