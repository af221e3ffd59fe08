package dev.rewind.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FluxSubstitutionTest {

    @Test
    void valuesWinOverDefaultsAndDefaultsFillTheRest() {
        String text = "schedule: ${VOLSYNC_SCHEDULE:=0 * * * *}\nname: ${APP}\nsize: ${VOLSYNC_CAPACITY:-5Gi}";
        assertThat(FluxSubstitution.substitute(text, Map.of("APP", "paperless-ngx", "VOLSYNC_SCHEDULE", "20 * * * *")))
                .isEqualTo("schedule: 20 * * * *\nname: paperless-ngx\nsize: 5Gi");
    }

    @Test
    void escapedDollarStaysLiteral() {
        assertThat(FluxSubstitution.substitute("celery@$${HOSTNAME}", Map.of())).isEqualTo("celery@${HOSTNAME}");
    }

    @Test
    void missingVariableWithoutDefaultIsAnError() {
        assertThatThrownBy(() -> FluxSubstitution.substitute("https://paperless.${SECRET_DOMAIN}", Map.of()))
                .hasMessageContaining("SECRET_DOMAIN");
    }
}
