package org.circusmeta.registration.ini;

import java.util.Optional;
import org.circusmeta.protocol.Endpoint;

/**
 * The {@code [circus]} section of a circus.ini with circusd 0.19's defaults (docs/protocol.md, "circus.ini").
 * The stats endpoint exists only when stats are on: {@code statsd = true}, or {@code stats_endpoint}
 * set (which turns statsd on, as circusd does).
 *
 * <p>Immutable.
 *
 * @param endpoint control ROUTER, default {@code tcp://127.0.0.1:5555}
 * @param pubsubEndpoint events PUB, default {@code tcp://127.0.0.1:5556}
 * @param statsEndpoint stats PUB, {@code tcp://127.0.0.1:5557} by default when stats are on
 * @param checkDelay seconds between two passes of the watcher manager, default 5.0
 * @param multicastEndpoint auto-discovery address, empty when turned off
 * @param warmupDelay seconds between starting two watchers (an integer in the ini)
 */
public record CircusSettings(
        String endpoint, String pubsubEndpoint, Optional<String> statsEndpoint, double checkDelay,
        String multicastEndpoint, int warmupDelay) {
    public static final String DEFAULT_ENDPOINT = "tcp://127.0.0.1:5555";
    public static final String DEFAULT_PUBSUB = "tcp://127.0.0.1:5556";
    public static final String DEFAULT_STATS = "tcp://127.0.0.1:5557";
    public static final String DEFAULT_MULTICAST = "udp://237.219.251.97:12027";

    static CircusSettings from(IniSection s) {
        String endpoint = endpoint(s, "endpoint", DEFAULT_ENDPOINT);
        String pubsub = endpoint(s, "pubsub_endpoint", DEFAULT_PUBSUB);
        boolean statsd = s.bool("statsd", false) || s.get("stats_endpoint").filter(v -> !v.isBlank()).isPresent();
        Optional<String> stats = statsd ? Optional.of(endpoint(s, "stats_endpoint", DEFAULT_STATS)) : Optional.empty();
        double checkDelay = s.number("check_delay", 5.0);
        if (!(checkDelay > 0)) {
            throw s.bad("check_delay", s.get("check_delay", ""), "a positive number of seconds");
        }
        return new CircusSettings(endpoint, pubsub, stats, checkDelay, s.get("multicast_endpoint", DEFAULT_MULTICAST),
                s.integer("warmup_delay", 0));
    }

    private static String endpoint(IniSection s, String key, String fallback) {
        String value = s.get(key).filter(v -> !v.isBlank()).orElse(fallback);
        try {
            return Endpoint.parse(value).toString();
        } catch (IllegalArgumentException e) {
            throw s.bad(key, value, "an endpoint (" + e.getMessage() + ")");
        }
    }
}
