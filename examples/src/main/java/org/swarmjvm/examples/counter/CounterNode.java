package org.swarmjvm.examples.counter;

import org.swarmjvm.node.NodeContext;
import org.swarmjvm.node.NodeServer;

import java.util.concurrent.CountDownLatch;

/**
 * Runs a counter node: {@code java <jvm flags> -cp ... org.swarmjvm.examples.counter.CounterNode [PORT]} serves
 * on 127.0.0.1:PORT (default: an ephemeral port, printed) until SIGTERM or Ctrl-C.
 */
public final class CounterNode
{
    private CounterNode()
    {
    }

    /**
     * @param args the port, optional.
     * @throws InterruptedException never: the main thread waits for the JVM's end.
     */
    public static void main(final String[] args) throws InterruptedException
    {
        final int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        final NodeServer node = NodeServer.launch(
            new NodeContext().name("counter-node").address("127.0.0.1").port(port), new CounterNodeEngine());
        final CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() ->
        {
            node.close();
            stopped.countDown();
        }, "counter-node-stop"));
        System.out.println("counter-node serves on " + node.address() + ":" + node.port());
        stopped.await();
    }
}
