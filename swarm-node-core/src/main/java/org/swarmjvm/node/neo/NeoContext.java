package org.swarmjvm.node.neo;

import org.swarmjvm.support.config.Addresses;
import org.swarmjvm.support.config.IniFile;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Settings of the neo listener.
 */
public final class NeoContext
{
    /** Largest request message body accepted by default; the original has no limit. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 16 * 1024 * 1024;
    /**
     * Time a new connection has to authenticate by default: an honest client needs three round trips, a silent
     * one holds a descriptor and a read buffer until then.
     */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(5);
    /**
     * Unauthenticated connections held at once by default: half the default listen backlog, so that a burst of
     * honest reconnections after a restart fits, while a flood of silent connections holds at most this many
     * read buffers.
     */
    public static final int DEFAULT_UNAUTHENTICATED_LIMIT = 1024;
    /** The section of the limits every client has; {@code [Throttle.<client name>]} overrides them for one. */
    public static final String THROTTLE_SECTION = "Throttle";

    private int port;
    private Path credentialsFile = Path.of("etc", "credentials");
    private Path unixSocketPath;
    private int maxMessageLength = DEFAULT_MAX_MESSAGE_LENGTH;
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private int unauthenticatedLimit = DEFAULT_UNAUTHENTICATED_LIMIT;
    private LongSupplier clockSeconds = () -> System.currentTimeMillis() / 1000;
    private Consumer<byte[]> nonceSource = new SecureRandom()::nextBytes;
    private ClientLimits throttle = ClientLimits.NONE;
    private final Map<String, ClientLimits> throttleByClient = new LinkedHashMap<>();
    private LongSupplier throttleClockNanos = System::nanoTime;

    /**
     * Reads the neo keys of a queue or logfiles node's {@code [Server]} section: {@code neoport} and the keys of
     * {@link #readListenerKeys(IniFile)}.
     *
     * @param ini the node's config file.
     * @return true when the file names a neo port, false when the node serves the legacy protocol only.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value.
     */
    public boolean readServerSection(final IniFile ini)
    {
        readListenerKeys(ini);
        if (null == ini.get("Server", "neoport", null))
        {
            return false;
        }
        port(ini.getInt("Server", "neoport", 0, 0, Addresses.MAX_PORT));
        return true;
    }

    /**
     * Reads the neo keys every node has in its {@code [Server]} section (the DHT node derives its port instead):
     * {@code credentials_path} (default {@code etc/credentials}), {@code unix_socket_path},
     * {@code neo_handshake_timeout_ms} and {@code neo_unauthenticated_limit}; and the client limits of the
     * {@code [Throttle]} section and its {@code [Throttle.<client name>]} sections, {@code requests_per_second} and
     * {@code bytes_per_second} (absent or 0: no limit; a client's section inherits a key it leaves out).
     *
     * @param ini the node's config file.
     * @throws IllegalArgumentException naming the file, the line, the key and the value of the first bad value.
     */
    public void readListenerKeys(final IniFile ini)
    {
        credentialsFile(Path.of(ini.get("Server", "credentials_path", "etc/credentials")));
        final String unixSocket = ini.get("Server", "unix_socket_path", null);
        if (null != unixSocket)
        {
            unixSocketPath(Path.of(unixSocket));
        }
        handshakeTimeout(Duration.ofMillis(
            ini.getLong("Server", "neo_handshake_timeout_ms", DEFAULT_HANDSHAKE_TIMEOUT.toMillis(),
                1, Long.MAX_VALUE)));
        unauthenticatedLimit(
            ini.getInt("Server", "neo_unauthenticated_limit", DEFAULT_UNAUTHENTICATED_LIMIT, 1, Integer.MAX_VALUE));
        throttle(readLimits(ini, THROTTLE_SECTION, ClientLimits.NONE));
        for (final String client : ini.subsections(THROTTLE_SECTION))
        {
            throttle(client, readLimits(ini, THROTTLE_SECTION + "." + client, throttle));
        }
    }

    private static ClientLimits readLimits(final IniFile ini, final String section, final ClientLimits inherited)
    {
        return new ClientLimits(
            ini.getLong(section, "requests_per_second", inherited.requestsPerSecond(), 0, Long.MAX_VALUE),
            ini.getLong(section, "bytes_per_second", inherited.bytesPerSecond(), 0, Long.MAX_VALUE));
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
     * @param handshakeTimeout time from accept to a successful authentication; a connection still unauthenticated
     *                         then is closed.
     * @return this context.
     */
    public NeoContext handshakeTimeout(final Duration handshakeTimeout)
    {
        this.handshakeTimeout = handshakeTimeout;
        return this;
    }

    /**
     * @param unauthenticatedLimit most unauthenticated connections at once; a new one above it closes the oldest
     *                             unauthenticated one.
     * @return this context.
     */
    public NeoContext unauthenticatedLimit(final int unauthenticatedLimit)
    {
        this.unauthenticatedLimit = unauthenticatedLimit;
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
     * @param limits of every client without limits of its own; {@link ClientLimits#NONE} for none.
     * @return this context.
     */
    public NeoContext throttle(final ClientLimits limits)
    {
        this.throttle = limits;
        return this;
    }

    /**
     * @param client name, as in the credentials file.
     * @param limits of that client instead of the default ones; {@link ClientLimits#NONE} exempts it.
     * @return this context.
     */
    public NeoContext throttle(final String client, final ClientLimits limits)
    {
        throttleByClient.put(client, limits);
        return this;
    }

    /**
     * @param throttleClockNanos the monotonic clock the client throttles refill by (tests move it by hand).
     * @return this context.
     */
    public NeoContext throttleClockNanos(final LongSupplier throttleClockNanos)
    {
        this.throttleClockNanos = throttleClockNanos;
        return this;
    }

    /**
     * @param client name.
     * @return the limits of that client: its own, or the default ones.
     */
    public ClientLimits throttleOf(final String client)
    {
        return throttleByClient.getOrDefault(client, throttle);
    }

    /**
     * @return whether some client has limits.
     */
    public boolean isThrottled()
    {
        if (throttle.isLimited())
        {
            return true;
        }
        for (final ClientLimits limits : throttleByClient.values())
        {
            if (limits.isLimited())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the clock of the client throttles.
     */
    public LongSupplier throttleClockNanos()
    {
        return throttleClockNanos;
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
     * @return time from accept to a successful authentication.
     */
    public Duration handshakeTimeout()
    {
        return handshakeTimeout;
    }

    /**
     * @return most unauthenticated connections at once.
     */
    public int unauthenticatedLimit()
    {
        return unauthenticatedLimit;
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
        if (handshakeTimeout.isNegative() || handshakeTimeout.isZero())
        {
            throw new IllegalArgumentException("invalid neo_handshake_timeout_ms: " + handshakeTimeout.toMillis());
        }
        if (unauthenticatedLimit < 1)
        {
            throw new IllegalArgumentException("invalid neo_unauthenticated_limit: " + unauthenticatedLimit);
        }
        return this;
    }
}
