package org.circusmeta.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * An {@link ObjectMapper} that reads and writes these records as the manager does: times as ISO-8601
 * text ({@code 2026-11-26T04:40:04.854654205Z}), Optionals, unknown fields of a representation
 * ignored. For clients; the manager configures Dropwizard's own mapper with {@link #configure}.
 */
public final class ApiJson {
    private ApiJson() {}

    /** A new mapper; thread-safe once configured, so share it. */
    public static ObjectMapper mapper() {
        return configure(new ObjectMapper()).disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** Times as ISO-8601 text, kept in UTC as written, and Optionals: how the API writes and reads them. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper
                .registerModule(new JavaTimeModule())
                .registerModule(new Jdk8Module())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE);
    }
}
