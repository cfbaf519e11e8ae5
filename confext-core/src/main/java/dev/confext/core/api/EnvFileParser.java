package dev.confext.core.api;

import dev.confext.core.text.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The single-use state machine behind {@link EnvFile#parse}. */
final class EnvFileParser {
    private enum State {
        PRE_KEY, KEY, PRE_VALUE, VALUE, VALUE_ESCAPE, SINGLE_QUOTE, DOUBLE_QUOTE, DOUBLE_QUOTE_ESCAPE,
        COMMENT, COMMENT_ESCAPE
    }

    private final byte[] content;
    private final Map<String, String> result = new LinkedHashMap<>();
    private final ByteArrayOutputStream key = new ByteArrayOutputStream();
    private final ByteArrayOutputStream value = new ByteArrayOutputStream();
    /** Length of the key without its trailing whitespace, -1 when it has none. */
    private int keyTrailingWhitespace = -1;
    /** Length of the value without its trailing unescaped whitespace, -1 when it has none. */
    private int valueTrailingWhitespace = -1;
    private int line = 1;

    EnvFileParser(byte[] content) {
        this.content = content;
    }

    Map<String, String> parse() throws EnvFileException {
        State state = State.PRE_KEY;
        for (byte c : content) {
            if (c == 0) {
                break; // upstream treats the content as a C string
            }
            switch (state) {
                case PRE_KEY -> {
                    if (isComment(c)) {
                        state = State.COMMENT;
                    } else if (!isWhitespace(c)) {
                        state = State.KEY;
                        keyTrailingWhitespace = -1;
                        key.write(c);
                    }
                }
                case KEY -> {
                    if (isNewline(c)) {
                        state = State.PRE_KEY;
                        line++;
                        key.reset();
                    } else if (c == '=') {
                        state = State.PRE_VALUE;
                        valueTrailingWhitespace = -1;
                    } else {
                        if (!isWhitespace(c)) {
                            keyTrailingWhitespace = -1;
                        } else if (keyTrailingWhitespace < 0) {
                            keyTrailingWhitespace = key.size();
                        }
                        key.write(c);
                    }
                }
                case PRE_VALUE -> {
                    if (isNewline(c)) {
                        state = State.PRE_KEY;
                        line++;
                        push(false);
                    } else if (c == '\'') {
                        state = State.SINGLE_QUOTE;
                    } else if (c == '"') {
                        state = State.DOUBLE_QUOTE;
                    } else if (c == '\\') {
                        state = State.VALUE_ESCAPE;
                    } else if (!isWhitespace(c)) {
                        state = State.VALUE;
                        value.write(c);
                    }
                }
                case VALUE -> {
                    if (isNewline(c)) {
                        state = State.PRE_KEY;
                        line++;
                        push(true);
                    } else if (c == '\\') {
                        state = State.VALUE_ESCAPE;
                        valueTrailingWhitespace = -1;
                    } else {
                        if (!isWhitespace(c)) {
                            valueTrailingWhitespace = -1;
                        } else if (valueTrailingWhitespace < 0) {
                            valueTrailingWhitespace = value.size();
                        }
                        value.write(c);
                    }
                }
                case VALUE_ESCAPE -> {
                    state = State.VALUE;
                    if (!isNewline(c)) {
                        value.write(c);
                    }
                }
                case SINGLE_QUOTE -> {
                    if (c == '\'') {
                        state = State.PRE_VALUE;
                    } else {
                        value.write(c);
                    }
                }
                case DOUBLE_QUOTE -> {
                    if (c == '"') {
                        state = State.PRE_VALUE;
                    } else if (c == '\\') {
                        state = State.DOUBLE_QUOTE_ESCAPE;
                    } else {
                        value.write(c);
                    }
                }
                case DOUBLE_QUOTE_ESCAPE -> {
                    state = State.DOUBLE_QUOTE;
                    if (c == '"' || c == '\\' || c == '`' || c == '$') {
                        value.write(c);
                    } else if (c != '\n') {
                        value.write('\\');
                        value.write(c);
                    }
                }
                case COMMENT -> {
                    if (c == '\\') {
                        state = State.COMMENT_ESCAPE;
                    } else if (isNewline(c)) {
                        state = State.PRE_KEY;
                        line++;
                    }
                }
                case COMMENT_ESCAPE -> {
                    if (isNewline(c)) {
                        state = State.PRE_KEY;
                        line++;
                    } else {
                        state = State.COMMENT;
                    }
                }
                default -> throw new AssertionError(state);
            }
        }
        switch (state) {
            case PRE_VALUE, VALUE, VALUE_ESCAPE, SINGLE_QUOTE, DOUBLE_QUOTE, DOUBLE_QUOTE_ESCAPE ->
                    push(state == State.VALUE);
            default -> { }
        }
        return Collections.unmodifiableMap(result);
    }

    private void push(boolean chompValue) throws EnvFileException {
        byte[] keyBytes = key.toByteArray();
        int keyLength = keyTrailingWhitespace >= 0 ? keyTrailingWhitespace : keyBytes.length;
        byte[] valueBytes = value.toByteArray();
        int valueLength = chompValue && valueTrailingWhitespace >= 0 ? valueTrailingWhitespace : valueBytes.length;
        if (!Utf8.isValid(keyBytes, 0, keyLength)) {
            throw EnvFileException.invalidUtf8("Line " + line + ": invalid UTF-8 in key", line,
                    "invalid UTF-8 in key '" + Utf8.replaceInvalid(keyBytes, 0, keyLength) + "', ignoring.");
        }
        String k = new String(keyBytes, 0, keyLength, StandardCharsets.UTF_8);
        if (!Utf8.isValid(valueBytes, 0, valueLength)) {
            throw EnvFileException.invalidUtf8("Line " + line + ": invalid UTF-8 value for key " + k, line,
                    "invalid UTF-8 value for key " + k + ": '" + Utf8.replaceInvalid(valueBytes, 0, valueLength)
                            + "', ignoring.");
        }
        result.put(k, new String(valueBytes, 0, valueLength, StandardCharsets.UTF_8));
        key.reset();
        value.reset();
        keyTrailingWhitespace = -1;
    }

    private static boolean isWhitespace(byte c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    private static boolean isNewline(byte c) {
        return c == '\n' || c == '\r';
    }

    private static boolean isComment(byte c) {
        return c == '#' || c == ';';
    }
}
