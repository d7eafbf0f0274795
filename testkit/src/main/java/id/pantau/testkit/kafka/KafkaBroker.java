package id.pantau.testkit.kafka;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * {@code @KafkaBroker} on a test class injects the JVM's shared {@link KafkaTestBroker} into any test or
 * lifecycle method parameter of that type (started on first use, ~3 s, stopped when the JVM exits).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(KafkaBroker.Resolver.class)
public @interface KafkaBroker {

    final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
            return p.getParameter().getType() == KafkaTestBroker.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext e) {
            return KafkaTestBroker.shared();
        }
    }
}
