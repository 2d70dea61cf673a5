package org.circusmeta.manager;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dropwizard.configuration.ConfigurationFactoryFactory;
import io.dropwizard.configuration.YamlConfigurationFactory;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dropwizard's {@code -Ddw.KEY=VALUE} overrides, where an index past the end of a list adds entries:
 * {@code -Ddw.auth.tokens[0]=secret} against config.yml's {@code tokens: []}, or
 * {@code -Ddw.auth.tokens[1].name=ci} after it. Dropwizard alone refuses any index past the end.
 *
 * <p>Thread-safe as Dropwizard's factory is: used once, at start-up.
 */
final class ConfigOverrides<T> extends YamlConfigurationFactory<T> {
    private static final Pattern INDEXED = Pattern.compile("(.+)\\[(\\d+)\\]");
    private static final Pattern UNESCAPED_DOT = Pattern.compile("(?<!\\\\)\\.");

    /** For {@code bootstrap.setConfigurationFactoryFactory}, with Dropwizard's own mapper settings. */
    static final ConfigurationFactoryFactory<ManagerConfiguration> FACTORY = (klass, validator, mapper, prefix) ->
            new ConfigOverrides<>(klass, validator, mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES),
                    prefix);

    private ConfigOverrides(Class<T> klass, jakarta.validation.Validator validator,
            com.fasterxml.jackson.databind.ObjectMapper mapper, String prefix) {
        super(klass, validator, mapper, prefix);
    }

    @Override
    protected void addOverride(JsonNode root, String name, String value) {
        grow(root, UNESCAPED_DOT.split(name));
        super.addOverride(root, name, value);
    }

    /**
     * Adds the entries up to the one an index past the end of a list names, along the path (overrides come
     * in no set order: {@code tokens[1]} may come before {@code tokens[0]}); Dropwizard then sets them.
     */
    private static void grow(JsonNode root, String[] parts) {
        JsonNode node = root;
        for (int i = 0; i < parts.length && node instanceof ObjectNode object; i++) {
            String part = parts[i].strip().replace("\\.", ".");
            Matcher indexed = INDEXED.matcher(part);
            if (!indexed.matches()) {
                node = object.get(part);
                continue;
            }
            JsonNode list = object.get(indexed.group(1));
            if (list == null) {
                list = object.putArray(indexed.group(1));
            }
            int index = Integer.parseInt(indexed.group(2));
            if (list instanceof ArrayNode array) {
                pad(array, index, i < parts.length - 1);
            }
            node = list.get(index);
        }
    }

    /** Entries up to {@code index}: objects where fields of it are set, else empty strings, both set later. */
    private static void pad(ArrayNode array, int index, boolean object) {
        while (array.size() <= index) {
            if (object) {
                array.addObject();
            } else {
                array.add("");
            }
        }
        JsonNode entry = array.get(index);
        if (object && entry.isTextual() && entry.asText().isEmpty()) {
            array.set(index, array.objectNode());
        }
    }
}
