package org.circusmeta.client;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;

/**
 * What a record looks like in JSON: each component under its snake-case name ({@code pubsubEndpoint}
 * is {@code pubsub_endpoint}), and its canonical constructor. The api records' Jackson annotations say
 * the same (RecordJsonTest holds every one of them to it); they are not read here because reading
 * annotations makes the JVM generate a class per annotation type, a cost on every start of the CLI.
 *
 * <p>Immutable once built; thread-safe.
 */
final class RecordShape {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    final Class<?> type;
    final RecordComponent[] components;
    final String[] names;
    private final Map<String, Integer> indexByName = new HashMap<>();
    private final Constructor<?> constructor;

    RecordShape(Class<?> type) {
        this.type = type;
        this.components = type.getRecordComponents();
        this.names = new String[components.length];
        Class<?>[] parameters = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            parameters[i] = components[i].getType();
            names[i] = name(components[i].getName());
            indexByName.put(names[i], i);
        }
        try {
            this.constructor = type.getDeclaredConstructor(parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type.getName() + " has no canonical constructor", e);
        }
    }

    /** A component's name in JSON. */
    static String name(String component) {
        return SNAKE_CASE.translate(component);
    }

    /** The index of the component of this JSON name, or null for a field the record does not have. */
    Integer indexOf(String name) {
        return indexByName.get(name);
    }

    Object create(Object[] arguments, String where) {
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException(where + " is not a valid " + type.getSimpleName() + ": "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create a " + type.getName(), e);
        }
    }

    Object valueOf(Object record, int index) {
        try {
            return components[index].getAccessor().invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + "." + components[index].getName(), e);
        }
    }
}
