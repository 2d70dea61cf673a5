package org.circusmeta.manager.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The configured tokens, and which one an {@code Authorization: Bearer TOKEN} header carries. Every token
 * is compared, each in constant time, whichever matches. Immutable, thread-safe.
 */
final class Tokens {
    private static final String BEARER = "Bearer ";

    private record Known(byte[] token, Caller caller) {}

    private final List<Known> known;

    Tokens(List<ApiToken> tokens) {
        List<Known> all = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            ApiToken token = tokens.get(i);
            String name = token.getName() == null || token.getName().isBlank() ? "token #" + (i + 1) : token.getName();
            all.add(new Known(token.getToken().getBytes(StandardCharsets.UTF_8), new Caller(name, token.getRole())));
        }
        this.known = List.copyOf(all);
    }

    boolean isEmpty() {
        return known.isEmpty();
    }

    /** The caller whose token the header carries; empty for no header, another scheme, or no such token. */
    Optional<Caller> match(String header) {
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        byte[] offered = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        Caller found = null;
        for (Known each : known) {
            if (MessageDigest.isEqual(each.token, offered)) {
                found = each.caller;
            }
        }
        return Optional.ofNullable(found);
    }
}
