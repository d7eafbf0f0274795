package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;

/** The complaint API on the single-node default, H2 in a file. */
class H2ComplaintApiTest extends AbstractComplaintApiTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults;
    }
}
