package org.swarmjvm.cli.dht;

import org.swarmjvm.cli.Keys;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A command on one record: CHANNEL KEY, the key as hex digits or hashed with {@code --hash}.
 */
abstract class KeyedCommand extends ChannelCommand
{
    @Parameters(index = "1", paramLabel = "KEY", description = "1 to 16 hex digits, or any string with --hash")
    String keyText;

    @Option(names = "--hash", description = "KEY is a string; use its FNV-1a 64 hash (of the UTF-8 bytes)")
    boolean hashKey;

    long key;

    @Override
    protected void prepare()
    {
        super.prepare();
        key = Keys.parse(keyText, hashKey);
    }
}
