package org.swarmjvm.support.config;

/**
 * The checks of the addresses and ports a config names: the nodes' listen addresses and dht-dump's node.
 */
public final class Addresses
{
    /** Largest TCP port. */
    public static final int MAX_PORT = 65535;

    private Addresses()
    {
    }

    /**
     * @param value an address from a config or the command line.
     * @return the value, when it is an IPv4 address in dotted decimal form, as the original requires (no host name,
     *         which would need a name lookup).
     * @throws IllegalArgumentException saying that it must be one, otherwise.
     */
    public static String ipv4(final String value)
    {
        final String[] parts = value.split("\\.", -1);
        boolean valid = 4 == parts.length;
        for (int i = 0; valid && i < parts.length; i++)
        {
            valid = parts[i].matches("[0-9]{1,3}") && Integer.parseInt(parts[i]) <= 255;
        }
        if (!valid)
        {
            throw new IllegalArgumentException("must be an IPv4 address");
        }
        return value;
    }
}
