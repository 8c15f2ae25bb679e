package org.swarmjvm.support.config;

/**
 * Keys every original program (dhtnode, dmqnode, dlsnode, dhtdump) reads through its framework, ocean, and that
 * mean nothing here, so that an original config starts without a warning for each. Each program's context accepts
 * its own such keys beside these.
 * <p>
 * From the original example configs ({@code doc/etc/*.ini} of dhtnode, dmqnode and dlsnode, and their test
 * configs) and ocean's config classes: the logger's {@code [LOG]} and {@code [LOG.<logger>]} sections
 * ({@code ocean.util.log.Config}), the stats log's {@code [STATS]} keys ({@code StatsLog.Config}), the pid lock's
 * {@code [PidLock] path} and the version log's {@code [VERSION] default_version_log}. Our programs log to standard
 * error and take a lock file in their data folder instead.
 */
public final class OriginalKeys
{
    private OriginalKeys()
    {
    }

    /**
     * Accepts the framework's keys in a program's config.
     *
     * @param ini the program's config file.
     */
    public static void acceptFramework(final IniFile ini)
    {
        ini.acceptSections("LOG");
        ini.accept("STATS", "max_file_size", "file_count", "start_compress", "socket_path", "hostname", "app_name",
            "app_instance", "default_type", "interval");
        ini.accept("PidLock", "path");
        ini.accept("VERSION", "default_version_log");
    }
}
