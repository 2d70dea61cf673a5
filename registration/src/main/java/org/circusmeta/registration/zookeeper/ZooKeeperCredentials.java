package org.circusmeta.registration.zookeeper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Set;
import org.apache.curator.framework.AuthInfo;
import org.apache.zookeeper.data.Id;
import org.apache.zookeeper.server.auth.DigestAuthenticationProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A ZooKeeper digest identity, {@code user:password}, read from a file (never from a command line,
 * which {@code ps} shows to every user of the host). What ACLs name is its digest id,
 * {@code user:base64(sha1(user:password))}: no secret, so it may be written in configuration files
 * and read from ZooKeeper.
 *
 * <p>The file holds one line {@code user:password}; blank lines and lines starting with {@code #}
 * are ignored, spaces around the line are stripped. The user may not contain {@code :}, the
 * password may. A file that other users of the host may read is used, with a warning.
 *
 * <p>Immutable. {@link #toString()} never shows the password.
 */
public final class ZooKeeperCredentials {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperCredentials.class);
    /** The ZooKeeper scheme of these identities. */
    public static final String DIGEST = "digest";

    private final String user;
    private final String password;
    private final String digestId;

    private ZooKeeperCredentials(String user, String password) {
        this.user = user;
        this.password = password;
        this.digestId = digest(user + ":" + password);
    }

    /**
     * Reads the identity from its file.
     *
     * @throws IllegalArgumentException naming the file and what is wrong with it
     */
    public static ZooKeeperCredentials read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the ZooKeeper credentials file " + file + " ("
                    + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
        }
        warnIfOthersMayRead(file);
        return parse(text, file.toString());
    }

    /**
     * The identity in a credentials file's text; {@code source} names it in messages.
     *
     * @throws IllegalArgumentException saying what is wrong and the form expected
     */
    public static ZooKeeperCredentials parse(String text, String source) {
        List<String> lines = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        if (lines.size() != 1) {
            throw new IllegalArgumentException("the ZooKeeper credentials file " + source + " must hold one line"
                    + " user:password (it holds " + lines.size() + " lines besides comments)");
        }
        String line = lines.get(0);
        int colon = line.indexOf(':');
        if (colon <= 0 || colon == line.length() - 1) {
            throw new IllegalArgumentException("the ZooKeeper credentials file " + source + " must hold user:password,"
                    + " both non-empty (its line has " + (colon < 0 ? "no ':'" : "an empty user or password") + ")");
        }
        return new ZooKeeperCredentials(line.substring(0, colon), line.substring(colon + 1));
    }

    /** The part before the colon. */
    public String user() {
        return user;
    }

    /** {@code user:base64(sha1(user:password))}, as ZooKeeper's digest ACLs and {@code getAcl} write it. */
    public String digestId() {
        return digestId;
    }

    /** The id that ACLs name. */
    public Id id() {
        return new Id(DIGEST, digestId);
    }

    /** What a Curator client sends when it connects, through its {@code authorization}. */
    public AuthInfo authInfo() {
        return new AuthInfo(DIGEST, (user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Whether the text has the form of a digest id, {@code user:base64}. */
    public static boolean isDigestId(String text) {
        return text != null && text.matches("[^:\\s]+:[A-Za-z0-9+/]{20,}={0,2}");
    }

    private static String digest(String userAndPassword) {
        try {
            return DigestAuthenticationProvider.generateDigest(userAndPassword);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM cannot compute ZooKeeper's digest (" + e.getMessage() + ")", e);
        }
    }

    private static void warnIfOthersMayRead(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                LOG.warn("the ZooKeeper credentials file {} may be read by other users of this host; make it readable by"
                        + " this service's user only (chmod 600 {})", file, file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debug("could not read the permissions of {}: {}", file, e.toString());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ZooKeeperCredentials other && other.user.equals(user) && other.password.equals(password);
    }

    @Override
    public int hashCode() {
        return digestId.hashCode();
    }

    @Override
    public String toString() {
        return "digest:" + digestId;
    }
}
