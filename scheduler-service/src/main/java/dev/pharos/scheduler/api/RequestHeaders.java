package dev.pharos.scheduler.api;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Extra request headers of a check: header-token names up to 100 characters, visible values up to 1,000, none that
 * the checker must set itself (Host, Connection, Content-Length, Transfer-Encoding, ...).
 */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = RequestHeaders.Validator.class)
public @interface RequestHeaders {

    String message() default "invalid request headers";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    class Validator implements ConstraintValidator<RequestHeaders, Map<String, String>> {

        private static final Pattern NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}");
        private static final Pattern VALUE = Pattern.compile("[\\x20-\\x7E\\x80-\\xFF]{0,1000}");
        private static final Set<String> RESERVED = Set.of("host", "connection", "content-length",
                "transfer-encoding", "upgrade", "te", "trailer", "keep-alive", "proxy-connection", "expect");

        @Override
        public boolean isValid(Map<String, String> headers, ConstraintValidatorContext context) {
            if (headers == null) {
                return true;
            }
            for (var header : headers.entrySet()) {
                String problem = problem(header.getKey(), header.getValue());
                if (problem != null) {
                    context.disableDefaultConstraintViolation();
                    context.buildConstraintViolationWithTemplate(problem).addConstraintViolation();
                    return false;
                }
            }
            return true;
        }

        private static String problem(String name, String value) {
            if (name == null || !NAME.matcher(name).matches()) {
                return "header names must be 1-100 token characters";
            }
            if (RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
                return "the checker sets the " + name + " header itself";
            }
            if (value == null || !VALUE.matcher(value).matches()) {
                return "the value of " + name + " must be up to 1000 visible characters, no line breaks";
            }
            return null;
        }
    }
}
