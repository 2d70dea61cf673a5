package org.circusmeta.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/** The body of {@code PATCH /api/watchers/{name}}: the new count of copies, a number or {@code "all"}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScaleRequest(@NotNull JsonNode instances) {

    @AssertTrue(message = "instances " + InstancesValue.MESSAGE)
    @JsonIgnore
    public boolean isInstancesACountOrAll() {
        return instances == null || !instances.isNull() && InstancesValue.isValid(instances);
    }
}
