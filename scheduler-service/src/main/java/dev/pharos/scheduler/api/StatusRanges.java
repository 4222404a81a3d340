package dev.pharos.scheduler.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

/** HTTP statuses as a comma-separated list of codes and ranges, e.g. {@code 200-299,301,302}; null is allowed. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = StatusRanges.Validator.class)
public @interface StatusRanges {

    String message() default "must be HTTP statuses (100-599) and ranges, comma-separated, e.g. 200-299,301";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<StatusRanges, String> {

        private static final Pattern PART = Pattern.compile("(\\d{3})(?:-(\\d{3}))?");

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String[] parts = value.split(",", -1);
            for (String part : parts) {
                var m = PART.matcher(part.strip());
                if (!m.matches()) {
                    return false;
                }
                int low = Integer.parseInt(m.group(1));
                int high = m.group(2) == null ? low : Integer.parseInt(m.group(2));
                if (low < 100 || high > 599 || high < low) {
                    return false;
                }
            }
            return true;
        }
    }
}
