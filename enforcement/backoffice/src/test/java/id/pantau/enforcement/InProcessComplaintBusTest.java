package id.pantau.enforcement;

import id.pantau.core.bus.EventBus;
import id.pantau.core.bus.InProcessEventBus;
import id.pantau.enforcement.complaint.ComplaintSettings;

import java.time.Duration;

/** Complaints and camera alerts on the in-process bus of a single node. */
class InProcessComplaintBusTest extends AbstractComplaintBusTest {
    @Override
    EventBus openBus() {
        return new InProcessEventBus(1000, Duration.ofMillis(100));
    }

    @Override
    ComplaintSettings topics(ComplaintSettings defaults) {
        return defaults;
    }
}
