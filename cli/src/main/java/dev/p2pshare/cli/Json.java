package dev.p2pshare.cli;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The CLI's one JSON mapper (Jackson 3), for wire records, session-folder files and --json output. */
final class Json {
    private final JsonMapper mapper = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    String write(Object value) {
        return mapper.writeValueAsString(value);
    }

    /** Reads {@code text} as a {@code type}; an answer that does not fit is refused, naming {@code source}. */
    <T> T read(String text, Class<T> type, String source) {
        return read(text, mapper.constructType(type), source);
    }

    <T> List<T> readList(String text, Class<T> elementType, String source) {
        return read(text, mapper.getTypeFactory().constructCollectionType(List.class, elementType), source);
    }

    /** A record as an ordered map, to print it with a few extra fields. */
    @SuppressWarnings("unchecked")
    Map<String, Object> toMap(Object value) {
        return new LinkedHashMap<String, Object>(mapper.convertValue(value, Map.class));
    }

    /** The RFC 9457 {@code detail} (else {@code title}) of a problem+json body, on one line; null when there is none. */
    String problemDetail(String body) {
        if (body == null || body.isBlank()) return null;
        try {
            JsonNode problem = mapper.readTree(body);
            for (String field : List.of("detail", "title")) {
                JsonNode value = problem.get(field);
                if (value != null && value.isString() && !value.stringValue().isBlank()) {
                    return String.join(" ", value.stringValue().strip().split("\\s*\\R\\s*"));
                }
            }
        } catch (JacksonException e) {
            // not JSON: the caller falls back to the raw body
        }
        return null;
    }

    private <T> T read(String text, JavaType type, String source) {
        try {
            return mapper.readValue(text, type);
        } catch (JacksonException e) {
            throw CliFailure.refused("unexpected answer from " + source + ": " + e.getOriginalMessage());
        }
    }
}
