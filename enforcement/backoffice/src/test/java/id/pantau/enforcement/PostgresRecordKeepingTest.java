package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;
import id.pantau.enforcement.support.TestPostgres;

/** Dead letters and ticket numbering on a real PostgreSQL (embedded binaries). */
class PostgresRecordKeepingTest extends AbstractRecordKeepingTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults.withDatabase(TestPostgres.newDatabase(), "postgres", "postgres");
    }
}
