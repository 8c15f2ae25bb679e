package org.swarmjvm.node.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A node's metrics endpoint asked over real HTTP on 127.0.0.1: the metrics page and the health check.
 */
public final class MetricsEndpoint
{
    /** The content type of the Prometheus text format. */
    public static final String TEXT_FORMAT = "text/plain; version=0.0.4; charset=utf-8";

    private MetricsEndpoint()
    {
    }

    /**
     * One answer.
     *
     * @param status      the HTTP status.
     * @param contentType its content type.
     * @param body        its body.
     */
    public record Answer(int status, String contentType, String body)
    {
    }

    /**
     * @param port of the endpoint.
     * @param path asked for.
     * @return the answer.
     * @throws IOException when nothing answers, e.g. the port is not bound yet.
     */
    public static Answer get(final int port, final String path) throws IOException
    {
        final HttpURLConnection http =
            (HttpURLConnection)URI.create("http://127.0.0.1:" + port + path).toURL().openConnection();
        try
        {
            final int status = http.getResponseCode();
            try (InputStream body = status < 400 ? http.getInputStream() : http.getErrorStream())
            {
                return new Answer(status, http.getContentType(),
                    null == body ? "" : new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        finally
        {
            http.disconnect();
        }
    }

    /**
     * @param port of the endpoint.
     * @param path asked for.
     * @return the body of an answer that must be 200.
     */
    public static String page(final int port, final String path)
    {
        try
        {
            final Answer answer = get(port, path);
            assertTrue(200 == answer.status(), path + " answered " + answer);
            return answer.body();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Asks until the path answers the status (or the port is bound and answers it), failing after
     * {@link Await#DEFAULT_TIMEOUT}.
     *
     * @param port   of the endpoint.
     * @param path   asked for.
     * @param status awaited.
     * @return that answer.
     */
    public static Answer awaitStatus(final int port, final String path, final int status)
    {
        final AtomicReference<Answer> last = new AtomicReference<>();
        Await.until(path + " answering " + status, () ->
        {
            try
            {
                last.set(get(port, path));
                return status == last.get().status();
            }
            catch (final IOException ex)
            {
                return false;
            }
        });
        return last.get();
    }

    /**
     * Scrapes {@code /metrics} until the sample has the value, failing after {@link Await#DEFAULT_TIMEOUT}: for a
     * figure the poller thread changes after the test's own action returned, such as a connection's count.
     *
     * @param port     of the endpoint.
     * @param sample   a sample's name and labels.
     * @param expected its value.
     * @return the page that had it.
     */
    public static String awaitValue(final int port, final String sample, final double expected)
    {
        final AtomicReference<String> last = new AtomicReference<>();
        Await.until("/metrics giving " + sample + " " + expected, () ->
        {
            last.set(page(port, "/metrics"));
            return has(last.get(), sample) && expected == value(last.get(), sample);
        });
        return last.get();
    }

    /**
     * @param page   a metrics page.
     * @param sample a sample's name and labels, e.g. {@code swarm_requests_total{command="Put"}}.
     * @return whether the page holds the sample.
     */
    public static boolean has(final String page, final String sample)
    {
        return matcher(page, sample).find();
    }

    /**
     * @param page   a metrics page.
     * @param sample a sample's name and labels, e.g. {@code swarm_requests_total{command="Put"}}.
     * @return its value; fails when the page has no such sample.
     */
    public static double value(final String page, final String sample)
    {
        final Matcher matcher = matcher(page, sample);
        assertTrue(matcher.find(), "no sample " + sample + " in:\n" + page);
        return Double.parseDouble(matcher.group(1));
    }

    private static Matcher matcher(final String page, final String sample)
    {
        return Pattern.compile("^" + Pattern.quote(sample) + " (\\S+)$", Pattern.MULTILINE).matcher(page);
    }
}
