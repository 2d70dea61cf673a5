package org.circusmeta.manager.registry;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;
import java.util.Optional;
import org.circusmeta.registration.record.NodeRecord;

/**
 * A node endpoint a manager can connect to, by the node record's rules (docs/registry.md): {@code
 * tcp://HOST:PORT} with a real host and port, or {@code ipc://PATH}. The message says what is wrong.
 * Null is valid (mark a required one {@code @NotNull} too).
 */
@Documented
@Target({FIELD, METHOD})
@Retention(RUNTIME)
@Constraint(validatedBy = NodeEndpoint.Validator.class)
public @interface NodeEndpoint {
    String message() default "must be tcp://HOST:PORT or ipc://PATH";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks one endpoint. Stateless. */
    final class Validator implements ConstraintValidator<NodeEndpoint, String> {
        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            Optional<String> problem = NodeRecord.endpointProblem(value);
            if (problem.isEmpty()) {
                return true;
            }
            String why = problem.get().startsWith("is ") ? problem.get() + "; write the address and port the manager"
                    + " reaches the node at" : "is not usable: " + problem.get();
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(literal(why)).addConstraintViolation();
            return false;
        }

        /** The text as a message template that interpolates nothing. */
        private static String literal(String text) {
            return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
        }
    }
}
