package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.TestPostgres;

/** The complaint API on a real PostgreSQL (embedded binaries). */
class PostgresComplaintApiTest extends AbstractComplaintApiTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults.withDatabase(TestPostgres.newDatabase(), "postgres", "postgres");
    }
}
