package io.switchyard.adapters.k8s.informer;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gson's JSON tree as plain maps, lists and scalars, the shape the shared mapping reads. Whole
 * numbers stay whole ({@code 80}, not {@code 80.0}) and strings stay strings, so an IntOrString port
 * keeps its meaning.
 */
final class JsonTrees {
    private JsonTrees() {
    }

    static Map<String, Object> object(JsonObject json) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> e : json.entrySet()) {
            out.put(e.getKey(), value(e.getValue()));
        }
        return out;
    }

    static Object value(JsonElement json) {
        if (json == null || json.isJsonNull()) {
            return null;
        }
        if (json instanceof JsonObject o) {
            return object(o);
        }
        if (json instanceof JsonArray a) {
            List<Object> out = new ArrayList<>(a.size());
            for (JsonElement item : a) {
                out.add(value(item));
            }
            return out;
        }
        JsonPrimitive p = json.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        if (p.isNumber()) {
            return number(p.getAsString());
        }
        return p.getAsString();
    }

    private static Object number(String text) {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
            BigInteger whole = new BigInteger(text);
            return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
        }
        return new BigDecimal(text);
    }
}
