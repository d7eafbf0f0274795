package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;

/** The whole back-office flow on the single-node default: H2 (PostgreSQL mode) in a file under the data dir. */
class H2EnforcementFlowTest extends AbstractEnforcementFlowTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults;
    }

    @Override
    boolean postgres() {
        return false;
    }
}
