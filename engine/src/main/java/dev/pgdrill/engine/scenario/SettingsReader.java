package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.ServerSettings;

import java.util.LinkedHashMap;
import java.util.Map;

/** A {@code settings:} mapping, of the whole drill's environment or of one node, checked by {@link ServerSettings}. */
final class SettingsReader {
    private SettingsReader() {
    }

    /** The settings of {@code e}; each bad name or value is a problem at its place and left out. */
    static Map<String, String> read(YamlNode.Entry e, Problems problems) {
        Map<String, String> settings = new LinkedHashMap<>();
        if (!(e.value() instanceof YamlNode.Mapping m)) {
            problems.add(e.value().location(), "'settings' must be a mapping of server settings to values "
                    + "(e.g. 'settings: { wal_compression: \"on\" }'), found " + YamlNode.describe(e.value()));
            return settings;
        }
        for (YamlNode.Entry s : m.entries()) {
            String badName = ServerSettings.badName(s.key());
            if (badName != null) {
                problems.add(s.keyLocation(), badName);
                continue;
            }
            if (!(s.value() instanceof YamlNode.Scalar v) || v.isNull()) {
                problems.add(s.value().location(), "setting '" + s.key() + "': expected text or a number, found "
                        + YamlNode.describe(s.value()));
                continue;
            }
            String value = v.value() instanceof Boolean b ? (b ? "on" : "off") : String.valueOf(v.value());
            String bad = ServerSettings.badValue(value);
            if (bad != null) {
                problems.add(s.value().location(), "setting '" + s.key() + "': the value " + bad);
                continue;
            }
            settings.put(s.key(), value);
        }
        return settings;
    }
}
