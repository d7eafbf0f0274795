package id.pantau.core.event;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.pantau.core.json.Json;

import java.io.IOException;

/** The one JSON encoding of {@link PipelineEvent}s, for the bus and for files. */
public final class EventCodec {
    private final ObjectMapper mapper = Json.mapper();

    public byte[] encode(PipelineEvent event) {
        try {
            return mapper.writerFor(PipelineEvent.class).writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.eventId() + " could not be encoded", e);
        }
    }

    public String toJson(PipelineEvent event) {
        try {
            return mapper.writerFor(PipelineEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.eventId() + " could not be encoded", e);
        }
    }

    /**
     * @throws IllegalArgumentException naming what is wrong with the record (unknown type, missing or
     *                                  unknown field), so a consumer can park it instead of crashing
     */
    public PipelineEvent decode(byte[] json) {
        try {
            return mapper.readValue(json, PipelineEvent.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a pipeline event: " + e.getMessage(), e);
        }
    }
}
