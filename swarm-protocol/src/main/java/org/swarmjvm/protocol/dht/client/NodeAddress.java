package org.swarmjvm.protocol.dht.client;

import java.net.InetSocketAddress;

/**
 * A DHT node's legacy protocol endpoint, as a nodes file lists it.
 *
 * @param address IPv4 address or host name, non-empty.
 * @param port    legacy port, 1 to 65535.
 */
public record NodeAddress(String address, int port)
{
    /**
     * @param address IPv4 address or host name, non-empty.
     * @param port    legacy port, 1 to 65535.
     * @throws IllegalArgumentException when the address is empty or the port out of range.
     */
    public NodeAddress
    {
        if (null == address || address.isEmpty())
        {
            throw new IllegalArgumentException("a node address must not be empty");
        }
        if (port < 1 || port > 0xffff)
        {
            throw new IllegalArgumentException("a node port is 1 to 65535, not " + port);
        }
    }

    /**
     * @return the endpoint to connect to.
     */
    public InetSocketAddress socketAddress()
    {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString()
    {
        return address + ":" + port;
    }
}
