package org.circusmeta.registration.agent;

import java.security.KeyManagementException;
import java.security.SecureRandom;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The JDK's default TLS context of {@code circusmeta-register}, which speaks no TLS: one that only
 * names the TLS versions. ZooKeeper's client asks the default context for its supported versions
 * once, when its first configuration is built, and that alone loads and initialises the whole TLS
 * stack: a quarter of a second and 10 MB of an agent that runs on every circusd host. A ZooKeeper
 * client set up for TLS ({@code zookeeper.client.secure}) builds a context of its own, which this
 * does not touch; anything that wants the default context for a connection fails, saying why.
 *
 * <p>Thread-safe (stateless); {@link #install()} before the first ZooKeeper client is built.
 */
final class NoDefaultTls extends SSLContextSpi {
    private static final String[] VERSIONS = {"TLSv1.3", "TLSv1.2"};

    private NoDefaultTls() {}

    /** Makes it the JVM's default TLS context. */
    static void install() {
        SSLContext.setDefault(context());
    }

    static SSLContext context() {
        return new SSLContext(new NoDefaultTls(), null, "Default") {};
    }

    private static UnsupportedOperationException unused() {
        return new UnsupportedOperationException("circusmeta-register opens no TLS connection with the JVM's default"
                + " TLS context; a ZooKeeper client set up for TLS builds its own");
    }

    @Override
    protected SSLParameters engineGetSupportedSSLParameters() {
        return new SSLParameters(new String[0], VERSIONS.clone());
    }

    @Override
    protected SSLParameters engineGetDefaultSSLParameters() {
        return engineGetSupportedSSLParameters();
    }

    @Override
    protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random) throws KeyManagementException {
        throw new KeyManagementException(unused());
    }

    @Override
    protected SSLSocketFactory engineGetSocketFactory() {
        throw unused();
    }

    @Override
    protected SSLServerSocketFactory engineGetServerSocketFactory() {
        throw unused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine() {
        throw unused();
    }

    @Override
    protected SSLEngine engineCreateSSLEngine(String host, int port) {
        throw unused();
    }

    @Override
    protected SSLSessionContext engineGetServerSessionContext() {
        throw unused();
    }

    @Override
    protected SSLSessionContext engineGetClientSessionContext() {
        throw unused();
    }
}
