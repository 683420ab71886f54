package dev.pgdrill.engine.scenario;

import dev.pgdrill.engine.env.PatroniSettings;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code patroni:} block of {@code environment:}: the DCS settings of the drill's Patroni cluster. Every key
 * is optional (Patroni's default); a bad value is a problem at its position.
 *
 * <pre>
 * patroni:
 *   ttl: 30                          # seconds, 1..3600
 *   loop-wait: 10                    # seconds, 1..3600
 *   retry-timeout: 10                # seconds, 1..3600
 *   maximum-lag-on-failover: 1MB     # bytes: a number, or with kB, MB or GB
 *   synchronous-mode: false
 *   use-pg-rewind: true
 * </pre>
 */
final class PatroniReader {
    private static final Pattern BYTES = Pattern.compile("(\\d{1,12})\\s*(B|kB|MB|GB)?");

    private PatroniReader() {
    }

    /** The block's settings (Patroni's defaults for what it does not say), or null with problems reported. */
    static PatroniSettings read(YamlNode.Entry entry, Problems problems) {
        if (!(entry.value() instanceof YamlNode.Mapping m)) {
            problems.add(entry.value().location(), "'patroni' must be a mapping of DCS settings, e.g. "
                    + "'patroni: { ttl: 30, loop-wait: 10 }', found " + YamlNode.describe(entry.value()));
            return null;
        }
        PatroniSettings d = PatroniSettings.DEFAULTS;
        int ttl = d.ttl();
        int loopWait = d.loopWait();
        int retryTimeout = d.retryTimeout();
        long lag = d.maximumLagOnFailover();
        boolean sync = d.synchronousMode();
        boolean rewind = d.usePgRewind();
        int before = problems.size();
        for (YamlNode.Entry e : m.entries()) {
            switch (e.key()) {
                case "ttl" -> ttl = seconds(e, ttl, problems);
                case "loop-wait" -> loopWait = seconds(e, loopWait, problems);
                case "retry-timeout" -> retryTimeout = seconds(e, retryTimeout, problems);
                case "maximum-lag-on-failover" -> lag = bytes(e, lag, problems);
                case "synchronous-mode" -> sync = bool(e, sync, problems);
                case "use-pg-rewind" -> rewind = bool(e, rewind, problems);
                default -> problems.add(e.keyLocation(), "unknown key '" + e.key() + "' in 'patroni'"
                        + DidYouMean.hint(e.key(), PatroniSettings.KEYS) + " (expected: "
                        + String.join(", ", PatroniSettings.KEYS) + ")");
            }
        }
        PatroniSettings settings = new PatroniSettings(ttl, loopWait, retryTimeout, lag, sync, rewind);
        if (problems.size() == before && settings.problem() != null) {
            problems.add(entry.value().location(), "'patroni': " + settings.problem());
        }
        return problems.size() == before ? settings : null;
    }

    private static int seconds(YamlNode.Entry e, int fallback, Problems problems) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Number n && n.doubleValue() == n.longValue()
                && n.longValue() >= 1 && n.longValue() <= 3600) {
            return n.intValue();
        }
        problems.add(e.value().location(), "'patroni': '" + e.key() + "' must be a whole number of seconds from 1 "
                + "to 3600, found " + YamlNode.describe(e.value()));
        return fallback;
    }

    private static long bytes(YamlNode.Entry e, long fallback, Problems problems) {
        if (e.value() instanceof YamlNode.Scalar s && !s.isNull() && !(s.value() instanceof Boolean)) {
            Matcher m = BYTES.matcher(String.valueOf(s.value()).trim());
            if (m.matches()) {
                long unit = switch (m.group(2) == null ? "B" : m.group(2)) {
                    case "kB" -> 1024L;
                    case "MB" -> 1024L * 1024;
                    case "GB" -> 1024L * 1024 * 1024;
                    default -> 1L;
                };
                return Long.parseLong(m.group(1)) * unit;
            }
        }
        problems.add(e.value().location(), "'patroni': 'maximum-lag-on-failover' must be bytes: a number, or one "
                + "with kB, MB or GB (e.g. 1MB), found " + YamlNode.describe(e.value()));
        return fallback;
    }

    private static boolean bool(YamlNode.Entry e, boolean fallback, Problems problems) {
        if (e.value() instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
            return b;
        }
        problems.add(e.value().location(), "'patroni': '" + e.key() + "' must be true or false, found "
                + YamlNode.describe(e.value()));
        return fallback;
    }
}
