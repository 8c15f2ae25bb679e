package org.swarmjvm.protocol;

import java.util.Locale;

/**
 * The names the original nodes use for commands in logs and stats: camel case ({@code GetAllKeys}) where our
 * command enums have constant names ({@code GET_ALL_KEYS}).
 */
public final class CommandLabel
{
    private CommandLabel()
    {
    }

    /**
     * @param command a constant of a command enum.
     * @return the constant's name in camel case.
     */
    public static String of(final Enum<?> command)
    {
        final StringBuilder label = new StringBuilder();
        for (final String word : command.name().split("_"))
        {
            label.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return label.toString();
    }
}
