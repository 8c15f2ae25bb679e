package org.swarmjvm.node.neo;

import org.swarmjvm.protocol.neo.NeoCredentials;
import org.swarmjvm.protocol.neo.NeoHmac;

import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The credentials in force: loaded at start, replaced as a whole by {@link #reload()}. Until a file has been
 * loaded the node refuses neo connections.
 */
public final class CredentialsRegistry
{
    private static final Logger LOG = System.getLogger(CredentialsRegistry.class.getName());

    private final Path file;
    private volatile Map<String, SecretKeySpec> keys;

    /**
     * Loads the file if it exists; logs why not otherwise.
     *
     * @param file the credentials file.
     */
    public CredentialsRegistry(final Path file)
    {
        this.file = file;
        try
        {
            reload();
            LOG.log(Level.INFO, "neo credentials loaded from {0}: {1} client(s)", file.toAbsolutePath(),
                keys.size());
        }
        catch (final NoSuchFileException ex)
        {
            LOG.log(Level.WARNING, "no neo credentials file at {0}: neo connections are refused until it " +
                "exists and update-credentials is sent; the legacy port is served", file.toAbsolutePath());
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            LOG.log(Level.WARNING, "neo credentials file {0} unusable ({1}): neo connections are refused until " +
                "it is fixed and update-credentials is sent", file.toAbsolutePath(), ex.getMessage());
        }
    }

    /**
     * Re-reads the file; on any error the credentials in force stay.
     *
     * @throws IOException              when the file cannot be read.
     * @throws IllegalArgumentException when the content is invalid.
     */
    public void reload() throws IOException
    {
        final Map<String, byte[]> parsed = NeoCredentials.read(file);
        final Map<String, SecretKeySpec> specs = new LinkedHashMap<>();
        parsed.forEach((name, key) -> specs.put(name, NeoHmac.keySpec(key)));
        keys = specs;
    }

    /**
     * @return true once a credentials file was loaded.
     */
    public boolean isLoaded()
    {
        return null != keys;
    }

    /**
     * @param name client name.
     * @return its key, or {@code null}.
     */
    public SecretKeySpec key(final String name)
    {
        final Map<String, SecretKeySpec> current = keys;
        return null == current ? null : current.get(name);
    }

    /**
     * @return registered names.
     */
    public Set<String> names()
    {
        final Map<String, SecretKeySpec> current = keys;
        return null == current ? Set.of() : current.keySet();
    }
}
