package id.pantau.enforcement;

import id.pantau.enforcement.violation.ViolationEvent;
import id.pantau.enforcement.violation.ViolationEventParser;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ViolationEventParserTest {
    private static final String EVENT = """
            {"type":"red_light_violation","event_id":"simpang-kawat-n:north:17:126","camera":"simpang-kawat-n",
             "approach":"north","track_id":17,"class":"motorcycle","time":"2026-11-23T10:00:01.234+07:00",
             "signal_state":"red","time_into_red_s":2.4,"amber_duration_s":3.0,"speed_kmh":23.5,
             "frames":{"before":120,"at":126,"after":132},"config_version":3,
             "location":"Simpang Kawat, Kota Jambi",
             "plate":{"text":"BH 1234 XY","region":"Jambi","score":0.91,"ocr_model":"v2"},
             "evidence":{"key":"evidence/cam/2026/11/23/x/","manifest_sha256":"ab","photos":["frame_before.jpg"]},
             "weather":"rain"}""";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void readsTheContractAndToleratesFieldsAddedUpstream() {
        ViolationEvent e = ViolationEventParser.parse(utf8(EVENT));
        assertThat(e.eventId()).isEqualTo("simpang-kawat-n:north:17:126");
        assertThat(e.vehicleClass()).isEqualTo("motorcycle");
        assertThat(e.time().toInstant().toString()).isEqualTo("2026-11-23T03:00:01.234Z");
        assertThat(e.plate().score()).isEqualTo(0.91);
        assertThat(e.frames().at()).isEqualTo(126);
        assertThat(e.evidence().photos()).containsExactly("frame_before.jpg");
    }

    @Test
    void optionalPartsMayBeAbsent() {
        ViolationEvent e = ViolationEventParser.parse(utf8("""
                {"type":"red_light_violation","event_id":"c:n:1:2","camera":"c","time":"2026-11-23T10:00:01+07:00"}"""));
        assertThat(e.plate()).isNull();
        assertThat(e.evidence()).isNull();
        assertThat(e.location()).isNull();
    }

    @Test
    void aBrokenEventSaysWhichFieldIsWrong() {
        assertThatThrownBy(() -> ViolationEventParser.parse(utf8("""
                {"type":"red_light_violation","camera":"c","plate":{"text":"BH 1","score":3}}""")))
                .hasMessageContaining("event_id is required")
                .hasMessageContaining("time is required")
                .hasMessageContaining("plate.score must be within 0..1");
        assertThatThrownBy(() -> ViolationEventParser.parse(utf8("{\"type\":\"x\",\"event_id\":\"e\",\"camera\":\"c\",\"time\":\"yesterday\"}")))
                .hasMessageContaining("not valid JSON for the contract");
        assertThatThrownBy(() -> ViolationEventParser.parse(utf8("{\"type\":\"x\",\"event_id\":\"e\",\"camera\":\"c\",\"time\":\"2026-11-23T10:00:01+07:00\",\"track_id\":\"seventeen\"}")))
                .hasMessageContaining("not valid JSON for the contract");
        assertThatThrownBy(() -> ViolationEventParser.parse(new byte[70_000]))
                .hasMessageContaining("more than the 60000 allowed");
    }
}
