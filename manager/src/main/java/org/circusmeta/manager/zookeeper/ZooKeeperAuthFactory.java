package org.circusmeta.manager.zookeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dropwizard.validation.ValidationMethod;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.zookeeper.data.Id;
import org.circusmeta.registration.zookeeper.ZooKeeperCredentials;

/**
 * The {@code zookeeper.auth:} block, ZooKeeper ACLs: {@code file} names the file holding the managers'
 * digest identity (one line {@code user:password}; every replica uses the same), and {@code
 * registrars} lists the digest ids ({@code user:base64(sha1(user:password))}, no secrets) of the
 * agents and nodes that may register. Without {@code file}, ACLs are off.
 *
 * <p>Not thread-safe: read once at start-up.
 */
public class ZooKeeperAuthFactory {
    private String file;

    @NotNull
    private List<@Pattern(regexp = "[^:\\s]+:[A-Za-z0-9+/]{20,}={0,2}", message = "must be a digest id,"
            + " user:base64(sha1(user:password)), as ZooKeeper's DigestAuthenticationProvider prints it") String>
            registrars = new ArrayList<>();

    @JsonProperty
    public String getFile() {
        return file;
    }

    @JsonProperty
    public void setFile(String file) {
        this.file = file;
    }

    @JsonProperty
    public List<String> getRegistrars() {
        return registrars;
    }

    @JsonProperty
    public void setRegistrars(List<String> registrars) {
        this.registrars = registrars;
    }

    @ValidationMethod(message = "lists registrars but names no file: set zookeeper.auth.file to the managers'"
            + " credentials, or remove zookeeper.auth.registrars")
    public boolean isFileGivenForRegistrars() {
        return registrars.isEmpty() || isEnabled();
    }

    public boolean isEnabled() {
        return file != null && !file.isBlank();
    }

    /**
     * The managers' identity, read from the file; empty when ACLs are off.
     *
     * @throws IllegalArgumentException when the file cannot be read or is not one line user:password
     */
    public Optional<ZooKeeperCredentials> credentials() {
        return isEnabled() ? Optional.of(ZooKeeperCredentials.read(Path.of(file.strip()))) : Optional.empty();
    }

    public List<Id> registrarIds() {
        return registrars.stream().map(id -> new Id(ZooKeeperCredentials.DIGEST, id.strip())).toList();
    }
}
