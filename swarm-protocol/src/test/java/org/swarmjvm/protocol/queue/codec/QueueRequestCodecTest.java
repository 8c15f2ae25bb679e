package org.swarmjvm.protocol.queue.codec;

import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.swarmjvm.protocol.codec.ArrayPrefix;
import org.swarmjvm.protocol.codec.ChannelArrayRequestDecoder;
import org.swarmjvm.protocol.codec.ChannelRequestDecoder;
import org.swarmjvm.protocol.codec.RequestScanner;
import org.swarmjvm.protocol.codec.WireWriter;
import org.swarmjvm.protocol.fixtures.Fixtures;
import org.swarmjvm.protocol.fixtures.Hex;
import org.swarmjvm.protocol.fixtures.WireTranscript;
import org.swarmjvm.protocol.queue.QueueCommand;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueueRequestCodecTest
{
    private final RequestScanner scanner = new RequestScanner();

    @Test
    void shouldDecodeAndReencodeEveryRequestTheOriginalsTranscriptsHold() throws IOException
    {
        final Set<QueueCommand> seen = EnumSet.noneOf(QueueCommand.class);
        int requests = 0;
        try (Stream<Path> files = Files.list(Fixtures.path("wire/queue")))
        {
            for (final Path file : files.sorted().toList())
            {
                for (final WireTranscript.Step step : WireTranscript.parse(file).clientSteps())
                {
                    if (step instanceof WireTranscript.Send send && send.bytes().length >= 4)
                    {
                        final QueueCommand command = QueueCommand.of(
                            ByteBuffer.wrap(send.bytes()).order(ByteOrder.LITTLE_ENDIAN).getInt());
                        byte[] reencoded;
                        try
                        {
                            reencoded = null == command ? null : roundTrip(command, send.bytes());
                        }
                        catch (final NonAsciiName ex)
                        {
                            reencoded = null;
                        }
                        if (null != reencoded)
                        {
                            assertArrayEquals(send.bytes(), reencoded, file.getFileName() + ":" + send.line());
                            seen.add(command);
                            requests++;
                        }
                    }
                }
            }
        }
        assertEquals(EnumSet.allOf(QueueCommand.class), seen);
        assertTrue(requests > 80, "requests checked: " + requests);
    }

    @Test
    void shouldReportIncompleteForEveryPrefixOfARequest()
    {
        final byte[] request = Hex.parse("09000000 0500000000000000 66785f6d31 0500000000000000 66785f6d32 " +
            "0000000000000000 0100000000000000 76");
        final PushMultiRequestDecoder decoder = new PushMultiRequestDecoder();
        for (int length = 4; length < request.length; length++)
        {
            assertEquals(RequestScanner.INCOMPLETE,
                decoder.decode(scanner.wrap(new UnsafeBuffer(request), 4, length)), "prefix " + length);
        }
        assertEquals(request.length - 4, decoder.decode(scanner.wrap(new UnsafeBuffer(request), 4, request.length)));
        assertEquals(2, decoder.channelCount());
        assertEquals(1, decoder.valueLength());
    }

    @Test
    void shouldCloseWhenAnArrayIsOverTheLimitOrTheListIsTooLong()
    {
        final UnsafeBuffer over = new UnsafeBuffer(new byte[32]);
        over.putLong(0, 2, ByteOrder.LITTLE_ENDIAN);
        over.putShort(8, (short)0x6363);
        over.putLong(10, ArrayPrefix.MAX_ARRAY_LENGTH + 1L, ByteOrder.LITTLE_ENDIAN);
        assertEquals(RequestScanner.CLOSE_AFTER_DISCARD,
            new ChannelArrayRequestDecoder().decode(scanner.wrap(over, 0, 32)));
        assertEquals(ArrayPrefix.MAX_ARRAY_LENGTH + 1L, scanner.discardLength());

        final ExpandableArrayBuffer list = new ExpandableArrayBuffer();
        final WireWriter writer = new WireWriter().wrap(list, 0);
        for (int i = 0; i <= org.swarmjvm.protocol.queue.QueueConst.MAX_CHANNELS_PER_REQUEST; i++)
        {
            writer.array("c");
        }
        writer.emptyArray();
        assertEquals(RequestScanner.CLOSE_AFTER_DISCARD,
            new ChannelListRequestDecoder().decode(scanner.wrap(list, 0, writer.position())));
    }

    @Test
    void shouldTellEndOfStreamFromRecord()
    {
        final StreamRecordDecoder decoder = new StreamRecordDecoder();
        final UnsafeBuffer end = new UnsafeBuffer(new byte[8]);
        assertEquals(8, decoder.decode(scanner.wrap(end, 0, 8)));
        assertTrue(decoder.isEndOfStream());
        final byte[] record = Hex.parse("0200000000000000 7031");
        assertEquals(10, decoder.decode(scanner.wrap(new UnsafeBuffer(record), 0, 10)));
        assertEquals(2, decoder.recordLength());
    }

    @Test
    void shouldKnowNoRemovedCommand()
    {
        for (final int removed : new int[] {0, 3, 4, 5, 7, 13, 14, 24, 0x101, -1})
        {
            assertNull(QueueCommand.of(removed), "code " + removed);
        }
        assertEquals("PushMulti", QueueCommand.PUSH_MULTI.label());
        assertEquals("GetNumConnections", QueueCommand.GET_NUM_CONNECTIONS.label());
    }

    private byte[] roundTrip(final QueueCommand command, final byte[] request)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(request);
        scanner.wrap(buffer, 4, request.length);
        final ExpandableArrayBuffer out = new ExpandableArrayBuffer();
        final WireWriter writer = new WireWriter().wrap(out, 0);
        final QueueRequestEncoder encoder = new QueueRequestEncoder(writer);
        final int consumed;
        switch (command)
        {
            case PUSH:
            {
                final ChannelArrayRequestDecoder decoder = new ChannelArrayRequestDecoder();
                consumed = decoder.decode(scanner);
                if (consumed == request.length - 4)
                {
                    encoder.push(channel(decoder), buffer, decoder.arrayOffset(), decoder.arrayLength());
                }
                break;
            }
            case PUSH_MULTI:
            {
                final PushMultiRequestDecoder decoder = new PushMultiRequestDecoder();
                consumed = decoder.decode(scanner);
                if (consumed == request.length - 4)
                {
                    final byte[] value = new byte[decoder.valueLength()];
                    buffer.getBytes(decoder.valueOffset(), value);
                    encoder.pushMulti(channels(decoder), value);
                }
                break;
            }
            case PRODUCE_MULTI:
            {
                final ChannelListRequestDecoder decoder = new ChannelListRequestDecoder();
                consumed = decoder.decode(scanner);
                if (consumed == request.length - 4)
                {
                    encoder.produceMulti(channels(decoder));
                }
                break;
            }
            case GET_NUM_CONNECTIONS:
                consumed = scanner.complete();
                encoder.getNumConnections();
                break;
            default:
            {
                final ChannelRequestDecoder decoder = new ChannelRequestDecoder();
                consumed = decoder.decode(scanner);
                if (consumed == request.length - 4)
                {
                    encoder.channel(command, channel(decoder));
                }
            }
        }
        if (consumed != request.length - 4)
        {
            return null;
        }
        final byte[] bytes = new byte[writer.position()];
        out.getBytes(0, bytes);
        return bytes;
    }

    private static String channel(final ChannelRequestDecoder decoder)
    {
        return ascii(decoder.buffer(), decoder.channelOffset(), decoder.channelLength());
    }

    /**
     * Clients send ASCII names only; a non-ASCII name (sent raw by a bad-name transcript) is not re-encoded.
     */
    private static String ascii(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) < 0)
            {
                throw new NonAsciiName();
            }
        }
        return buffer.getStringWithoutLengthAscii(offset, length);
    }

    private static final class NonAsciiName extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
    }

    private static List<String> channels(final ChannelListRequestDecoder decoder)
    {
        final List<String> channels = new ArrayList<>();
        for (int i = 0; i < decoder.channelCount(); i++)
        {
            channels.add(ascii(decoder.buffer(), decoder.channelOffset(i), decoder.channelLength(i)));
        }
        return channels;
    }
}
