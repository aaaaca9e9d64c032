package io.emrys.compute.nodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A step's {@code spark-submit} arguments, made fit for the cluster: {@code --master} is dropped (EMR users write
 * {@code --master yarn}; the cluster's standalone master is set by Emrys), and so is {@code --deploy-mode}: every
 * step's driver runs in client mode on the master instance, because Spark's standalone manager refuses cluster mode
 * for Python applications and the master instance is where EMR's client-mode drivers run too. The driver's memory
 * is kept to size the driver's JVM.
 */
record StepArguments(List<String> forClientMode, Optional<String> driverMemory)
{
    static StepArguments parse(List<String> arguments)
    {
        List<String> kept = new ArrayList<>();
        Optional<String> driverMemory = Optional.empty();
        boolean options = true;
        for (int i = 0; i < arguments.size(); i++) {
            String argument = arguments.get(i);
            if (options && (argument.equals("--master") || argument.equals("--deploy-mode")) && i + 1 < arguments.size()) {
                i++;
                continue;
            }
            if (options && (argument.startsWith("--master=") || argument.startsWith("--deploy-mode="))) {
                continue;
            }
            if (options && argument.equals("--driver-memory") && i + 1 < arguments.size()) {
                driverMemory = Optional.of(arguments.get(i + 1));
            }
            if (options && argument.equals("--conf") && i + 1 < arguments.size() && arguments.get(i + 1).startsWith("spark.driver.memory=")) {
                driverMemory = Optional.of(arguments.get(i + 1).substring("spark.driver.memory=".length()));
            }
            if (options && !argument.startsWith("--") && (i == 0 || !takesValue(arguments.get(i - 1)))) {
                // the primary resource: what follows are the application's own arguments
                options = false;
            }
            kept.add(argument);
        }
        return new StepArguments(List.copyOf(kept), driverMemory);
    }

    private static boolean takesValue(String option)
    {
        return option.startsWith("--") && !option.contains("=") && !List.of("--verbose", "--supervise", "--help", "--version").contains(option);
    }
}
