package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnforcementConfigTest {

    @Test
    void defaultsFollowTheKorlantasFlow() {
        EnforcementConfig c = EnforcementConfig.defaults(Path.of("/var/pantau"));
        assertThat(c.dbUrl()).startsWith("jdbc:h2:file:/var/pantau/enforcement").contains("MODE=PostgreSQL");
        assertThat(c.confirmationDays()).isEqualTo(8);
        assertThat(c.articles().get("red_light_violation")).contains("Pasal 287 ayat (2)");
        assertThat(c.violationsTopic()).isEqualTo("pantau.violations");
        assertThat(c.ticketsTopic()).isEqualTo("etle.tickets");
    }

    @Test
    void badValuesAreNamedByField() {
        assertThatThrownBy(() -> new EnforcementConfig("jdbc:mysql://x", "u", "", Duration.ZERO, 0, 1.5, List.of(),
                Map.of(), Duration.ofHours(1), "etle jmb", 10, "t", "t", "g", Duration.ofMillis(100), 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dbUrl must be a jdbc:h2: or jdbc:postgresql: URL")
                .hasMessageContaining("claimTtl must be a positive duration")
                .hasMessageContaining("confirmationDays must be 1..365, was 0")
                .hasMessageContaining("lowConfidenceThreshold must be within 0..1, was 1.5")
                .hasMessageContaining("reasonCodes must list at least one")
                .hasMessageContaining("articles must map at least one")
                .hasMessageContaining("referencePrefix must be")
                .hasMessageContaining("maxBodyBytes must be >= 1024")
                .hasMessageContaining("bcryptCost must be 4..16");
    }
}
