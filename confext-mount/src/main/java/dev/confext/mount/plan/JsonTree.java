package dev.confext.mount.plan;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON document as plain Java values: {@link LinkedHashMap} for objects (map equality ignores key
 * order), {@link ArrayList} for arrays, {@link String}, {@link java.math.BigInteger} for integers,
 * {@link BigDecimal} (trailing zeros stripped) for other numbers, {@link Boolean}, and {@code null}. Two
 * trees are structurally equal exactly when {@link Object#equals} says so.
 */
final class JsonTree {
    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private JsonTree() {}

    /** Parses one JSON value; anything after it other than whitespace is an error. */
    static Object parse(String text) throws PlanFormatException {
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PlanFormatException("empty document");
            }
            Object value = read(parser, first);
            if (parser.nextToken() != null) {
                throw new PlanFormatException("trailing content after the JSON value at "
                        + parser.currentLocation().getCharOffset());
            }
            return value;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new PlanFormatException("not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new PlanFormatException("not valid JSON: " + e.getMessage(), e);
        }
    }

    private static Object read(JsonParser parser, JsonToken token) throws IOException {
        switch (token) {
            case START_OBJECT: {
                Map<String, Object> object = new LinkedHashMap<>();
                JsonToken t;
                while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    object.put(name, read(parser, parser.nextToken()));
                }
                return object;
            }
            case START_ARRAY: {
                List<Object> array = new ArrayList<>();
                JsonToken t;
                while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                    array.add(read(parser, t));
                }
                return array;
            }
            case VALUE_STRING:
                return parser.getText();
            case VALUE_NUMBER_INT:
                return parser.getBigIntegerValue();
            case VALUE_NUMBER_FLOAT:
                BigDecimal d = parser.getDecimalValue().stripTrailingZeros();
                return d.scale() <= 0 ? d.toBigIntegerExact() : d;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + token);
        }
    }
}
