package id.pantau.enforcement;

import id.pantau.enforcement.config.EnforcementConfig;

/** Dead letters and ticket numbering on the single-node default, H2 in a file. */
class H2RecordKeepingTest extends AbstractRecordKeepingTest {
    @Override
    EnforcementConfig withDatabase(EnforcementConfig defaults) {
        return defaults;
    }
}
