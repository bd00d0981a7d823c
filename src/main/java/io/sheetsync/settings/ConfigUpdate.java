package io.sheetsync.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;

import java.util.EnumMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A {@code PUT /api/config} body read into the settings it changes, in the API's shape: partial at every level, a
 * nested object partial too, {@code null} resetting a setting (or a whole group) to its start-up value. Refuses an
 * unknown setting and a value of the wrong JSON type, naming the setting; ranges are checked when the change is applied.
 */
public final class ConfigUpdate {

    private ConfigUpdate() {
    }

    /** The settings a body sets (a {@link NullNode} to reset), in the order of {@link RuntimeSetting}. */
    public static Map<RuntimeSetting, JsonNode> read(JsonNode body) throws InvalidSettingException {
        if (body == null || !body.isObject()) {
            throw new InvalidSettingException(null, "the body must be a JSON object of settings, such as"
                    + " {\"syncIntervalMinutes\": 10}");
        }
        Map<RuntimeSetting, JsonNode> changes = new EnumMap<>(RuntimeSetting.class);
        for (Iterator<Map.Entry<String, JsonNode>> fields = body.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (RuntimeSetting.groups().contains(name)) {
                readGroup(name, value, changes);
            } else {
                RuntimeSetting setting = RuntimeSetting.byPath(name).orElseThrow(() -> unknown(name));
                changes.put(setting, checked(setting, value));
            }
        }
        return changes;
    }

    private static void readGroup(String group, JsonNode value, Map<RuntimeSetting, JsonNode> changes)
            throws InvalidSettingException {
        if (value.isNull()) {
            for (RuntimeSetting setting : RuntimeSetting.values()) {
                if (group.equals(setting.group())) {
                    changes.put(setting, NullNode.getInstance());
                }
            }
            return;
        }
        if (!value.isObject()) {
            throw new InvalidSettingException(group, group + " must be an object of settings, or null to reset them");
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String path = group + "." + field.getKey();
            RuntimeSetting setting = RuntimeSetting.byPath(path).orElseThrow(() -> unknown(path));
            changes.put(setting, checked(setting, field.getValue()));
        }
    }

    private static JsonNode checked(RuntimeSetting setting, JsonNode value) throws InvalidSettingException {
        if (value.isNull()) {
            return value;
        }
        boolean typed = switch (setting.type()) {
            case INTEGER -> value.isIntegralNumber() && value.canConvertToLong();
            case DECIMAL -> value.isNumber();
            case BOOLEAN -> value.isBoolean();
            case ADDRESSES -> value.isArray() && allText(value);
        };
        if (!typed) {
            throw new InvalidSettingException(setting.path(), setting.path() + " must be " + setting.type().description()
                    + " (or null to reset it), was " + abbreviated(value));
        }
        if (value.isNumber() && value.asDouble() < setting.minimum()) {
            throw new InvalidSettingException(setting.path(), setting.path() + " must be at least "
                    + plain(setting.minimum()) + ", was " + value.asText());
        }
        return value;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private static InvalidSettingException unknown(String path) {
        return new InvalidSettingException(path, path + " is not a runtime setting; the settings are "
                + java.util.Arrays.stream(RuntimeSetting.values()).map(RuntimeSetting::path).toList());
    }

    private static String abbreviated(JsonNode value) {
        String text = value.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
