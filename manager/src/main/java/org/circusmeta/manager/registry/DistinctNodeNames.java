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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Each static node of the list has a name of its own; the message names the entries that share one. */
@Documented
@Target({FIELD, METHOD})
@Retention(RUNTIME)
@Constraint(validatedBy = DistinctNodeNames.Validator.class)
public @interface DistinctNodeNames {
    String message() default "gives two nodes one name";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Checks a list of static nodes. Stateless. */
    final class Validator implements ConstraintValidator<DistinctNodeNames, List<StaticNodeFactory>> {
        @Override
        public boolean isValid(List<StaticNodeFactory> nodes, ConstraintValidatorContext context) {
            if (nodes == null) {
                return true;
            }
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < nodes.size(); i++) {
                String name = nodes.get(i) == null ? null : nodes.get(i).getName();
                Integer before = name == null ? null : first.putIfAbsent(name, i);
                if (before != null) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate("gives entries [" + before + "] and [" + i
                            + "] the same name, '" + name.replaceAll("[{}$\\\\]", "") + "': a name is one node's")
                            .addConstraintViolation();
                    return false;
                }
            }
            return true;
        }
    }
}
