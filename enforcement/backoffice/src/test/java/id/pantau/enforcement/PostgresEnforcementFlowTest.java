package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.TestPostgres;

/** The same flow on a real PostgreSQL (embedded binaries), with the same migrations plus the append-only trigger. */
class PostgresEnforcementFlowTest extends AbstractEnforcementFlowTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults.withDatabase(TestPostgres.newDatabase(), "postgres", "postgres");
    }

    @Override
    boolean postgres() {
        return true;
    }
}
