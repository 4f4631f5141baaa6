package io.dynamo.launcher;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How a node process is started: what comes before its {@code node ...} arguments, and its environment. */
public interface NodeRuntime {
    /** A process builder for {@code dynamo ARGUMENTS}, e.g. {@code node --cluster c --node-id n1 ...}. */
    ProcessBuilder processFor(List<String> arguments);

    /**
     * {@code java OPTIONS -cp CLASSPATH MAIN_CLASS ...} with this JVM's {@code java} and class path:
     * the nodes run exactly the code that starts them, without a build or a script.
     */
    static NodeRuntime thisJvm(String mainClass, List<String> jvmOptions) {
        List<String> options = new ArrayList<>(jvmOptions);
        // JDK 24+ warns on every start about Netty's and RocksDB's native access unless told it is
        // allowed (bin/dynamo passes these flags): the nodes get whatever this JVM was given.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--enable-native-access") || arg.startsWith("--sun-misc-unsafe-memory-access")) {
                options.add(arg);
            }
        }
        return new JavaMain(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.class.path"), mainClass, options);
    }

    /** {@code bin/dynamo ...}, told not to build (whoever starts the cluster built it once) and given {@code JAVA_OPTS}. */
    static NodeRuntime script(Path script, String javaOpts) {
        return new Script(script, javaOpts);
    }

    /** A JVM started directly. */
    record JavaMain(Path java, String classPath, String mainClass, List<String> jvmOptions) implements NodeRuntime {
        public JavaMain {
            jvmOptions = List.copyOf(jvmOptions);
        }

        @Override
        public ProcessBuilder processFor(List<String> arguments) {
            List<String> cmd = new ArrayList<>();
            cmd.add(java.toString());
            cmd.addAll(jvmOptions);
            cmd.addAll(List.of("-cp", classPath, mainClass));
            cmd.addAll(arguments);
            return new ProcessBuilder(cmd);
        }
    }

    /** The {@code bin/dynamo} launcher script; it {@code exec}s the JVM, so the process is the node itself. */
    record Script(Path script, String javaOpts) implements NodeRuntime {
        @Override
        public ProcessBuilder processFor(List<String> arguments) {
            List<String> cmd = new ArrayList<>();
            cmd.add(script.toString());
            cmd.addAll(arguments);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().put("DYNAMO_NO_BUILD", "1");
            pb.environment().put("JAVA_OPTS", javaOpts);
            return pb;
        }
    }
}
