package org.swarmjvm.dht.node.storage;

import net.openhft.chronicle.hash.VanillaGlobalMutableState;
import net.openhft.chronicle.values.ValueModel;

import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * Run by the build (dht-node's pom, before the jar is made): generates and compiles the class Chronicle Map would
 * otherwise generate and compile with the Java compiler when the node creates its first map, seconds of CPU on a
 * cold JVM. Chronicle Values looks the class up by name before it generates it, so the one in the jar is used.
 * <p>
 * The source comes from the library's own generator, so it always matches the library's version; the generator is
 * not public, hence the reflection, which fails the build loudly if the library ever changes it.
 */
public final class MapStateClassGenerator
{
    private MapStateClassGenerator()
    {
    }

    /**
     * @param args the class output folder (target/classes).
     * @throws Exception when the class cannot be generated or compiled: the build fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final Class<?> state = VanillaGlobalMutableState.class;
        final String simpleName = state.getSimpleName() + ValueModel.$$NATIVE;
        final Method generate = Class.forName("net.openhft.chronicle.values.Generators")
            .getDeclaredMethod("generateNativeClass", ValueModel.class, String.class);
        generate.setAccessible(true);
        final String source = (String)generate.invoke(null, ValueModel.acquire(state), simpleName);
        final String className = state.getPackageName() + '.' + simpleName;
        final JavaFileObject file = new SimpleJavaFileObject(
            URI.create("string:///" + className.replace('.', '/') + JavaFileObject.Kind.SOURCE.extension),
            JavaFileObject.Kind.SOURCE)
        {
            @Override
            public CharSequence getCharContent(final boolean ignoreEncodingErrors)
            {
                return source;
            }
        };
        final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        final List<String> options = List.of("--release", "17", "-nowarn", "-classpath",
            System.getProperty("java.class.path"), "-d", Path.of(args[0]).toString());
        if (!compiler.getTask(null, null, null, options, null, List.of(file)).call())
        {
            throw new IllegalStateException("cannot compile " + className + ":\n" + source);
        }
    }
}
