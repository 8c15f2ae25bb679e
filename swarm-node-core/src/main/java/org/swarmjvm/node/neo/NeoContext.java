package org.swarmjvm.node.neo;

import org.swarmjvm.node.config.IniFile;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Settings of the neo listener.
 */
public final class NeoContext
{
    /** Largest request message body accepted by default; the original has no limit. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;

    private int port;
    private Path credentialsFile = Path.of("etc", "credentials");
    private Path unixSocketPath;
    private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
    private LongSupplier clockSeconds = () -> System.currentTimeMillis() / 1000;
    private Consumer<byte[]> nonceSource = new SecureRandom()::nextBytes;

    /**
     * Reads the neo keys of a queue or logfiles node's {@code [Server]} section: {@code neoport},
     * {@code credentials_path} (default {@code etc/credentials}) and {@code unix_socket_path}.
     *
     * @param ini the node's config file.
     * @return true when the file names a neo port, false when the node serves the legacy protocol only.
     */
    public boolean readServerSection(final IniFile ini)
    {
        credentialsFile(Path.of(ini.get("Server", "credentials_path", "etc/credentials")));
        final String unixSocket = ini.get("Server", "unix_socket_path", null);
        if (null != unixSocket)
        {
            unixSocketPath(Path.of(unixSocket));
        }
        if (null == ini.get("Server", "neoport", null))
        {
            return false;
        }
        port((int)ini.getLong("Server", "neoport", -1));
        return true;
    }

    /**
     * @param port neo port; 0 for any free port.
     * @return this context.
     */
    public NeoContext port(final int port)
    {
        this.port = port;
        return this;
    }

    /**
     * @param credentialsFile the {@code name:hex-key} file, re-read by {@code update-credentials}.
     * @return this context.
     */
    public NeoContext credentialsFile(final Path credentialsFile)
    {
        this.credentialsFile = credentialsFile;
        return this;
    }

    /**
     * @param unixSocketPath where the admin Unix socket goes; {@code null} for none.
     * @return this context.
     */
    public NeoContext unixSocketPath(final Path unixSocketPath)
    {
        this.unixSocketPath = unixSocketPath;
        return this;
    }

    /**
     * @param maxMessageLength largest request body; a longer announced body closes the connection.
     * @return this context.
     */
    public NeoContext maxMessageLength(final int maxMessageLength)
    {
        this.maxMessageLength = maxMessageLength;
        return this;
    }

    /**
     * @param clockSeconds the node's clock for the timestamp check, Unix seconds (tests fix it).
     * @return this context.
     */
    public NeoContext clockSeconds(final LongSupplier clockSeconds)
    {
        this.clockSeconds = clockSeconds;
        return this;
    }

    /**
     * @param nonceSource fills the 4-byte nonce (tests fix it).
     * @return this context.
     */
    public NeoContext nonceSource(final Consumer<byte[]> nonceSource)
    {
        this.nonceSource = nonceSource;
        return this;
    }

    /**
     * @return neo port.
     */
    public int port()
    {
        return port;
    }

    /**
     * @return the credentials file.
     */
    public Path credentialsFile()
    {
        return credentialsFile;
    }

    /**
     * @return the admin socket path, or {@code null}.
     */
    public Path unixSocketPath()
    {
        return unixSocketPath;
    }

    /**
     * @return largest request body.
     */
    public int maxMessageLength()
    {
        return maxMessageLength;
    }

    /**
     * @return the clock.
     */
    public LongSupplier clockSeconds()
    {
        return clockSeconds;
    }

    /**
     * @return the nonce source.
     */
    public Consumer<byte[]> nonceSource()
    {
        return nonceSource;
    }

    /**
     * Checks every setting.
     *
     * @return this context.
     */
    public NeoContext conclude()
    {
        if (port < 0 || port > 65535)
        {
            throw new IllegalArgumentException("invalid neo port: " + port);
        }
        if (maxMessageLength < 1024)
        {
            throw new IllegalArgumentException("invalid neo max message length: " + maxMessageLength);
        }
        return this;
    }
}
